"""The picture's parts as the scenario file spells them: radars, strips, ATS units, flight plans,
the civil register, the roster of authorities and the terrain (pydantic v2, strict and frozen).

Everything here may cross the wall: the engine reads these specs through a `Picture`. The world's
specs (true aircraft, their routes, the operator) live in `interdict.scenario.document`.

Coordinates are WGS84 degrees; altitudes are metres (used as ellipsoidal heights) unless a key
ends in `_ft`; `t_s` is seconds after the scenario's `start`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "in_utc",
    "PoliceTeamSpec",
    "StrictModel",
    "GeoPoint",
    "GeoPoint3",
    "RadarSpec",
    "StripSpec",
    "AtcUnitSpec",
    "FlightPlanSpec",
    "RegistryEntry",
    "RidgeSpec",
    "TerrainSpec",
    "AuthoritySpec",
]


StripKind = Literal["registered", "community", "mission", "river", "clandestine"]


Language = Literal["es", "en", "pt"]


Category = Literal["mission", "medevac", "air_taxi", "private", "state", "airline"]


Squawk = Annotated[str, Field(pattern=r"^[0-7]{4}$", description="Mode A code, four octal digits, as a string")]


Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]


FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


Time_s = Annotated[float, Field(allow_inf_nan=False, ge=-86_400.0, le=7 * 86_400.0)]


Frequency_mhz = Annotated[
    float, Field(allow_inf_nan=False, ge=2.0, le=400.0, description="HF 2-30 MHz or VHF/UHF up to 400 MHz")
]


def in_utc(value: datetime) -> datetime:
    """An instant written with its zone, as UTC (an offset is honoured, never dropped); a time without
    a zone is refused, since it names no instant."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("give an instant with its zone, e.g. 2025-06-03T10:30:00Z or 2025-06-03T05:30:00-05:00")
    return value.astimezone(UTC)


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

    id: Identifier = Field(description="the radar's id (plots name it as radar_id)")
    at: GeoPoint3 = Field(description="the radar site, WGS84, with the ground altitude in metres")
    kind: Literal["psr", "ssr", "psr+ssr"] = Field(
        description="psr: primary only; ssr: secondary only (transponder replies); psr+ssr: both"
    )
    antenna_height_m: float = Field(ge=0.0, le=200.0, description="antenna height above the site")
    scan_period_s: float = Field(
        gt=0.5, le=60.0, description="seconds per antenna rotation (one plot per target per scan at most)"
    )
    range_sigma_m: float = Field(gt=0.0, le=5_000.0, description="standard deviation of a plot's range error, metres")
    azimuth_sigma_deg: float = Field(
        gt=0.0, le=5.0, description="standard deviation of a plot's azimuth error, degrees"
    )
    max_range_km: float = Field(
        gt=0.0, le=600.0, description="instrumented range, kilometres (line of sight limits low targets further)"
    )
    detection_probability: float = Field(
        ge=0.0, le=1.0, description="probability that a target in line of sight makes a plot in a scan"
    )
    false_plots_per_scan: float = Field(
        ge=0.0, le=1_000.0, description="mean number of false plots (clutter) per scan, Poisson"
    )
    north_offset_s: float = Field(0.0, ge=0.0, description="t_s of the first north crossing, < scan_period_s")
    scan_period_error: float = Field(
        0.0,
        ge=-0.05,
        le=0.05,
        description="simulation only: the real antenna's period is scan_period_s x (1 + this); the engine "
        "reads the antenna off the plots' time stamps and never uses it",
    )
    scan_period_jitter: float = Field(
        0.0,
        ge=0.0,
        le=0.05,
        description="simulation only: each turn's period varies uniformly within +/- this fraction "
        "(the engine never uses it)",
    )
    sac: int | None = Field(None, ge=0, le=255, description="ASTERIX system area code (default 0)")
    sic: int | None = Field(
        None,
        ge=0,
        le=255,
        description="ASTERIX system identification code (default: the radar's position in the list, 1, 2, ...)",
    )


class StripSpec(StrictModel):
    """A landing strip. `registered` strips are ICAO aerodromes whose position may come from airportsdata."""

    id: Identifier = Field(description="the strip's id (ICAO code for a registered aerodrome)")
    kind: StripKind = Field(
        description="registered, community, mission, river or clandestine; only a clandestine strip can be cued"
    )
    at: GeoPoint3 | None = Field(
        None,
        description="position and altitude, WGS84; may be left out for a registered aerodrome known to airportsdata",
    )
    runway_heading_deg: float | None = Field(
        None, ge=0.0, lt=360.0, description="runway direction, degrees true, if known"
    )
    length_m: float | None = Field(None, gt=0.0, le=6_000.0, description="runway length, metres, if known")
    status: Literal["active", "destroyed", "rebuilt"] = Field(
        "active", description="active, destroyed (by a ground operation) or rebuilt"
    )
    name: str | None = Field(None, description="a human name (free text, never markup)")
    unattended: bool = Field(
        False,
        description="a registered or mission strip that no ATS unit serves, stated as a fact (without it, a "
        "registered or mission strip that no unit `serves` is a gap in the picture: UNKNOWN, SC-22)",
    )
    destroyed_on: datetime | None = Field(
        None,
        description="UTC instant the strip was destroyed (status destroyed): after the rule set's rebuild time "
        "it counts as possibly rebuilt",
    )

    @field_validator("destroyed_on")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else in_utc(value)

    @model_validator(mode="after")
    def _destroyed(self) -> StripSpec:
        if self.destroyed_on is not None and self.status != "destroyed":
            raise ValueError("`destroyed_on` is given only for a strip whose status is destroyed")
        return self


