"""The run header every output file starts with: what made it (interdict's version), from which
scenario (its name and the SHA-256 of its file) and with which seed. In a JSON-lines file it is the
first line, an object whose only key is `run`; in a JSON document, its `run` key. Readers skip it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interdict import __version__

__all__ = ["RunHeader", "run_header", "is_header"]

RunHeader = Mapping[str, Any]


def run_header(kind: str, *, scenario: str | None, scenario_sha256: str | None, seed: int | None) -> dict[str, Any]:
    """`{"run": {...}}` for an output of `kind` (events, report, plots, truth, tracks, ...)."""
    return {
        "run": {
            "format": f"interdict/{kind}/1",
            "interdict_version": __version__,
            "scenario": scenario,
            "scenario_sha256": scenario_sha256,
            "seed": seed,
        }
    }


def is_header(value: Any) -> bool:
    """A JSON-lines file's first value is its run header when it is an object with `run` alone."""
    return isinstance(value, dict) and set(value) == {"run"} and isinstance(value["run"], dict)
