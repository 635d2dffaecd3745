"""The picture: what the engine may know. Built from a scenario with the world (true aircraft,
operator) left out, so that engine code that is handed a `Picture` cannot reach truth.

Every position is resolved before the engine sees it (`interdict.scenario.picture_of`): the engine
reads no file and no table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from interdict.contract.specs import (
    AtcUnitSpec,
    AuthoritySpec,
    FlightPlanSpec,
    GeoPoint,
    GeoPoint3,
    PoliceTeamSpec,
    RadarSpec,
    RegistryEntry,
    StripSpec,
    TerrainSpec,
)
from interdict.core.geodesy import LocalFrame

__all__ = ["Picture"]


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
    nationality_mark: str = "OB"  # the register's country (the scenario's `nationality_mark`)
    place_positions: dict[str, GeoPoint3] = field(default_factory=dict)  # flight-plan places named by id
    police_teams: tuple[PoliceTeamSpec, ...] = ()
    team_positions: dict[str, GeoPoint] = field(default_factory=dict)  # police team id -> its base

    @property
    def strip_kinds(self) -> dict[str, str]:
        """Strip id -> kind."""
        return {s.id: s.kind for s in self.strips}

    def place(self, where: str) -> GeoPoint3 | None:
        """A strip or aerodrome named in a flight plan (resolved once, when the picture is made)."""
        return self.strip_positions.get(where) or self.place_positions.get(where)
