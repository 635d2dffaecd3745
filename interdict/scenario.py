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
    "AuthoritySpec",
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
Frequency_mhz = Annotated[
    float, Field(allow_inf_nan=False, ge=2.0, le=400.0, description="HF 2-30 MHz or VHF/UHF up to 400 MHz")
]


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


Role = Literal["duty_commander", "ats_coordinator", "safety_monitor", "operator", "trainee"]


class AuthoritySpec(StrictModel):
    """A named person of the roster and the role they hold (who may sign which resolution: rule set)."""

    name: str = Field(min_length=1, max_length=80)
    role: Role


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


ActionName = Literal[
    "query_flight_plans",
    "query_atc_contact",
    "radio_call",
    "visual_id",
    "intercept_signal",
    "instruct_land",
    "cue_ground",
    "recall_ground",
    "request_rung",
    "dissent",
    "resolve",
]


class OperatorAction(StrictModel):
    """One timed operator action on the track that holds a true aircraft. Keys by action:

    query_flight_plans / query_atc_contact: `units`; radio_call: `frequency_mhz`, `language`;
    intercept_signal: `series`; instruct_land: `aerodrome`; cue_ground, recall_ground: `strip`; request_rung: `rung`;
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
            raise ValueError(
                f"{value!r} is not a rung of the ladder; the rungs are {', '.join(RUNGS)} "
                "(the ladder has nothing above them)"
            )
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
    "recall_ground": ("strip",),
    "request_rung": ("rung",),
    "dissent": ("by", "why"),
    "resolve": ("block", "how", "by"),
}
_OPTIONAL_KEYS = (
    "units",
    "frequency_mhz",
    "language",
    "series",
    "aerodrome",
    "strip",
    "rung",
    "by",
    "why",
    "block",
    "how",
)


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


MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_EXPANDED_NODES = 1_000_000


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file.

    Raises ScenarioError listing every problem at once (types and the semantic checks of
    `semantic_problems`), each with its key path. Oversized files, binary files and YAML alias bombs
    are refused before any expansion.
    """
    file = str(path)
    data = _read_yaml(file)
    if not isinstance(data, dict):
        raise ScenarioError(
            file, [Problem("", f"expected a mapping of keys at the top level, got {type(data).__name__}")]
        )
    problems: list[Problem] = []
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose only items failed also reports "too short"; the item errors say what is wrong.
        locs = [tuple(e["loc"]) for e in errors]
        errors = [
            e
            for e in errors
            if not (
                e["type"] == "too_short"
                and any(len(other) > len(e["loc"]) and other[: len(e["loc"])] == tuple(e["loc"]) for other in locs)
            )
        ]
        problems += [Problem(_key_path(err["loc"]), _message(err)) for err in errors]
    problems += semantic_problems(data)
    if problems:
        raise ScenarioError(file, _unique(problems))
    assert scenario is not None  # no problems means the model validated
    return scenario


def _read_yaml(file: str) -> Any:
    """Bytes -> YAML data with the size, encoding and alias-expansion limits applied."""
    try:
        size = Path(file).stat().st_size
        if Path(file).is_dir():
            raise ScenarioError(file, [Problem("", "is a directory; expected a scenario YAML file")])
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                file,
                [
                    Problem(
                        "", f"file is {size:,} bytes; scenario files are limited to {MAX_FILE_BYTES:,} bytes (10 MiB)"
                    )
                ],
            )
        raw = Path(file).read_bytes()
    except OSError as exc:
        raise ScenarioError(file, [Problem("", f"cannot read the file: {exc.strerror}")]) from exc
    if b"\x00" in raw:
        raise ScenarioError(file, [Problem("", "binary file (NUL bytes); expected a UTF-8 YAML text file")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            file, [Problem("", f"not UTF-8 text (byte {exc.start}); expected a YAML text file")]
        ) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ScenarioError(file, [Problem("", f"not valid YAML: {exc}")]) from exc
    if node is None:
        raise ScenarioError(file, [Problem("", "the file is empty; expected a scenario mapping")])
    expanded = _expanded_size(node, {})
    if expanded > MAX_EXPANDED_NODES:
        raise ScenarioError(
            file,
            [
                Problem(
                    "",
                    f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes "
                    "(an alias bomb?); write the values out instead",
                )
            ],
        )
    loader = yaml.SafeLoader(text)
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ScenarioError(file, [Problem("", f"not valid YAML: {exc}")]) from exc
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes after alias expansion, computed without expanding (aliases share node objects)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once (and SafeLoader rejects nothing here: it is bounded)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[key] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[key]


def _message(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key (misspelt?); see `interdict schema` for the keys allowed here"
    if err["type"] == "finite_number":
        return "expected a finite number, not NaN or infinity"
    return f"expected {err['msg'][0].lower()}{err['msg'][1:]}" if err["msg"].startswith("Input should") else err["msg"]


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))  # first occurrence of each, in order


