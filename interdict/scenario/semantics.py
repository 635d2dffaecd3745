"""The scenario file's semantic rules, run on the raw mapping so that they still report when
pydantic rejects other parts: unique ids, every reference (strips, ICAO codes, ATS units, script
aircraft), strictly increasing waypoint times, legs within the aircraft type's envelope.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from interdict.contract.specs import (
    GeoPoint3,
    StrictModel,
)
from interdict.core.errors import Problem
from interdict.reference.aerodromes import aerodrome_position
from interdict.scenario.document import (
    Waypoint,
)

__all__ = ["semantic_problems"]


def semantic_problems(data: dict[str, Any]) -> list[Problem]:
    """Problems beyond types: unique ids, references, waypoint times, type envelopes.

    Works on the raw mapping so that it still reports what it can when other parts are malformed.
    """
    from interdict.reference.aircraft_types import KNOWN_TYPES

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


def _route_problems(
    craft: dict[str, Any],
    where: str,
    strip_ids: set[str],
    positions: dict[str, tuple[float, float, float]],
    envelope: Any,
) -> list[Problem]:
    """Waypoint strips exist, times increase, leg speeds and altitudes fit the type's envelope."""
    from interdict.core.geodesy import geodesic_distance_m

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
