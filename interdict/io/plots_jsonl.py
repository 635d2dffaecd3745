"""Plot files: JSON lines, one `Plot` per line, keys in field order; errors name file, line and
field."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from interdict.contract.plots import Plot
from interdict.core.errors import PlotFileError
from interdict.io.jsonl import finite_number, json_lines
from interdict.io.outputs import atomic_text

__all__ = ["plot_to_json", "plot_from_dict", "write_plots", "read_plots"]


_FIELDS = tuple(f.name for f in fields(Plot))


_REQUIRED = ("plot_id", "radar_id", "t_s", "range_m", "azimuth_rad")


def plot_to_json(plot: Plot) -> str:
    """One JSON object, keys in field order, floats as Python's shortest round-trip repr."""
    return json.dumps(asdict(plot), separators=(",", ":"))


def _number(value: Any, where: str) -> float:
    return finite_number(value, where, PlotFileError)


def plot_from_dict(obj: Any, where: str) -> Plot:
    """Build a Plot from a decoded JSON object; `where` names file and line for errors."""
    if not isinstance(obj, dict):
        raise PlotFileError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(_FIELDS))
    missing = [k for k in _REQUIRED if k not in obj]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(f"missing keys {missing}")
        if unknown:
            parts.append(f"unknown keys {unknown}")
        raise PlotFileError(f"{where}: {'; '.join(parts)} (expected keys: {list(_FIELDS)})")
    if isinstance(obj["plot_id"], bool) or not isinstance(obj["plot_id"], int):
        raise PlotFileError(f"{where}.plot_id: expected an integer, got {obj['plot_id']!r}")
    if not isinstance(obj["radar_id"], str):
        raise PlotFileError(f"{where}.radar_id: expected a string, got {obj['radar_id']!r}")
    mode_a = obj.get("mode_a")
    if mode_a is not None and not (
        isinstance(mode_a, str) and len(mode_a) == 4 and all(c in "01234567" for c in mode_a)
    ):
        raise PlotFileError(f'{where}.mode_a: expected a four-digit octal string such as "1200", got {mode_a!r}')
    elevation = obj.get("elevation_rad")
    mode_c = obj.get("mode_c_alt_ft")
    range_m = _number(obj["range_m"], f"{where}.range_m")
    if range_m < 0:
        raise PlotFileError(f"{where}.range_m: expected a non-negative range, got {range_m}")
    return Plot(
        plot_id=obj["plot_id"],
        radar_id=obj["radar_id"],
        t_s=_number(obj["t_s"], f"{where}.t_s"),
        range_m=range_m,
        azimuth_rad=_number(obj["azimuth_rad"], f"{where}.azimuth_rad"),
        elevation_rad=None if elevation is None else _number(elevation, f"{where}.elevation_rad"),
        mode_a=mode_a,
        mode_c_alt_ft=None if mode_c is None else _number(mode_c, f"{where}.mode_c_alt_ft"),
    )


def write_plots(path: Path, plots: Iterable[Plot], header: Mapping[str, Any]) -> int:
    """Write the run header (io.header) and the plots as JSON lines (whole or not at all, `-` to
    standard output); returns how many plots."""
    n = 0
    with atomic_text(path) as out:
        out.write(json.dumps(header, separators=(",", ":")) + "\n")
        for plot in plots:
            out.write(plot_to_json(plot))
            out.write("\n")
            n += 1
    return n


def _iter_plots(path: Path) -> Iterator[Plot]:
    last_t_s = -math.inf
    for where, obj in json_lines(path, "plot file", PlotFileError):
        plot = plot_from_dict(obj, where)
        if plot.t_s < last_t_s:
            raise PlotFileError(f"{where}.t_s: plots must be ordered by t_s; {plot.t_s} comes after {last_t_s}")
        last_t_s = plot.t_s
        yield plot


def read_plots(path: Path) -> tuple[Plot, ...]:
    """Read a JSON-lines plot file; raises PlotFileError naming file, line and field."""
    return tuple(_iter_plots(path))
