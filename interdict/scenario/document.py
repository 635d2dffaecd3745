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

from pydantic import ConfigDict, Field, JsonValue, field_validator, model_validator

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
    in_utc,
)
from interdict.engine.ladder import Rung

RUNGS = tuple(r.value for r in Rung)

__all__ = ["TransponderSpec", "RadioSpec", "Waypoint", "AircraftSpec", "OperatorAction", "OperatorSpec", "Scenario"]


class TransponderSpec(StrictModel):
    """A transponder that replies with `mode_a` (and Mode C altitude if `altitude`) while on."""

    mode_a: Squawk = Field(description="the Mode A code it replies with")
    altitude: bool = Field(True, description="true if it also replies with Mode C altitude")
    from_s: Time_s | None = Field(None, description="switched on at this t_s (default: from the start)")
    to_s: Time_s | None = Field(None, description="switched off at this t_s (default: never)")


class RadioSpec(StrictModel):
    """What the aircraft listens to and answers (world)."""

    monitors_mhz: tuple[Frequency_mhz, ...] = Field((), description="the frequencies the crew listens to, MHz")
    replies: bool = Field(True, description="true if the crew answers calls it hears")
    language: Language = Field("es", description="the crew's language: es, en or pt")
    in_contact_with: tuple[Identifier, ...] = Field((), description="ATS units the aircraft is in two-way contact with")


