"""Police teams a ground cue can send: when each could be on a strip, and with what margin before the
aircraft is predicted to leave it.

A team lifts off `readiness_s` after the cue and flies the geodesic from its base to the strip at
its helicopter's cruise speed. A team put on stand-by (`alert_team`) at `alerted_s` uses the time
before the cue: it lifts off `max(standby_s, readiness_s - (cue - alerted_s))` after the cue (a team
without `standby_s` gains nothing). The aircraft is predicted to leave at its ETA plus the expected
ground stop (rule set: the lower end of the 10-12 minutes reported on the ground, so that a margin
is never flattered). A cue is worth sending only with a team whose margin is >= 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from interdict.contract.picture import Picture
from interdict.contract.specs import GeoPoint, PoliceTeamSpec
from interdict.core.geodesy import geodesic_distance_m
from interdict.core.units import kt_to_mps

__all__ = ["Reach", "lift_off_delay_s", "arrival_s", "reaches", "reaches_cluster"]

_NONE: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Reach:
    team_id: str
    arrival_s: float  # t_s at which the team could be on the strip
    margin_s: float  # predicted departure minus arrival (negative: too late)


def lift_off_delay_s(team: PoliceTeamSpec, t_s: float, alerted_s: float | None = None) -> float:
    """Seconds from a cue at `t_s` to lift-off, for a team on stand-by since `alerted_s` (None: not)."""
    if team.standby_s is None or alerted_s is None or alerted_s > t_s:
        return team.readiness_s
    return max(team.standby_s, team.readiness_s - (t_s - alerted_s))


def arrival_s(
    picture: Picture,
    team_id: str,
    strip_id: str,
    t_s: float,
    via: GeoPoint | None = None,
    alerted_s: float | None = None,
) -> float | None:
    """When team `team_id`, cued at `t_s`, could be on the strip (None: no such team or strip); `via`:
    it waits at that staging point first and flies on once the strip is known (a cluster's cue);
    `alerted_s`: when it was put on stand-by."""
    team = next((t for t in picture.police_teams if t.id == team_id), None)
    strip = picture.strip_positions.get(strip_id)
    if team is None or strip is None:
        return None
    legs = [picture.team_positions[team.id], *([via] if via is not None else []), strip]
    path_m = sum(geodesic_distance_m(a.lat, a.lon, b.lat, b.lon) for a, b in itertools.pairwise(legs))
    return t_s + lift_off_delay_s(team, t_s, alerted_s) + path_m / kt_to_mps(team.cruise_speed_kt)


def reaches(
    picture: Picture, strip_id: str, t_s: float, departure_s: float, alerted: Mapping[str, float] = _NONE
) -> tuple[Reach, ...]:
    """Every police team's reach of `strip_id` if cued at `t_s` (`alerted`: team -> since when on
    stand-by), the largest margin first (ties by id)."""
    out = []
    for team in picture.police_teams:
        arrival = arrival_s(picture, team.id, strip_id, t_s, alerted_s=alerted.get(team.id))
        if arrival is not None:
            out.append(Reach(team.id, arrival, departure_s - arrival))
    return tuple(sorted(out, key=lambda r: (-r.margin_s, r.team_id)))


def reaches_cluster(
    picture: Picture,
    staging: GeoPoint,
    strips: tuple[str, ...],
    t_s: float,
    departure_s: float,
    alerted: Mapping[str, float] = _NONE,
) -> tuple[Reach, ...]:
    """Every team's reach of a cluster cued at `t_s` through its staging point: its arrival on the
    farthest strip, the largest margin first (ties by id)."""
    out = []
    for team in picture.police_teams:
        arrivals = [arrival_s(picture, team.id, s, t_s, via=staging, alerted_s=alerted.get(team.id)) for s in strips]
        if arrivals and all(a is not None for a in arrivals):
            worst = max(a for a in arrivals if a is not None)
            out.append(Reach(team.id, worst, departure_s - worst))
    return tuple(sorted(out, key=lambda r: (-r.margin_s, r.team_id)))
