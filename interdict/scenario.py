"""The scenario file format `interdict/1` (see docs/scenario-format.md): pydantic v2 models and loader.

A scenario holds the WORLD (true aircraft, the operator) and the PICTURE (what the engine may
know: radars, strips, ATC units, flight plans, the civil register). Only the simulator and the
scorers read the world; `picture_of(scenario)` / `world_of(scenario)` split them (see truth.py).

Coordinates are WGS84 degrees; altitudes are metres (used as ellipsoidal heights) unless a key
ends in `_ft`; `t_s` is seconds after `start`.
"""

from __future__ import annotations

import math
import os
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from interdict.errors import Problem, ScenarioError

__all__ = [
    "Rung",
    "RUNGS",
    "StrictModel",
    "GeoPoint",
    "GeoPoint3",
    "RadarSpec",
    "StripSpec",
    "AtcUnitSpec",
    "FlightPlanSpec",
    "RegistryEntry",
    "TransponderSpec",
    "RadioSpec",
    "Waypoint",
    "AircraftSpec",
    "RidgeSpec",
    "TerrainSpec",
    "OperatorAction",
    "OperatorSpec",
    "Scenario",
    "load_scenario",
]

# The escalation ladder, lowest first. Nothing above GROUND_CUE / INTERCEPT_INSTRUCT exists.
Rung = Literal["MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID", "INTERCEPT_INSTRUCT", "GROUND_CUE"]
RUNGS: tuple[str, ...] = ("MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID", "INTERCEPT_INSTRUCT", "GROUND_CUE")

StripKind = Literal["registered", "community", "mission", "river", "clandestine"]
Language = Literal["es", "en", "pt"]
Category = Literal["mission", "medevac", "air_taxi", "private", "state", "airline"]
Squawk = Annotated[str, Field(pattern=r"^[0-7]{4}$", description="Mode A code, four octal digits, as a string")]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
Time_s = Annotated[float, Field(allow_inf_nan=False, ge=-86_400.0, le=7 * 86_400.0)]
Frequency_mhz = Annotated[float, Field(allow_inf_nan=False, ge=2.0, le=400.0,
                                       description="HF 2-30 MHz or VHF/UHF up to 400 MHz")]


