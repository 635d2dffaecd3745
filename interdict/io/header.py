"""The run header every output file starts with: what made it (interdict's version), from which
scenario (its name and the SHA-256 of its file) and with which seed. In a JSON-lines file it is the
first line, an object whose only key is `run`; in a JSON document, its `run` key. Readers skip it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interdict import __version__

__all__ = ["RunHeader", "run_header", "is_header", "header_of", "same_run"]

RunHeader = Mapping[str, Any]


def run_header(
    kind: str, *, scenario: str | None, scenario_sha256: str | None, seed: int | None, **more: Any
) -> dict[str, Any]:
    """`{"run": {...}}` for an output of `kind` (events, report, plots, truth, tracks, ...); `more` adds
    keys of that kind's own (a benchmark's provenance and status, the inputs a command read)."""
    return {
        "run": {
            "format": f"interdict/{kind}/1",
            "interdict_version": __version__,
            "scenario": scenario,
            "scenario_sha256": scenario_sha256,
            "seed": seed,
            **more,
        }
    }


def is_header(value: Any) -> bool:
    """A JSON-lines file's first value is its run header when it is an object with `run` alone."""
    return isinstance(value, dict) and set(value) == {"run"} and isinstance(value["run"], dict)


def header_of(path: Path) -> dict[str, Any] | None:
    """The `run` object of a JSON-lines file's header, or None (no header, not JSON lines, unreadable:
    the file's reader says why)."""
    try:
        with path.open("r", encoding="utf-8") as f:
            first = f.readline()
        value = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return dict(value["run"]) if is_header(value) else None


def same_run(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> list[str]:
    """What two headers say differently about the run they come from (scenario, its SHA-256, seed),
    in words; a key either lacks is not compared."""
    if a is None or b is None:
        return []
    return [
        f"{key} {a[key]!r} and {b[key]!r}"
        for key in ("scenario", "scenario_sha256", "seed")
        if a.get(key) is not None and b.get(key) is not None and a[key] != b[key]
    ]