class PoliceTeamSpec(StrictModel):
    """A police team that a ground cue sends by helicopter: its base (a position or a strip id), the
    helicopter's cruise speed and the time from the cue to lift-off; on stand-by (`alert_team`), the
    time from the cue to lift-off once its crew is at the helicopter."""

    id: Identifier = Field(description="the team's id, named in a ground cue")
    base: GeoPoint | Identifier = Field(description="a WGS84 position, or the id of a strip in `strips`")
    cruise_speed_kt: float = Field(gt=0.0, le=300.0, description="helicopter cruise speed, knots")
    readiness_s: float = Field(ge=0.0, le=86_400.0, description="seconds from the cue to lift-off")
    standby_s: float | None = Field(
        None,
        ge=0.0,
        le=86_400.0,
        description="seconds from the cue to lift-off once the team has been on stand-by for readiness_s - "
        "standby_s or longer (a shorter stand-by saves what it lasted); absent: the team has no stand-by",
    )

    @model_validator(mode="after")
    def _standby_not_slower(self) -> PoliceTeamSpec:
        if self.standby_s is not None and self.standby_s > self.readiness_s:
            raise ValueError(f"standby_s {self.standby_s:g} exceeds readiness_s {self.readiness_s:g}")
        return self


class AtcUnitSpec(StrictModel):
    """An air-traffic unit that the engine can query, with the frequencies it works."""

    id: Identifier = Field(description="the unit's id (a FIR, a tower, a mission base's radio desk)")
    frequencies_mhz: tuple[Frequency_mhz, ...] = Field(min_length=1, description="the frequencies the unit works, MHz")
    serves: tuple[Identifier, ...] = Field(
        (),
        description="ids of the strips in `strips` this unit serves (a tower, an AFIS, a mission base's radio desk, "
        "or the area unit giving flight information to an aerodrome without a tower); every registered or mission "
        "strip needs one, or `unattended: true`",
    )
    area: bool = Field(
        False,
        description="the unit covers the airspace the radars watch (an area control or flight information centre); "
        "without one, nobody is known to cover the airspace, and no one is sent after an aircraft",
    )


class WorkArea(StrictModel):
    """Where a local flight works (a survey block, a spraying field): the plan's remarks (ICAO FPL item 18)."""

    centre: GeoPoint = Field(description="the work area's centre, WGS84")
    radius_m: float = Field(gt=0.0, le=200_000.0, description="the work area's radius, metres")


class FlightPlanSpec(StrictModel):
    """A filed flight plan; only the units in `held_by` have it, and only from `filed_s` on."""

    callsign: str = Field(min_length=1, max_length=16, description="the call sign in the plan")
    registration: str | None = Field(None, description="the registration in the plan, if given")
    aircraft_type: str = Field(description="ICAO type designator, e.g. C206")
    departure: GeoPoint | str = Field(description="a position or a strip id / ICAO code")
    destination: GeoPoint | str = Field(description="a position or a strip id / ICAO code")
    off_block_s: Time_s = Field(description="planned off-block time, seconds after the scenario's start")
    cruise_alt_ft: float = Field(gt=0.0, le=30_000.0, description="planned cruise altitude, feet")
    held_by: tuple[Identifier, ...] = Field(
        min_length=1, description="the ATS units that hold the plan (only they can report it)"
    )
    filed_s: Time_s = Field(
        description="when the plan reached those units, seconds after the start (a late plan is filed after off-block)"
    )
    work_area: WorkArea | None = Field(
        None,
        description="a round trip's work area (departure = destination); without one, a round trip fits anywhere "
        "within the rule set's local radius",
    )

    @model_validator(mode="after")
    def _area_of_a_round_trip(self) -> FlightPlanSpec:
        if self.work_area is not None and self.departure != self.destination:
            raise ValueError("work_area: only a round trip (departure = destination) has a work area")
        return self


class RegistryEntry(StrictModel):
    """An entry of the civil aircraft register."""

    registration: str = Field(min_length=2, max_length=16, description="the registration mark, e.g. OB-1408")
    aircraft_type: str = Field(description="ICAO type designator")
    operator: str = Field(description="the operator's name (free text)")
    category: Category = Field(description="mission, medevac, air_taxi, private, state or airline")
    floats: bool = Field(False, description="true for a floatplane")


Role = Literal["duty_commander", "ats_coordinator", "safety_monitor", "operator", "trainee"]


class AuthoritySpec(StrictModel):
    """A named person of the roster and the role they hold (who may sign which resolution: rule set)."""

    name: str = Field(min_length=1, max_length=80, description="the person's name as they sign resolutions")
    role: Role = Field(description="duty_commander, ats_coordinator, safety_monitor, operator or trainee")


class RidgeSpec(StrictModel):
    """A ridge of the synthetic terrain: a Gaussian cross-section about the segment start-end."""

    start: GeoPoint = Field(description="one end of the ridge line, WGS84")
    end: GeoPoint = Field(description="the other end of the ridge line, WGS84")
    crest_alt_m: float = Field(ge=-500.0, le=9_000.0, description="crest altitude, metres")
    half_width_m: float = Field(gt=0.0, le=200_000.0, description="Gaussian sigma across the ridge line")


class TerrainSpec(StrictModel):
    """A smooth parametric terrain: a base altitude plus ridges (no elevation model ships offline)."""

    base_alt_m: float = Field(ge=-500.0, le=6_000.0, description="altitude of the plain around the ridges, metres")
    ridges: tuple[RidgeSpec, ...] = Field((), description="ridges over the base altitude")