class StrictModel(BaseModel):
    """Frozen, unknown keys forbidden, NaN and infinities rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


class GeoPoint(StrictModel):
    """A WGS84 position in degrees."""

    lat: float = Field(ge=-90.0, le=90.0, description="latitude, degrees north")
    lon: float = Field(ge=-180.0, le=180.0, description="longitude, degrees east")


class GeoPoint3(GeoPoint):
    """A WGS84 position with an altitude in metres (used as ellipsoidal height)."""

    alt_m: float = Field(ge=-500.0, le=12_000.0, description="altitude, metres")


class RadarSpec(StrictModel):
    """A surveillance radar (picture: the engine knows its own sensors)."""

    id: Identifier
    at: GeoPoint3
    kind: Literal["psr", "ssr", "psr+ssr"]
    antenna_height_m: float = Field(ge=0.0, le=200.0, description="antenna height above the site")
    scan_period_s: float = Field(gt=0.5, le=60.0)
    range_sigma_m: float = Field(gt=0.0, le=5_000.0)
    azimuth_sigma_deg: float = Field(gt=0.0, le=5.0)
    max_range_km: float = Field(gt=0.0, le=600.0)
    detection_probability: float = Field(ge=0.0, le=1.0)
    false_plots_per_scan: float = Field(ge=0.0, le=1_000.0)
    north_offset_s: float = Field(0.0, ge=0.0, description="t_s of the first north crossing, < scan_period_s")


class StripSpec(StrictModel):
    """A landing strip. `registered` strips are ICAO aerodromes whose position may come from airportsdata."""

    id: Identifier
    kind: StripKind
    at: GeoPoint3 | None = None
    runway_heading_deg: float | None = Field(None, ge=0.0, lt=360.0)
    length_m: float | None = Field(None, gt=0.0, le=6_000.0)
    status: Literal["active", "destroyed", "rebuilt"] = "active"
    name: str | None = None


class AtcUnitSpec(StrictModel):
    """An air-traffic unit that the engine can query, with the frequencies it works."""

    id: Identifier
    frequencies_mhz: tuple[Frequency_mhz, ...] = Field(min_length=1)


class FlightPlanSpec(StrictModel):
    """A filed flight plan; only the units in `held_by` have it, and only from `filed_s` on."""

    callsign: str = Field(min_length=1, max_length=16)
    registration: str | None = None
    aircraft_type: str
    departure: GeoPoint | str = Field(description="a position or a strip id / ICAO code")
    destination: GeoPoint | str = Field(description="a position or a strip id / ICAO code")
    off_block_s: Time_s
    cruise_alt_ft: float = Field(gt=0.0, le=30_000.0)
    held_by: tuple[Identifier, ...] = Field(min_length=1)
    filed_s: Time_s


class RegistryEntry(StrictModel):
    """An entry of the civil aircraft register."""

    registration: str = Field(min_length=2, max_length=16)
    aircraft_type: str
    operator: str
    category: Category
    floats: bool = False


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


class RidgeSpec(StrictModel):
    """A ridge of the synthetic terrain: a Gaussian cross-section about the segment start-end."""

    start: GeoPoint
    end: GeoPoint
    crest_alt_m: float = Field(ge=-500.0, le=9_000.0)
    half_width_m: float = Field(gt=0.0, le=200_000.0, description="Gaussian sigma across the ridge line")


class TerrainSpec(StrictModel):
    """A smooth parametric terrain: a base altitude plus ridges (no elevation model ships offline)."""

    base_alt_m: float = Field(ge=-500.0, le=6_000.0)
    ridges: tuple[RidgeSpec, ...] = ()


ActionName = Literal["query_flight_plans", "query_atc_contact", "radio_call", "visual_id", "intercept_signal",
                     "instruct_land", "cue_ground", "request_rung", "dissent", "resolve"]


class OperatorAction(StrictModel):
    """One timed operator action on the track that holds a true aircraft. Keys by action:

    query_flight_plans / query_atc_contact: `units`; radio_call: `frequency_mhz`, `language`;
    intercept_signal: `series`; instruct_land: `aerodrome`; cue_ground: `strip`; request_rung: `rung`;
    dissent: `by`, `why`; resolve: `block`, `how`, `by`; visual_id: nothing more.
    """

    t_s: Time_s
    aircraft: Identifier
    action: ActionName
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
            raise ValueError(f"{value!r} is not a rung of the ladder; the rungs are {', '.join(RUNGS)} "
                             "(the ladder has nothing above them)")
        return value

    @model_validator(mode="after")
    def _keys_for_action(self) -> OperatorAction:
        needed = _ACTION_KEYS[self.action]
        missing = [k for k in needed if getattr(self, k) is None]
        if missing:
            raise ValueError(f"action {self.action!r} needs {', '.join(missing)}")
        extra = [k for k in _OPTIONAL_KEYS if k not in needed and getattr(self, k) is not None]
        if extra:
            raise ValueError(f"action {self.action!r} takes no {', '.join(extra)}")
        return self


_ACTION_KEYS: dict[str, tuple[str, ...]] = {
    "query_flight_plans": ("units",),
    "query_atc_contact": ("units",),
    "radio_call": ("frequency_mhz", "language"),
    "visual_id": (),
    "intercept_signal": ("series",),
    "instruct_land": ("aerodrome",),
    "cue_ground": ("strip",),
    "request_rung": ("rung",),
    "dissent": ("by", "why"),
    "resolve": ("block", "how", "by"),
}
_OPTIONAL_KEYS = ("units", "frequency_mhz", "language", "series", "aerodrome", "strip", "rung", "by", "why",
                  "block", "how")


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


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file; raises ScenarioError listing every problem with its key path."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ScenarioError(file, [Problem("", f"cannot read the file: {exc.strerror}")]) from exc
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ScenarioError(file, [Problem("", f"not a YAML text file: {exc}")]) from exc
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(file, [Problem(_key_path(err["loc"]), err["msg"]) for err in exc.errors()]) from exc


def _key_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's location tuple as `aircraft[0].route[2].t_s`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
