"""Deterministic JSON: dataclasses, enums, tuples, mappings and numpy values to JSON-ready values,
and the canonical form (sorted keys, no spaces) that hashes and change detection use."""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

import numpy as np

__all__ = ["to_jsonable", "canonical_json"]


_PLAIN = frozenset({str, int, bool, type(None)})


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...] | None:
    """A dataclass's field names (None for any other type), looked up once per type."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_jsonable(value: Any) -> Any:  # noqa: PLR0911  (one return per kind of value)
    """A deterministic JSON-ready form of dataclasses, enums, tuples, mappings and numpy values."""
    cls: Any = type(value)
    if cls in _PLAIN:  # the common leaves first: the audit log converts every record
        return value
    if cls is float:
        return value if math.isfinite(value) else str(value)
    if cls is tuple or cls is list:
        return [to_jsonable(v) for v in value]
    names = _field_names(cls)
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=canonical_json) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    if isinstance(value, np.generic):
        return to_jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump(mode="json"))
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