class Waypoint(StrictModel):
    """A timed waypoint: either a position with altitude, or `strip` (on that strip: landed)."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["strip"]}, {"required": ["lat", "lon", "alt_m"]}]}
    )

    t_s: Time_s = Field(description="when the aircraft is there, seconds after the start")
    lat: float | None = Field(
        None, ge=-90.0, le=90.0, description="latitude, degrees north (with lon and alt_m, or give strip)"
    )
    lon: float | None = Field(None, ge=-180.0, le=180.0, description="longitude, degrees east")
    alt_m: float | None = Field(None, ge=-500.0, le=12_000.0, description="altitude, metres")
    strip: Identifier | None = Field(None, description="on this strip (landed), instead of lat, lon and alt_m")

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

    id: Identifier = Field(description="the aircraft's id (truth: the engine never sees it)")
    role: Literal["smuggler", "civil", "state"] = Field(description="smuggler, civil or state (truth, for the scorer)")
    registration: str | None = Field(
        None, description="the registration painted on it (read by a visual identification), if any"
    )
    callsign: str | None = Field(None, min_length=1, max_length=16, description="call sign it files and gives")
    aircraft_type: str = Field(description="ICAO type designator, e.g. C210")
    floats: bool = Field(False, description="true for a floatplane")
    transponder: Literal["off"] | TransponderSpec = Field("off", description="off, or the transponder it carries")
    radio: RadioSpec = Field(RadioSpec(), description="what the crew listens to and answers")
    on_intercept: Literal["ignore", "comply", "cannot_comply", "distress"] = Field(
        "ignore", description="what the crew does when intercepted: ignore, comply, cannot_comply or distress"
    )
    route: tuple[Waypoint, ...] = Field(min_length=2, description="timed waypoints, at least two, in time order")
    recorded: bool = Field(
        False,
        description="true: the route is a recorded track (ADS-B, `interdict adsb`), flown point to point in "
        "straight lines at the recorded altitudes: no turn model, no climb or descent profile, no envelope "
        "check of its legs",
    )

    @field_validator("transponder", mode="before")
    @classmethod
    def _yaml_off(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare `off` as False.
        return "off" if value is False else value


# every key some procedure takes, in the order of the vocabulary
_ALL_KEYS = tuple(dict.fromkeys(k for name in PROCEDURE_NAMES for k in keys_of(name)))


def _keys_by_action() -> list[JsonValue]:
    """What `_keys_for_action` checks, as JSON Schema: each action requires its keys and takes no other."""
    return [
        {
            "if": {"properties": {"action": {"const": name}}, "required": ["action"]},
            "then": {
                "required": list(keys_of(name)),
                "properties": {k: False for k in _ALL_KEYS if k not in keys_of(name)},
            },
        }
        for name in PROCEDURE_NAMES
    ]


class OperatorAction(StrictModel):
    """One timed operator action on the track that holds a true aircraft. Keys by action:

    query_flight_plans / query_atc_contact: `units`; query_registry: `registration`; request_ident: `unit`,
    `callsign`;
    radio_call: `frequency_mhz`, `language`; intercept_signal: `series`; instruct_land, meet_on_arrival:
    `aerodrome`; cue_ground, recall_ground: `strip`; alert_team: `team`, `strip`; request_rung: `rung`;
    dissent: `by`, `why`; resolve: `block`, `how`, `by`; visual_id: nothing more.
    """

    model_config = ConfigDict(json_schema_extra={"allOf": _keys_by_action()})

    t_s: Time_s = Field(description="when the operator acts, seconds after the start")
    aircraft: Identifier = Field(description="the true aircraft whose track the action is on")
    action: ProcedureName = Field(description="a procedure of the action vocabulary (docs/scenario-format.md)")
    units: tuple[Identifier, ...] | None = Field(
        None, description="query_flight_plans, query_atc_contact: the ATS units asked"
    )
    registration: str | None = Field(
        None, min_length=2, max_length=16, description="query_registry: the marks asked about"
    )
    unit: Identifier | None = Field(None, description="request_ident: the ATS unit holding the plan")
    callsign: str | None = Field(
        None, min_length=1, max_length=16, description="request_ident: the plan whose aircraft should identify"
    )
    frequency_mhz: Frequency_mhz | None = Field(None, description="radio_call: the frequency, MHz")
    language: Language | None = Field(None, description="radio_call: es, en or pt")
    series: int | None = Field(None, ge=1, le=6, description="intercept_signal: the Annex 2 signal series, 1 to 6")
    aerodrome: Identifier | None = Field(
        None, description="instruct_land: where the aircraft is told to land; meet_on_arrival: where police meet it"
    )
    strip: Identifier | None = Field(None, description="cue_ground, recall_ground, alert_team: the strip")
    team: Identifier | None = Field(None, description="alert_team: the police team put on stand-by")
    rung: str | None = Field(
        None,
        description="request_rung: a rung of the ladder (nothing exists above INTERCEPT_INSTRUCT and GROUND_CUE)",
        json_schema_extra={"enum": [*RUNGS, None]},
    )
    by: str | None = Field(None, description="dissent, resolve: who (a name on the roster)")
    why: str | None = Field(None, description="dissent: the reason, free text")
    block: str | None = Field(None, description="resolve: the check id resolved, e.g. SC-10")
    how: str | None = Field(None, description="resolve: how it was resolved, free text")

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


class OperatorSpec(StrictModel):
    """Who carries out procedures during a replay (world)."""

    policy: Literal["by_the_book", "scripted", "trainee"] = Field(
        "by_the_book",
        description="by_the_book (each procedure as soon as the engine allows it), scripted (the script only), "
        "trainee (a drill)",
    )
    reaction_s: float = Field(
        60.0,
        ge=0.0,
        le=3_600.0,
        description="by_the_book: seconds between the engine's recommendation and the operator's action",
    )
    script: tuple[OperatorAction, ...] = Field((), description="scripted: the timed actions")


class Scenario(StrictModel):
    """A whole scenario file."""

    format: Literal["interdict/1"] = Field(description="the format's version: interdict/1")
    name: Identifier = Field(description="the scenario's name")
    description: str = Field("", description="free text (never markup)")
    start: datetime = Field(
        description="the instant of t_s = 0, with its zone (2025-06-03T10:30:00Z, or 2025-06-03T05:30:00-05:00 "
        "for the same instant); converted to UTC when the file is read, and everything is shown in UTC"
    )
    duration_s: float = Field(gt=0.0, le=7 * 86_400.0, description="how long the replay runs, seconds")
    seed: int = Field(ge=0, lt=2**63, description="the random seed of the simulation (plots, answers)")
    nationality_mark: str = Field(
        "OB",
        pattern=r"^[A-Z0-9]{1,3}$",
        description="the nationality mark of the register's country (OB: Peru); marks of this nationality that "
        "the register lacks are asked of the registry authority, foreign marks without a plan are a ground for "
        "suspicion",
    )
    frame_origin: GeoPoint | None = Field(None, description="origin of the local ENU frame (default: the first radar)")
    terrain: TerrainSpec | None = Field(
        None, description="synthetic terrain for line of sight (default: sea-level ellipsoid)"
    )
    radars: tuple[RadarSpec, ...] = Field(min_length=1, description="the radars, at least one")
    strips: tuple[StripSpec, ...] = Field((), description="the strip database the engine knows")
    atc_units: tuple[AtcUnitSpec, ...] = Field((), description="the ATS units the engine can query")
    flight_plans: tuple[FlightPlanSpec, ...] = Field((), description="filed flight plans (each held by some units)")
    registry: tuple[RegistryEntry, ...] = Field((), description="the civil aircraft register")
    registry_authority: tuple[RegistryEntry, ...] | None = Field(
        None,
        description="world only: the registry authority's own register, from which it answers query_registry "
        "(the `registry` snapshot may be stale); absent: the authority cannot be reached, and marks the snapshot "
        "lacks stay a question (SC-23)",
    )
    authorities: tuple[AuthoritySpec, ...] = Field((), description="the roster: who may sign resolutions and dissent")
    police_teams: tuple[PoliceTeamSpec, ...] = Field((), description="the police teams a ground cue can send")
    aircraft: tuple[AircraftSpec, ...] = Field((), description="the true aircraft (world only)")
    operator: OperatorSpec = Field(OperatorSpec(), description="who carries out procedures during the replay")

    @field_validator("start")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return in_utc(value)

    @field_validator("duration_s")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("expected a finite number of seconds")
        return value
