"""The scenario file's semantic rules, run on the raw mapping so that they still report when
pydantic rejects other parts: unique ids, every reference (strips, ICAO codes, ATS units, script
aircraft), strictly increasing waypoint times, legs within the aircraft type's envelope.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from interdict.contract.specs import (
    GeoPoint3,
    StrictModel,
)
from interdict.core.errors import Problem
from interdict.core.geodesy import geodesic_distance_m
from interdict.core.text import person_key, visible
from interdict.reference.aerodromes import aerodrome_position
from interdict.reference.aircraft_types import KNOWN_TYPES, AircraftType
from interdict.scenario.document import (
    Waypoint,
)

__all__ = ["semantic_problems", "action_problems"]


@dataclass(frozen=True)
class Index:
    """What the rules look up, built once from the raw mapping: each section's valid items, the ids
    that references may name, and the strips' positions (lat_deg, lon_deg, alt_m)."""

    sections: Mapping[str, list[tuple[int, dict[str, Any]]]]
    strip_ids: frozenset[str]
    atc_ids: frozenset[str]
    aircraft_ids: frozenset[str]
    positions: Mapping[str, tuple[float, float, float]]


def semantic_problems(data: dict[str, Any]) -> list[Problem]:
    """Problems beyond types: unique ids, references, waypoint times, type envelopes.

    Works on the raw mapping so that it still reports what it can when other parts are malformed.
    """
    problems: list[Problem] = []
    index = _index(data, problems)
    for rule in (
        _plan_problems,
        _registry_problems,
        _aircraft_problems,
        _script_problems,
        _team_problems,
        _roster_problems,
    ):
        problems += rule(data, index)
    return problems


def action_problems(data: dict[str, Any], actions: Any, where: str) -> list[Problem]:
    """Problems of timed operator actions written outside the scenario (a drill's answers file, at
    `where`): the aircraft, strips, aerodromes, ATS units and police teams they name must be the
    scenario's (`data`, its raw mapping)."""
    return _actions_problems(actions, where, _index(data, []))


def _index(data: dict[str, Any], problems: list[Problem]) -> Index:
    """The index of `data`; duplicate ids and unplaceable strips go to `problems`."""
    sections = {
        k: _items(data, k)
        for k in ("radars", "strips", "atc_units", "flight_plans", "registry", "aircraft", "police_teams")
    }
    problems += _duplicates(sections)
    return Index(
        sections,
        _ids(sections["strips"]),
        _ids(sections["atc_units"]),
        _ids(sections["aircraft"]),
        _strip_positions(sections["strips"], problems),
    )


def _ids(items: list[tuple[int, dict[str, Any]]]) -> frozenset[str]:
    return frozenset(item["id"] for _, item in items if isinstance(item.get("id"), str))


