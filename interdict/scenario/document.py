"""The scenario document `interdict/1` (see docs/scenario-format.md): the world's specs (true
aircraft, their routes, transponders and radios, the operator and their script) and `Scenario`,
the whole file, which also carries the picture's specs (`interdict.contract.specs`).

Only the simulator, the responder and the scorer read the world; `picture_of(scenario)` hands the
engine what it may know.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from interdict.contract.procedures import PROCEDURE_NAMES, ProcedureName, keys_of
from interdict.contract.specs import (
    AtcUnitSpec,
    AuthoritySpec,
    FlightPlanSpec,
    Frequency_mhz,
    GeoPoint,
    Identifier,
    Language,
    PoliceTeamSpec,
    RadarSpec,
    RegistryEntry,
    Squawk,
    StrictModel,
    StripSpec,
    TerrainSpec,
    Time_s,
)
from interdict.engine.ladder import Rung

RUNGS = tuple(r.value for r in Rung)

__all__ = ["TransponderSpec", "RadioSpec", "Waypoint", "AircraftSpec", "OperatorAction", "OperatorSpec", "Scenario"]


class TransponderSpec(StrictModel):
    """A transponder that replies with `mode_a` (and Mode C altitude if `altitude`) while on."""

    mode_a: Squawk
    altitude: bool = True
    from_s: Time_s | None = None
    to_s: Time_s | None = None


class RadioSpec(StrictModel):
    """What the aircraft listens to and answers (world)."""

    monitors_mhz: tuple[Frequency_mhz, ...] = ()
    replies: bool = True
    language: Language = "es"
    in_contact_with: tuple[Identifier, ...] = ()


class Waypoint(StrictModel):
    """A timed waypoint: either a position with altitude, or `strip` (on that strip: landed)."""

    t_s: Time_s
    lat: float | None = Field(None, ge=-90.0, le=90.0)
    lon: float | None = Field(None, ge=-180.0, le=180.0)
    alt_m: float | None = Field(None, ge=-500.0, le=12_000.0)
    strip: Identifier | None = None

    @model_validator(mode="after")
    def _position_or_strip(self) -> Waypoint:
        has_pos = [v is not None for v in (self.lat, self.lon, self.alt_m)]
        if self.strip is not None and any(has_pos):
            raise ValueError("give either `strip` or `lat`, `lon` and `alt_m`, not both")
        if self.strip is None and not all(has_pos):
            missing = [k for k, present in zip(("lat", "lon", "alt_m"), has_pos, strict=True) if not present]
            raise ValueError(f"a waypoint without `strip` needs lat, lon and alt_m; missing {missing}")
        return self


class AircraftSpec(StrictModel):
    """A true aircraft (world: simulator and scorers only)."""

    id: Identifier
    role: Literal["smuggler", "civil", "state"]
    registration: str | None = None
    callsign: str | None = Field(None, min_length=1, max_length=16, description="call sign it files and gives")
    aircraft_type: str
    floats: bool = False
    transponder: Literal["off"] | TransponderSpec = "off"
    radio: RadioSpec = RadioSpec()
    on_intercept: Literal["ignore", "comply", "cannot_comply", "distress"] = "ignore"
    route: tuple[Waypoint, ...] = Field(min_length=2)

    @field_validator("transponder", mode="before")
    @classmethod
    def _yaml_off(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare `off` as False.
        return "off" if value is False else value


class OperatorAction(StrictModel):
    """One timed operator action on the track that holds a true aircraft. Keys by action:

    query_flight_plans / query_atc_contact: `units`; radio_call: `frequency_mhz`, `language`;
    intercept_signal: `series`; instruct_land: `aerodrome`; cue_ground, recall_ground: `strip`; request_rung: `rung`;
    dissent: `by`, `why`; resolve: `block`, `how`, `by`; visual_id: nothing more.
    """

    t_s: Time_s
    aircraft: Identifier
    action: ProcedureName
    units: tuple[Identifier, ...] | None = None
    frequency_mhz: Frequency_mhz | None = None
    language: Language | None = None
    series: int | None = Field(None, ge=1, le=6)
    aerodrome: Identifier | None = None
    strip: Identifier | None = None
    rung: str | None = None
    by: str | None = None
    why: str | None = None
    block: str | None = None
    how: str | None = None

    @field_validator("rung")
    @classmethod
    def _known_rung(cls, value: str | None) -> str | None:
        if value is not None and value not in RUNGS:
            raise ValueError(
                f"{value!r} is not a rung of the ladder; the rungs are {', '.join(RUNGS)} "
                "(the ladder has nothing above them)"
            )
        return value

    @model_validator(mode="after")
    def _keys_for_action(self) -> OperatorAction:
        needed = keys_of(self.action)
        missing = [k for k in needed if getattr(self, k) is None]
        if missing:
            raise ValueError(f"action {self.action!r} needs {', '.join(missing)}")
        extra = [k for k in _ALL_KEYS if k not in needed and getattr(self, k) is not None]
        if extra:
            raise ValueError(f"action {self.action!r} takes no {', '.join(extra)}")
        return self


# every key some procedure takes, in the order of the vocabulary
_ALL_KEYS = tuple(dict.fromkeys(k for name in PROCEDURE_NAMES for k in keys_of(name)))


class OperatorSpec(StrictModel):
    """Who carries out procedures during a replay (world)."""

    policy: Literal["by_the_book", "scripted", "trainee"] = "by_the_book"
    reaction_s: float = Field(60.0, ge=0.0, le=3_600.0)
    script: tuple[OperatorAction, ...] = ()


class Scenario(StrictModel):
    """A whole scenario file."""

    format: Literal["interdict/1"]
    name: Identifier
    description: str = ""
    start: datetime
    duration_s: float = Field(gt=0.0, le=7 * 86_400.0)
    seed: int = Field(ge=0, lt=2**63)
    frame_origin: GeoPoint | None = None
    terrain: TerrainSpec | None = None
    radars: tuple[RadarSpec, ...] = Field(min_length=1)
    strips: tuple[StripSpec, ...] = ()
    atc_units: tuple[AtcUnitSpec, ...] = ()
    flight_plans: tuple[FlightPlanSpec, ...] = ()
    registry: tuple[RegistryEntry, ...] = ()
    authorities: tuple[AuthoritySpec, ...] = ()
    police_teams: tuple[PoliceTeamSpec, ...] = ()
    aircraft: tuple[AircraftSpec, ...] = ()
    operator: OperatorSpec = OperatorSpec()

    @field_validator("start")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("give a UTC instant with its zone, e.g. 2025-06-03T10:30:00Z")
        return value

    @field_validator("duration_s")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("expected a finite number of seconds")
        return value
