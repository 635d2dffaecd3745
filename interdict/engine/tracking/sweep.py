"""Where a radar's antenna pointed, and when: read off the data, not off the nominal period.

A real antenna's period drifts and jitters (0.1 % is 3.6 s after an hour), so the tracker never
computes a beam time from `scan_period_s` alone. The antenna's angle is *unwrapped*:
`theta_rad = 2 pi k + azimuth_rad` in its k-th turn. Every plot is a mark (its time stamp, its
azimuth) and so is every north marker (its time stamp, a multiple of 2 pi). A mark is placed in
its turn by the time elapsed since the previous mark, at the nominal rate, rounded to whole turns:
robust while the period errs by less than half a turn over the gap between two marks (a gap of 100
turns at 0.5 %). The beam's time at any angle is interpolated between marks (linear in angle) and
extrapolated at the nominal rate beyond them.

A step's sweep is cut where no plot is near: a track and its own plot then always fall on the same
side. The cut is the latest angle that (a) the antenna has surely passed by the step's time, less
a guard (extrapolated from the last mark at the nominal rate, less `PERIOD_TOLERANCE` of the turns
extrapolated) and (b) lies at least `guard_rad` from every plot; plots after the cut wait for the
next step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from interdict.core.arrays import FloatArray

__all__ = ["Antenna", "unwrap", "beam_times", "cut"]

TWO_PI = 2.0 * math.pi
PERIOD_TOLERANCE = 0.01  # the largest period error assumed per turn of extrapolation (fraction)


@dataclass(frozen=True, slots=True)
class Antenna:
    """One radar's antenna as far as the tracker knows it: the last mark (time, unwrapped angle) and
    the angle up to which the sweep has been processed."""

    t_s: float
    theta_rad: float
    done_rad: float

    @staticmethod
    def nominal(t_s: float, north_offset_s: float, period_s: float) -> Antenna:
        """Before any mark: the nominal antenna angle at `t_s`, processed up to there."""
        theta = TWO_PI * (t_s - north_offset_s) / period_s
        return Antenna(t_s, theta, theta)


def unwrap(last: Antenna, t_s: FloatArray, azimuth_rad: FloatArray, period_s: float) -> FloatArray:
    """Unwrapped antenna angles of time-ordered marks after `last` (azimuths in [0, 2 pi); a north
    marker is a mark at azimuth 0)."""
    if not len(t_s):
        return np.zeros(0)
    dt = np.diff(np.r_[last.t_s, t_s])
    da = np.diff(np.r_[math.fmod(last.theta_rad, TWO_PI), azimuth_rad])
    turns = np.round((TWO_PI * dt / period_s - da) / TWO_PI)
    return np.asarray(last.theta_rad + np.cumsum(da + TWO_PI * turns), float)


def beam_times(theta_rad: FloatArray, mark_theta: FloatArray, mark_t: FloatArray, period_s: float) -> FloatArray:
    """The time the beam pointed at each unwrapped angle: linear between marks (sorted by angle,
    made monotone), the nominal rate beyond the first and the last."""
    order = np.argsort(mark_theta, kind="stable")
    a, t = mark_theta[order], np.maximum.accumulate(mark_t[order])
    rate = period_s / TWO_PI
    inside = np.interp(theta_rad, a, t)
    return np.where(
        theta_rad < a[0],
        t[0] + (theta_rad - a[0]) * rate,
        np.where(theta_rad > a[-1], t[-1] + (theta_rad - a[-1]) * rate, inside),
    )


def cut(done_rad: float, last: Antenna, plot_theta: FloatArray, t_s: float, period_s: float, guard_rad: float) -> float:
    """The angle up to which a step may process the sweep (see the module docstring); never below
    `done_rad`."""
    turns = max(t_s - last.t_s, 0.0) / period_s
    reached = last.theta_rad + TWO_PI * turns - TWO_PI * PERIOD_TOLERANCE * max(turns, 0.25) - guard_rad
    ahead = np.sort(plot_theta[plot_theta > done_rad])
    if not len(ahead) or reached >= ahead[-1] + guard_rad:
        return max(done_rad, reached)
    # The last gap between plots (or after what is done) wide enough to cut at a guard from both sides.
    edges = np.r_[done_rad - guard_rad, ahead]
    feasible = (np.diff(edges) >= 2 * guard_rad) & (edges[:-1] + guard_rad <= reached)
    if not feasible.any():
        return done_rad
    k = int(np.flatnonzero(feasible)[-1])
    return max(done_rad, min(float(edges[k + 1]) - guard_rad, reached))
