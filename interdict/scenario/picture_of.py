"""From a scenario to the engine's `Picture`: the local ENU frame, every strip and flight-plan
place resolved to a WGS84 position once (registered aerodromes without `at` from the bundled
table), the world left out.
"""

from __future__ import annotations

from interdict.contract.picture import Picture
from interdict.contract.specs import GeoPoint, GeoPoint3, StripSpec
from interdict.core.errors import UnknownStripError
from interdict.core.geodesy import LocalFrame
from interdict.reference.aerodromes import aerodrome_position
from interdict.scenario.document import Scenario

__all__ = ["picture_of", "frame_of", "resolve_strip_position"]


def resolve_strip_position(strip: StripSpec) -> GeoPoint3:
    """A strip's WGS84 position: its `at`, or, for a registered aerodrome, the bundled data."""
    if strip.at is not None:
        return strip.at
    if strip.kind == "registered":
        pos = _aerodrome(strip.id)
        if pos is not None:
            return pos
    raise UnknownStripError(
        f"strip {strip.id!r}: no position given (`at`) and not an ICAO code in the bundled aerodrome data"
    )


def _aerodrome(icao: str) -> GeoPoint3 | None:
    pos = aerodrome_position(icao)
    return None if pos is None else GeoPoint3(lat=pos.lat_deg, lon=pos.lon_deg, alt_m=pos.alt_m)


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
    found = {name: _aerodrome(name) for name in sorted(names)}
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
        nationality_mark=scenario.nationality_mark,
        place_positions=_plan_places(scenario),
        police_teams=scenario.police_teams,
        team_positions=_team_bases(scenario),
    )


def _team_bases(scenario: Scenario) -> dict[str, GeoPoint]:
    """Each police team's base: its position, or the position of the strip it is based at."""
    strips = {s.id: s for s in scenario.strips}
    out: dict[str, GeoPoint] = {}
    for team in scenario.police_teams:
        if isinstance(team.base, GeoPoint):
            out[team.id] = team.base
        elif team.base in strips:
            out[team.id] = resolve_strip_position(strips[team.base])
        else:
            raise UnknownStripError(f"police team {team.id!r}: base {team.base!r} is not a strip in `strips`")
    return out