def _duplicates(sections: Mapping[str, list[tuple[int, dict[str, Any]]]]) -> list[Problem]:
    problems = []
    for section, key in (
        ("radars", "id"),
        ("strips", "id"),
        ("atc_units", "id"),
        ("aircraft", "id"),
        ("police_teams", "id"),
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
    return problems


def _place(value: Any, where: str, index: Index) -> list[Problem]:
    if isinstance(value, str) and value not in index.strip_ids and not _is_icao(value):
        return [
            Problem(
                where,
                f"{value!r} is neither a strip id ({_list(index.strip_ids)}) nor an ICAO "
                "code in the bundled aerodrome data",
            )
        ]
    return []


def _units(values: Any, where: str, index: Index) -> list[Problem]:
    return [
        Problem(f"{where}[{j}]", f"unknown ATC unit {unit!r}; expected one of {_list(index.atc_ids)}")
        for j, unit in enumerate(values if isinstance(values, list) else [])
        if isinstance(unit, str) and unit not in index.atc_ids
    ]


def _known_type(value: Any, where: str) -> list[Problem]:
    if isinstance(value, str) and value not in KNOWN_TYPES:
        return [Problem(where, f"unknown aircraft type {value!r}; known types: {_list(KNOWN_TYPES)}")]
    return []


def _plan_problems(data: dict[str, Any], index: Index) -> list[Problem]:
    problems = []
    for i, plan in index.sections["flight_plans"]:
        problems += _place(plan.get("departure"), f"flight_plans[{i}].departure", index)
        problems += _place(plan.get("destination"), f"flight_plans[{i}].destination", index)
        problems += _units(plan.get("held_by"), f"flight_plans[{i}].held_by", index)
        problems += _known_type(plan.get("aircraft_type"), f"flight_plans[{i}].aircraft_type")
    return problems


def _team_problems(data: dict[str, Any], index: Index) -> list[Problem]:
    return [
        Problem(f"police_teams[{i}].base", f"{team['base']!r} is not a strip id ({_list(index.strip_ids)})")
        for i, team in index.sections["police_teams"]
        if isinstance(team.get("base"), str) and team["base"] not in index.strip_ids
    ]


def _registry_problems(data: dict[str, Any], index: Index) -> list[Problem]:
    return [
        p
        for i, entry in index.sections["registry"]
        for p in _known_type(entry.get("aircraft_type"), f"registry[{i}].aircraft_type")
    ]


def _roster_problems(data: dict[str, Any], index: Index) -> list[Problem]:
    """One person, one roster entry: names equal as people (`person_key`) or nearly so (one name's words
    inside the other's, as a title added; or differing by a letter or two) would let one person sign twice."""
    raw = data.get("authorities")
    names = (
        [(i, a["name"]) for i, a in enumerate(raw) if isinstance(a, dict) and isinstance(a.get("name"), str)]
        if (isinstance(raw, list))
        else []
    )
    problems = []
    for (i, a), (j, b) in itertools.combinations(names, 2):
        if same_person_risk(a, b):
            problems.append(
                Problem(
                    f"authorities[{j}].name",
                    f"{visible(b)!r} may be the same person as authorities[{i}] ({visible(a)!r}); "
                    "the two-person rule counts people: give each person one entry, spelt apart",
                )
            )
    return problems


def same_person_risk(a: str, b: str) -> bool:
    """Whether two roster names may be one person: equal as people, one's words inside the other's,
    or nearly the same spelling (similarity 0.9 and above)."""
    ka, kb = person_key(a), person_key(b)
    wa, wb = set(ka.split()), set(kb.split())
    nested = bool(wa) and bool(wb) and (wa <= wb or wb <= wa) and min(len(wa), len(wb)) >= 2
    return ka == kb or nested or difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.9


def _aircraft_problems(data: dict[str, Any], index: Index) -> list[Problem]:
    problems = []
    for i, craft in index.sections["aircraft"]:
        aircraft_type = craft.get("aircraft_type")
        problems += _known_type(aircraft_type, f"aircraft[{i}].aircraft_type")
        radio = craft.get("radio")
        if isinstance(radio, dict):
            problems += _units(radio.get("in_contact_with"), f"aircraft[{i}].radio.in_contact_with", index)
        envelope = KNOWN_TYPES.get(aircraft_type) if isinstance(aircraft_type, str) else None
        recorded = craft.get("recorded") is True  # a record is what flew: no envelope check
        problems += _route_problems(craft, f"aircraft[{i}]", index, None if recorded else envelope)
    return problems


def _script_problems(data: dict[str, Any], index: Index) -> list[Problem]:
    operator = data.get("operator")
    return _actions_problems(operator.get("script") if isinstance(operator, dict) else None, "operator.script", index)


def _actions_problems(script: Any, at: str, index: Index) -> list[Problem]:
    problems = []
    teams = _ids(index.sections["police_teams"])
    for i, action in enumerate(script if isinstance(script, list) else []):
        if not isinstance(action, dict):
            continue
        where = f"{at}[{i}]"
        craft_id = action.get("aircraft")
        if isinstance(craft_id, str) and craft_id not in index.aircraft_ids:
            expected = _list(index.aircraft_ids)
            problems.append(Problem(f"{where}.aircraft", f"unknown aircraft {craft_id!r}; expected one of {expected}"))
        strip = action.get("strip")
        if isinstance(strip, str) and strip not in index.strip_ids:
            expected = _list(index.strip_ids)
            problems.append(Problem(f"{where}.strip", f"unknown strip {strip!r}; expected one of {expected}"))
        team = action.get("team")
        if isinstance(team, str) and team not in teams:
            problems.append(Problem(f"{where}.team", f"unknown police team {team!r}; expected one of {_list(teams)}"))
        problems += _place(action.get("aerodrome"), f"{where}.aerodrome", index)
        problems += _units(action.get("units"), f"{where}.units", index)
        problems += [Problem(f"{where}.unit", p.message) for p in _units([action.get("unit")], where, index)]
    return problems


def _items(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(section)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _list(names: Any) -> str:
    return ", ".join(sorted(names)) or "(none defined)"


def _is_icao(code: str) -> bool:
    return len(code) == 4 and aerodrome_position(code) is not None


def _strip_positions(
    strips: list[tuple[int, dict[str, Any]]], problems: list[Problem]
) -> dict[str, tuple[float, float, float]]:
    """(lat_deg, lon_deg, alt_m) of each strip whose position is given or resolvable."""
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
                out[sid] = (pos.lat_deg, pos.lon_deg, pos.alt_m)
    return out


def _valid(model: type[StrictModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError:
        return None


def _route_problems(craft: dict[str, Any], where: str, index: Index, envelope: AircraftType | None) -> list[Problem]:
    """Waypoint strips exist, times increase, leg speeds and altitudes fit the type's envelope."""
    problems: list[Problem] = []
    route = craft.get("route")
    if not isinstance(route, list):
        return problems
    previous: _Fix | None = None
    for j, raw in enumerate(route):
        point = _valid(Waypoint, raw)
        if point is None:
            previous = None
            continue
        if point.strip is not None and point.strip not in index.strip_ids:
            problems.append(
                Problem(
                    f"{where}.route[{j}].strip",
                    f"unknown strip {point.strip!r}; expected one of {_list(index.strip_ids)}",
                )
            )
        pos = index.positions.get(point.strip) if point.strip is not None else (point.lat, point.lon, point.alt_m)
        if envelope is not None and point.alt_m is not None and point.alt_m > envelope.ceiling_m:
            problems.append(
                Problem(
                    f"{where}.route[{j}].alt_m",
                    f"{point.alt_m:.0f} m is above the {envelope.name}'s service ceiling ({envelope.ceiling_m:.0f} m)",
                )
            )
        fix = _Fix(j, point, pos)
        if previous is not None:
            problems += _leg_problems(previous, fix, f"{where}.route[{j}].t_s", envelope)
        previous = fix
    return problems


@dataclass(frozen=True)
class _Fix:
    """A valid waypoint, its index in the route and its position (lat_deg, lon_deg, alt_m), if known."""

    j: int
    point: Waypoint
    pos: tuple[float, float, float] | None


def _leg_problems(before: _Fix, after: _Fix, where: str, envelope: AircraftType | None) -> list[Problem]:
    """Times increase strictly; the leg's speed is within the type's envelope (its minimum only
    between two airborne waypoints)."""
    k, dt_s = before.j, after.point.t_s - before.point.t_s
    if dt_s <= 0:
        return [
            Problem(
                where,
                f"expected a time after route[{k}].t_s = "
                f"{before.point.t_s:g} s (waypoint times must increase strictly), got {after.point.t_s:g}",
            )
        ]
    if envelope is None or after.pos is None or before.pos is None:
        return []
    speed_mps = geodesic_distance_m(before.pos[0], before.pos[1], after.pos[0], after.pos[1]) / dt_s
    airborne = after.point.strip is None and before.point.strip is None
    if speed_mps > envelope.max_speed_mps:
        return [
            Problem(
                where,
                f"the leg from route[{k}] implies "
                f"{speed_mps:.0f} m/s; a {envelope.name} flies at most "
                f"{envelope.max_speed_mps:.0f} m/s: allow more time",
            )
        ]
    if airborne and speed_mps < envelope.min_speed_mps:
        return [
            Problem(
                where,
                f"the leg from route[{k}] implies "
                f"{speed_mps:.0f} m/s; a {envelope.name} cannot stay airborne below "
                f"{envelope.min_speed_mps:.0f} m/s: allow less time or add waypoints",
            )
        ]
    return []