def _key_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's location tuple as `aircraft[0].route[2].t_s` (model-union branch names dropped)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_BRANCHES or part.startswith("function-"):
            continue
        else:
            out += ("." if out else "") + part
    return out


_UNION_BRANCHES = {"GeoPoint", "str", "TransponderSpec", "literal['off']", "float", "int"}


# --- semantic checks on the raw data (run even when parts fail type validation) -------------------


def semantic_problems(data: dict[str, Any]) -> list[Problem]:
    """Problems beyond types: unique ids, references, waypoint times, type envelopes.

    Works on the raw mapping so that it still reports what it can when other parts are malformed.
    """
    from interdict.aircraft_types import KNOWN_TYPES  # local: aircraft_types imports nothing from here

    problems: list[Problem] = []
    sections = {k: _items(data, k) for k in ("radars", "strips", "atc_units", "flight_plans", "registry", "aircraft")}
    for section, key in (
        ("radars", "id"),
        ("strips", "id"),
        ("atc_units", "id"),
        ("aircraft", "id"),
        ("registry", "registration"),
        ("flight_plans", "callsign"),
    ):
        seen: dict[Any, int] = {}
        for i, item in sections[section]:
            value = item.get(key)
            if isinstance(value, str) and value in seen:
                problems.append(
                    Problem(f"{section}[{i}].{key}", f"duplicate {key} {value!r} (first at {section}[{seen[value]}])")
                )
            elif isinstance(value, str):
                seen[value] = i
    strip_ids = {item["id"] for _, item in sections["strips"] if isinstance(item.get("id"), str)}
    atc_ids = {item["id"] for _, item in sections["atc_units"] if isinstance(item.get("id"), str)}
    aircraft_ids = {item["id"] for _, item in sections["aircraft"] if isinstance(item.get("id"), str)}
    positions = _strip_positions(sections["strips"], problems)

    def place(value: Any, where: str) -> None:
        if isinstance(value, str) and value not in strip_ids and not _is_icao(value):
            problems.append(
                Problem(
                    where,
                    f"{value!r} is neither a strip id ({_list(strip_ids)}) nor an ICAO "
                    "code in the bundled aerodrome data",
                )
            )

    def units(values: Any, where: str) -> None:
        for j, unit in enumerate(values if isinstance(values, list) else []):
            if isinstance(unit, str) and unit not in atc_ids:
                problems.append(
                    Problem(f"{where}[{j}]", f"unknown ATC unit {unit!r}; expected one of {_list(atc_ids)}")
                )

    def known_type(value: Any, where: str) -> None:
        if isinstance(value, str) and value not in KNOWN_TYPES:
            problems.append(Problem(where, f"unknown aircraft type {value!r}; known types: {_list(KNOWN_TYPES)}"))

    for i, plan in sections["flight_plans"]:
        place(plan.get("departure"), f"flight_plans[{i}].departure")
        place(plan.get("destination"), f"flight_plans[{i}].destination")
        units(plan.get("held_by"), f"flight_plans[{i}].held_by")
        known_type(plan.get("aircraft_type"), f"flight_plans[{i}].aircraft_type")
    for i, entry in sections["registry"]:
        known_type(entry.get("aircraft_type"), f"registry[{i}].aircraft_type")
    for i, craft in sections["aircraft"]:
        known_type(craft.get("aircraft_type"), f"aircraft[{i}].aircraft_type")
        radio = craft.get("radio")
        if isinstance(radio, dict):
            units(radio.get("in_contact_with"), f"aircraft[{i}].radio.in_contact_with")
        problems += _route_problems(
            craft, f"aircraft[{i}]", strip_ids, positions, KNOWN_TYPES.get(craft.get("aircraft_type"))
        )  # type: ignore[arg-type]
    operator = data.get("operator")
    script = operator.get("script") if isinstance(operator, dict) else None
    for i, action in enumerate(script if isinstance(script, list) else []):
        if not isinstance(action, dict):
            continue
        where = f"operator.script[{i}]"
        craft_id = action.get("aircraft")
        if isinstance(craft_id, str) and craft_id not in aircraft_ids:
            problems.append(
                Problem(f"{where}.aircraft", f"unknown aircraft {craft_id!r}; expected one of {_list(aircraft_ids)}")
            )
        strip = action.get("strip")
        if isinstance(strip, str) and strip not in strip_ids:
            problems.append(Problem(f"{where}.strip", f"unknown strip {strip!r}; expected one of {_list(strip_ids)}"))
        place(action.get("aerodrome"), f"{where}.aerodrome")
        units(action.get("units"), f"{where}.units")
    return problems


