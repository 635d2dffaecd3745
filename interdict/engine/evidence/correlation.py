"""Flight-plan correlation: a space-time gate of a plan against a track (see
`interdict.engine.evidence`), not a call-sign match."""

from __future__ import annotations

import math

import numpy as np

from interdict.contract.picture import Picture
from interdict.contract.specs import FlightPlanSpec, GeoPoint
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState
from interdict.reference.aircraft_types import KNOWN_TYPES

__all__ = ["plan_correlates"]


def _place_en(picture: Picture, where: GeoPoint | str) -> tuple[float, float] | None:
    if isinstance(where, str):
        pos = picture.place(where)
        if pos is None:
            return None
        lat, lon = pos.lat, pos.lon
    else:
        lat, lon = where.lat, where.lon
    e, n, _ = picture.frame.point_to_enu(lat, lon, 0.0)
    return e, n


def plan_correlates(
    plan: FlightPlanSpec, track: TrackState, picture: Picture, rules: RuleSet, *, steady: bool | None = None
) -> bool:
    """Space-time gate of a flight plan against a track (see the module docstring).

    A round trip (departure = destination: survey, local work) matches anywhere within the rule
    set's local radius for its local duration. The course gate applies only to a track flying a
    steady course (an orbit or a turn says nothing about the route).
    """
    a, b = _place_en(picture, plan.departure), _place_en(picture, plan.destination)
    if a is None or b is None:
        return False
    ab = np.subtract(b, a)
    length = float(np.hypot(*ab))
    p = np.array([track.east_m, track.north_m])
    if length < 1_000.0:
        near = float(np.hypot(*(p - np.asarray(a)))) <= rules.plan_local_radius_m
        window = (
            plan.off_block_s - rules.plan_time_margin_s <= track.t_s <= plan.off_block_s + rules.plan_local_duration_s
        )
        return near and window
    f = float(np.clip(np.dot(p - a, ab) / length**2, 0.0, 1.0))
    cross_m = float(np.hypot(*(p - (np.asarray(a) + f * ab))))
    if cross_m > max(rules.plan_corridor_m, rules.plan_corridor_fraction * length):
        return False
    if steady is True and track.speed_mps > rules.plan_course_min_speed_mps:
        route_course = math.atan2(ab[0], ab[1])
        if math.cos(track.course_rad - route_course) < math.cos(math.radians(rules.plan_course_max_deg)):
            return False
    envelope = KNOWN_TYPES.get(plan.aircraft_type)
    cruise_mps = envelope.cruise_speed_mps if envelope else rules.plan_default_cruise_mps
    slow_mps = rules.plan_slow_fraction * cruise_mps
    return (
        plan.off_block_s - rules.plan_time_margin_s
        <= track.t_s
        <= plan.off_block_s + length / slow_mps + rules.plan_time_margin_s
    )
