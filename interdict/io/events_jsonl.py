"""Engine events as JSON lines: a run header, then one event per line, keys sorted, in time order; written whole or
not at all, `-` to standard output."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from interdict.core.jsonable import to_jsonable
from interdict.engine.events import EngineEvent
from interdict.io.outputs import atomic_text

__all__ = ["write_events"]


def write_events(path: Path, events: Iterable[EngineEvent], header: Mapping[str, Any]) -> None:
    """The run header (io.header), then one event per line."""
    with atomic_text(path) as f:
        f.write(json.dumps(header, separators=(",", ":"), sort_keys=True) + "\n")
        for e in events:
            f.write(json.dumps(to_jsonable(e), separators=(",", ":"), sort_keys=True) + "\n")
