"""Flight-plan correlation: a space-time gate of a plan against a track (see
`interdict.engine.evidence`), not a call-sign match.

A plan fits a track inside its corridor during its time window: from off-block (less a margin) to
the route flown slowly (plus the margin). Two ordinary departures from the plan still fit it, said
so in the fit, because the aircraft that owns the plan must not lose it (fail safe): a track on a
steady course back along the route (an air taxi turning back for weather) has the route's time
twice over, and a track later than the window by up to `plan_delay_max_s` may be a delayed departure
(fog). Neither direction nor delay proves whose plan it is; SC-01 asks the plan's unit to have its
aircraft identify, and its report settles it (`ownership`)."""

from __future__ import annotations

import math
from enum import Enum

import numpy as np

from interdict.contract.picture import Picture
from interdict.contract.specs import FlightPlanSpec, GeoPoint
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState
from interdict.reference.aircraft_types import KNOWN_TYPES

__all__ = ["PlanFit", "plan_fit", "plan_correlates"]


class PlanFit(str, Enum):
    """How a track fits a plan; each value is the words the indicator says."""

    ON_TIME = "matches the track's route and time"
    TURNED_BACK = "matches the track's route, flown back towards its departure"
    LATE = "matches the track's route, later than its time window (a delayed departure?)"


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


def _timed(t_s: float, start_s: float, end_s: float, rules: RuleSet, fit: PlanFit) -> PlanFit | None:
    """`fit` inside [start - margin, end + margin]; LATE up to `plan_delay_max_s` after that."""
    if t_s < start_s - rules.plan_time_margin_s:
        return None
    if t_s <= end_s + rules.plan_time_margin_s:
        return fit
    return PlanFit.LATE if t_s <= end_s + rules.plan_time_margin_s + rules.plan_delay_max_s else None


def plan_fit(
    plan: FlightPlanSpec, track: TrackState, picture: Picture, rules: RuleSet, *, steady: bool | None = None
) -> PlanFit | None:
    """How a flight plan fits a track, or None (see the module docstring).

    A round trip (departure = destination: survey, local work) fits for its local duration within its
    work area (plus a margin) or on the way there, or, when the plan states no work area, anywhere
    within the rule set's local radius. Direction counts only for a track flying a steady course (an
    orbit or a turn says nothing about the route).
    """
    a, b = _place_en(picture, plan.departure), _place_en(picture, plan.destination)
    if a is None or b is None:
        return None
    ab = np.subtract(b, a)
    length = float(np.hypot(*ab))
    p = np.array([track.east_m, track.north_m])
    if length < 1_000.0:
        if not _local(plan, p, a, picture, rules):
            return None
        return _timed(
            track.t_s, plan.off_block_s, plan.off_block_s + rules.plan_local_duration_s, rules, PlanFit.ON_TIME
        )
    if _off_line(p, a, b) > max(rules.plan_corridor_m, rules.plan_corridor_fraction * length):
        return None
    back = (
        steady is True
        and track.speed_mps > rules.plan_course_min_speed_mps
        and math.cos(track.course_rad - math.atan2(ab[0], ab[1])) < 0.0
    )
    envelope = KNOWN_TYPES.get(plan.aircraft_type)
    cruise_mps = envelope.cruise_speed_mps if envelope else rules.plan_default_cruise_mps
    flight_s = length / (rules.plan_slow_fraction * cruise_mps) * (2.0 if back else 1.0)
    fit = PlanFit.TURNED_BACK if back else PlanFit.ON_TIME
    return _timed(track.t_s, plan.off_block_s, plan.off_block_s + flight_s, rules, fit)


def _off_line(p: np.ndarray, a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far `p` lies from the segment a-b (metres, ENU)."""
    ab = np.subtract(b, a)
    f = float(np.clip(np.dot(p - a, ab) / max(float(np.dot(ab, ab)), 1e-9), 0.0, 1.0))
    return float(np.hypot(*(p - (np.asarray(a) + f * ab))))


def _local(plan: FlightPlanSpec, p: np.ndarray, home: tuple[float, float], picture: Picture, rules: RuleSet) -> bool:
    """Whether a round trip's aircraft may be at `p`: in its work area (plus the margin) or on the way
    there from `home`; anywhere within the local radius when the plan states no work area."""
    area = plan.work_area
    if area is None:
        return float(np.hypot(*(p - np.asarray(home)))) <= rules.plan_local_radius_m
    centre = _place_en(picture, area.centre)
    assert centre is not None  # a position always has a place
    inside = float(np.hypot(*(p - np.asarray(centre)))) <= area.radius_m + rules.plan_area_margin_m
    return inside or _off_line(p, home, centre) <= rules.plan_corridor_m


def plan_correlates(
    plan: FlightPlanSpec, track: TrackState, picture: Picture, rules: RuleSet, *, steady: bool | None = None
) -> bool:
    """Whether the plan fits the track at all (`plan_fit` is not None)."""
    return plan_fit(plan, track, picture, rules, steady=steady) is not None
