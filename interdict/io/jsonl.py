"""Reading JSON-lines files: one object per line, every error naming the file and the line (and the
field, for values), raised as the reader's own error type."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interdict.core.errors import InterdictError
from interdict.io.header import is_header

__all__ = ["json_lines", "finite_number"]


def json_lines(path: Path, what: str, error: type[InterdictError] = InterdictError) -> Iterator[tuple[str, Any]]:
    """(`file:line`, decoded value) for every non-blank line but a run header on the first line
    (io.header); `what` names the file in errors."""
    try:
        handle = path.open("r", encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot open {what}: {exc.strerror}") from exc
    with handle:
        try:
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise error(f"{where}: not valid JSON ({exc.msg})") from exc
                if lineno == 1 and is_header(value):
                    continue
                yield where, value
        except UnicodeDecodeError as exc:
            raise error(f"{path}: not a UTF-8 text file of JSON lines") from exc


def finite_number(value: Any, where: str, error: type[InterdictError] = InterdictError) -> float:
    """`value` as a float, or `error` naming `where` unless it is a finite number (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise error(f"{where}: expected a finite number, got {value!r}")
    return float(value)
