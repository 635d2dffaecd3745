"""The map's base layers, shipped with the package: rivers, lakes and country borders around Peru
from Natural Earth 1:50m (public domain), extracted by scripts/extract_basemap.py. Polylines in
WGS84 degrees, columns (lon_deg, lat_deg)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

from interdict.core.arrays import FloatArray

__all__ = ["Basemap", "load_basemap"]


@dataclass(frozen=True, slots=True)
class Basemap:
    source: str
    rivers: tuple[FloatArray, ...]
    lakes: tuple[FloatArray, ...]
    countries: tuple[FloatArray, ...]  # borders and coasts, as closed rings


def load_basemap() -> Basemap:
    """The shipped extract."""
    doc = json.loads((files("interdict.reference") / "data" / "basemap-peru-50m.json").read_text())

    def lines(layer: str) -> tuple[FloatArray, ...]:
        return tuple(np.asarray(line, dtype=float) for line in doc[layer])

    return Basemap(str(doc["source"]), lines("rivers"), lines("lakes"), lines("countries"))
