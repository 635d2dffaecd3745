"""Registered aerodromes from the bundled airportsdata table (ICAO codes; WGS84, elevation
converted from feet to metres). The table is parsed once per process and cached.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import airportsdata

from interdict.core.units import ft_to_m

__all__ = ["AerodromePosition", "aerodrome_position"]


class AerodromePosition(NamedTuple):
    """A WGS84 position; the altitude is the aerodrome's elevation in metres."""

    lat_deg: float
    lon_deg: float
    alt_m: float


@functools.cache
def _icao_table() -> Mapping[str, Any]:
    """The bundled aerodrome table, read once per process (parsing it takes about 0.1 s)."""
    return MappingProxyType(airportsdata.load("ICAO"))


def aerodrome_position(icao: str) -> AerodromePosition | None:
    """Position of a registered aerodrome from airportsdata (ICAO code), or None if it is not listed."""
    entry = _icao_table().get(icao.upper())
    if entry is None:
        return None
    return AerodromePosition(float(entry["lat"]), float(entry["lon"]), ft_to_m(float(entry["elevation"])))
