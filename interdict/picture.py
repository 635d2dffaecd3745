"""The picture: what the engine may know. Built from a scenario with the world (true aircraft,
operator) left out, so that engine code that is handed a `Picture` cannot reach truth.

Positions of strips are resolved here: registered aerodromes without `at` come from the bundled
airportsdata table (WGS84, elevation converted from feet to metres).
"""

from __future__ import annotations

from dataclasses import dataclass, field
import functools
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

import airportsdata

from interdict.errors import UnknownStripError
from interdict.geodesy import LocalFrame
from interdict.scenario import (
    AtcUnitSpec,
    AuthoritySpec,
    FlightPlanSpec,
    GeoPoint3,
    RadarSpec,
    RegistryEntry,
    Scenario,
    StripSpec,
    TerrainSpec,
)
from interdict.units import ft_to_m

__all__ = ["Picture", "picture_of", "frame_of", "aerodrome_position", "resolve_strip_position"]


@dataclass(frozen=True)
class Picture:
    """Everything the engine may read: sensors, strip database, ATC units, held flight plans, register.

    Strip positions are resolved (`strip_positions[id]`, WGS84). The frame is the scenario's local
    ENU frame. Flight plans are listed with `held_by` and `filed_s`: the engine learns of a plan only
    by querying a unit that holds it after it was filed.
    """

    name: str
    start: datetime
    duration_s: float
    frame: LocalFrame
    radars: tuple[RadarSpec, ...]
    strips: tuple[StripSpec, ...]
    strip_positions: dict[str, GeoPoint3]
    atc_units: tuple[AtcUnitSpec, ...]
    flight_plans: tuple[FlightPlanSpec, ...]
    registry: tuple[RegistryEntry, ...]
    terrain: TerrainSpec | None
    authorities: tuple[AuthoritySpec, ...] = ()
    place_positions: dict[str, GeoPoint3] = field(default_factory=dict)  # flight-plan places named by id

    @property
    def strip_kinds(self) -> dict[str, str]:
        """Strip id -> kind."""
        return {s.id: s.kind for s in self.strips}

    def place(self, where: str) -> GeoPoint3 | None:
        """A strip or aerodrome named in a flight plan (resolved once, when the picture is made)."""
        return self.strip_positions.get(where) or self.place_positions.get(where)


@functools.cache
def _icao_table() -> Mapping[str, Any]:
    """The bundled aerodrome table, read once per process (parsing it takes about 0.1 s)."""
    return MappingProxyType(airportsdata.load("ICAO"))


def aerodrome_position(icao: str) -> GeoPoint3 | None:
    """Position of a registered aerodrome from airportsdata (ICAO code), or None if it is not listed."""
    entry = _icao_table().get(icao.upper())
    if entry is None:
        return None
    return GeoPoint3(lat=float(entry["lat"]), lon=float(entry["lon"]), alt_m=ft_to_m(float(entry["elevation"])))


def resolve_strip_position(strip: StripSpec) -> GeoPoint3:
    """A strip's WGS84 position: its `at`, or, for a registered aerodrome, the bundled data."""
    if strip.at is not None:
        return strip.at
    if strip.kind == "registered":
        pos = aerodrome_position(strip.id)
        if pos is not None:
            return pos
    raise UnknownStripError(
        f"strip {strip.id!r}: no position given (`at`) and not an ICAO code in the bundled aerodrome data"
    )


def frame_of(scenario: Scenario) -> LocalFrame:
    """The scenario's local ENU frame: `frame_origin` at height 0, else the first radar's site."""
    if scenario.frame_origin is not None:
        return LocalFrame(scenario.frame_origin.lat, scenario.frame_origin.lon, 0.0)
    site = scenario.radars[0].at
    return LocalFrame(site.lat, site.lon, site.alt_m)


def _plan_places(scenario: Scenario) -> dict[str, GeoPoint3]:
    """Positions of the aerodromes that flight plans name by ICAO code, read from one table load."""
    strips = {s.id for s in scenario.strips}
    names = {
        place
        for plan in scenario.flight_plans
        for place in (plan.departure, plan.destination)
        if isinstance(place, str) and place not in strips
    }
    found = {name: aerodrome_position(name) for name in sorted(names)}
    return {name: pos for name, pos in found.items() if pos is not None}


def picture_of(scenario: Scenario) -> Picture:
    """The engine's view of a scenario: no aircraft, no operator."""
    return Picture(
        name=scenario.name,
        start=scenario.start,
        duration_s=scenario.duration_s,
        frame=frame_of(scenario),
        radars=scenario.radars,
        strips=scenario.strips,
        strip_positions={s.id: resolve_strip_position(s) for s in scenario.strips},
        atc_units=scenario.atc_units,
        flight_plans=scenario.flight_plans,
        registry=scenario.registry,
        terrain=scenario.terrain,
        authorities=scenario.authorities,
        place_positions=_plan_places(scenario),
    )
