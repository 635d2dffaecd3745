"""Behaviour, SC-09's weights (never triggers): cruise band, daylight (solar elevation), a steady
course, the kinds of the origin and the predicted destination, summed into an innocence score."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np

from interdict.contract.picture import Picture
from interdict.core.units import m_to_ft
from interdict.engine.destinations import DestinationEstimate, StripEvent
from interdict.engine.evidence.items import Behaviour
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState

__all__ = ["sun_elevation_deg", "behaviour_of", "steady_course"]


def sun_elevation_deg(when: datetime, lat_deg: float, lon_deg: float) -> float:
    """Approximate solar elevation (NOAA low-accuracy formulas, about 0.5 degree)."""
    day = when.timetuple().tm_yday
    hours = when.hour + when.minute / 60 + when.second / 3600
    g = 2 * math.pi / 365 * (day - 1 + (hours - 12) / 24)
    decl = (
        0.006918
        - 0.399912 * math.cos(g)
        + 0.070257 * math.sin(g)
        - 0.006758 * math.cos(2 * g)
        + 0.000907 * math.sin(2 * g)
        - 0.002697 * math.cos(3 * g)
        + 0.00148 * math.sin(3 * g)
    )
    eqtime = 229.18 * (
        0.000075
        + 0.001868 * math.cos(g)
        - 0.032077 * math.sin(g)
        - 0.014615 * math.cos(2 * g)
        - 0.040849 * math.sin(2 * g)
    )
    solar_min = hours * 60 + eqtime + 4 * lon_deg
    hour_angle = math.radians(solar_min / 4 - 180)
    lat = math.radians(lat_deg)
    cos_zenith = math.sin(lat) * math.sin(decl) + math.cos(lat) * math.cos(decl) * math.cos(hour_angle)
    return 90.0 - math.degrees(math.acos(max(-1.0, min(1.0, cos_zenith))))


def steady_course(courses: Sequence[float], rules: RuleSet) -> bool | None:
    """Whether the last confirmed courses (radians) hold steady: their circular standard deviation
    below the rule set's spread; None while there are too few."""
    if len(courses) < rules.steady_min_scans:
        return None
    c = np.asarray(courses[-rules.steady_window_scans :])
    r = math.hypot(float(np.mean(np.sin(c))), float(np.mean(np.cos(c))))
    return math.sqrt(max(-2 * math.log(max(r, 1e-12)), 0.0)) < math.radians(rules.steady_max_spread_deg)


def behaviour_of(
    track: TrackState,
    picture: Picture,
    rules: RuleSet,
    destination: DestinationEstimate | None,
    origin: StripEvent | None,
    steady: bool | None,
    t_s: float,
) -> Behaviour:
    kinds = picture.strip_kinds
    band = None if track.alt_m is None else rules.cruise_band_ft[0] <= m_to_ft(track.alt_m) <= rules.cruise_band_ft[1]
    lat, lon, _ = picture.frame.point_to_geodetic(track.east_m, track.north_m, 0.0)
    daylight = sun_elevation_deg(picture.start + timedelta(seconds=t_s), lat, lon) > 0.0
    likely = destination is not None and destination.top_p >= rules.destination_min_probability
    dest_kind = kinds.get(destination.top) if destination and destination.top and likely else None
    origin_kind = kinds.get(origin.strip_id) if origin and origin.strip_id else None
    weight = dict(rules.profile_weights)
    features = [
        ("destination is a registered aerodrome", dest_kind == "registered", weight["registered_destination"]),
        ("destination is a river landing area", dest_kind == "river", weight["river_destination"]),
        ("destination is a mission strip", dest_kind == "mission", weight["mission_destination"]),
        (
            "took off from a registered, mission or river strip",
            origin_kind in ("registered", "mission", "river"),
            weight["civil_origin"],
        ),
        ("altitude in the normal cruise band", band is True, weight["cruise_band"]),
        ("daylight", daylight, weight["daylight"]),
        ("steady course", steady is True, weight["steady_course"]),
    ]
    flags = tuple(name for name, on, _ in features if on)
    return Behaviour(band, daylight, steady, origin_kind, dest_kind, sum(w for _, on, w in features if on), flags)
