"""When a track leaves radar cover: the time until its straight-line extrapolation crosses the last
maximum-range circle of the radars that cover it now (ENU metres, seconds)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from interdict.engine.tracking.measurement import RadarGeometry
from interdict.engine.tracking.track import TrackState

__all__ = ["time_to_leave_cover_s"]


def time_to_leave_cover_s(track: TrackState, geoms: Sequence[RadarGeometry]) -> float | None:
    """Seconds until the track leaves the coverage of every radar on its current velocity, if it will
    (None when no radar covers it now, or it does not move)."""
    best = None
    for g in geoms:
        px, py = track.east_m - g.sensor_en_m[0], track.north_m - g.sensor_en_m[1]
        vx, vy = track.east_mps, track.north_mps
        a, b, c = vx * vx + vy * vy, 2 * (px * vx + py * vy), px * px + py * py - g.max_range_m**2
        if c > 0 or a == 0:
            continue
        t_exit = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
        best = t_exit if best is None else max(best, t_exit)
    return best