def _items(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(section)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _list(names: Any) -> str:
    return ", ".join(sorted(names)) or "(none defined)"


def _is_icao(code: str) -> bool:
    from interdict.picture import aerodrome_position  # local: picture imports this module

    return len(code) == 4 and aerodrome_position(code) is not None


def _strip_positions(
    strips: list[tuple[int, dict[str, Any]]], problems: list[Problem]
) -> dict[str, tuple[float, float, float]]:
    """(lat_deg, lon_deg, alt_m) of each strip whose position is given or resolvable."""
    from interdict.picture import aerodrome_position

    out: dict[str, tuple[float, float, float]] = {}
    for i, strip in strips:
        sid = strip.get("id")
        if not isinstance(sid, str):
            continue
        at = strip.get("at")
        if isinstance(at, dict):
            point = _valid(GeoPoint3, at)
            if point is not None:
                out[sid] = (point.lat, point.lon, point.alt_m)
        elif at is None:
            pos = aerodrome_position(sid) if len(sid) == 4 else None
            if pos is None:
                problems.append(
                    Problem(
                        f"strips[{i}].at",
                        f"strip {sid!r} has no `at`, and {sid!r} is not an ICAO "
                        "code in the bundled aerodrome data; give its position",
                    )
                )
            else:
                out[sid] = (pos.lat, pos.lon, pos.alt_m)
    return out


def _valid(model: type[StrictModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError:
        return None


def _route_problems(
    craft: dict[str, Any],
    where: str,
    strip_ids: set[str],
    positions: dict[str, tuple[float, float, float]],
    envelope: Any,
) -> list[Problem]:
    """Waypoint strips exist, times increase, leg speeds and altitudes fit the type's envelope."""
    from interdict.geodesy import geodesic_distance_m

    problems: list[Problem] = []
    route = craft.get("route")
    if not isinstance(route, list):
        return problems
    previous: tuple[int, Waypoint, tuple[float, float, float] | None] | None = None
    for j, raw in enumerate(route):
        point = _valid(Waypoint, raw)
        if point is None:
            previous = None
            continue
        if point.strip is not None and point.strip not in strip_ids:
            problems.append(
                Problem(
                    f"{where}.route[{j}].strip", f"unknown strip {point.strip!r}; expected one of {_list(strip_ids)}"
                )
            )
        pos = positions.get(point.strip) if point.strip is not None else (point.lat, point.lon, point.alt_m)
        if envelope is not None and point.alt_m is not None and point.alt_m > envelope.ceiling_m:
            problems.append(
                Problem(
                    f"{where}.route[{j}].alt_m",
                    f"{point.alt_m:.0f} m is above the {envelope.name}'s service ceiling ({envelope.ceiling_m:.0f} m)",
                )
            )
        if previous is not None:
            k, before, pos_before = previous
            dt_s = point.t_s - before.t_s
            if dt_s <= 0:
                problems.append(
                    Problem(
                        f"{where}.route[{j}].t_s",
                        f"expected a time after route[{k}].t_s = "
                        f"{before.t_s:g} s (waypoint times must increase strictly), got {point.t_s:g}",
                    )
                )
            elif envelope is not None and pos is not None and pos_before is not None:
                speed_mps = geodesic_distance_m(pos_before[0], pos_before[1], pos[0], pos[1]) / dt_s
                ground_stop = point.strip is not None and point.strip == before.strip
                airborne = point.strip is None and before.strip is None
                if speed_mps > envelope.max_speed_mps:
                    problems.append(
                        Problem(
                            f"{where}.route[{j}].t_s",
                            f"the leg from route[{k}] implies "
                            f"{speed_mps:.0f} m/s; a {envelope.name} flies at most "
                            f"{envelope.max_speed_mps:.0f} m/s: allow more time",
                        )
                    )
                elif airborne and not ground_stop and speed_mps < envelope.min_speed_mps:
                    problems.append(
                        Problem(
                            f"{where}.route[{j}].t_s",
                            f"the leg from route[{k}] implies "
                            f"{speed_mps:.0f} m/s; a {envelope.name} cannot stay airborne below "
                            f"{envelope.min_speed_mps:.0f} m/s: allow less time or add waypoints",
                        )
                    )
        previous = (j, point, pos)
    return problems
