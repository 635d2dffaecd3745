"""Engine events as JSON lines: one event per line, keys sorted, in time order; written whole or
not at all, `-` to standard output."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from interdict.core.jsonable import to_jsonable
from interdict.engine.events import EngineEvent
from interdict.io.outputs import atomic_text

__all__ = ["write_events"]


def write_events(path: Path, events: Iterable[EngineEvent]) -> None:
    with atomic_text(path) as f:
        for e in events:
            f.write(json.dumps(to_jsonable(e), separators=(",", ":"), sort_keys=True) + "\n")
