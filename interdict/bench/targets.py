"""Manoeuvring targets and their plots for the tracker comparison (no scenario file: both trackers
get exactly the same polar plots).

N light aircraft (50-80 m/s, constant-velocity legs joined by standard-rate coordinated turns of
30-120°, kept within a 200 x 200 km area) fly for 30 minutes around one radar (5 s scans, sigma_r
50 m, sigma_az 0.2°, Pd 0.9, 10 false plots per scan uniform over the area). Aircraft and antenna
are at 1,500 m, so slant range equals planar range to within metres for both trackers. Plot times
are beam-crossing times. Positions are local ENU metres about the radar.
"""

from __future__ import annotations

import math

import numpy as np

from interdict.core.arrays import FloatArray
from interdict.core.geodesy import EARTH_RADIUS_M

__all__ = [
    "SCAN_S",
    "DURATION_S",
    "SIGMA_R_M",
    "SIGMA_AZ_RAD",
    "PD",
    "CLUTTER",
    "ALT_M",
    "Scan",
    "truth_paths",
    "make_plots",
    "truth_at",
]

SCAN_S, DURATION_S, HALF_M = 5.0, 1800.0, 100_000.0
SIGMA_R_M, SIGMA_AZ_RAD, PD, CLUTTER = 50.0, math.radians(0.2), 0.9, 10
ALT_M = 1500.0

Scan = list[tuple[float, float, float]]  # (t_s, range_m, azimuth_rad) of one scan's plots


def truth_paths(n: int, rng: np.random.Generator) -> FloatArray:
    """(n, steps, 4): east_m, north_m, east_mps, north_mps at 1 s steps."""
    steps = int(DURATION_S) + int(SCAN_S) + 1
    out = np.empty((n, steps, 4))
    pos = rng.uniform(-0.7 * HALF_M, 0.7 * HALF_M, (n, 2))
    speed = rng.uniform(50.0, 80.0, n)
    heading = rng.uniform(0, 2 * math.pi, n)
    turn = np.zeros(n)
    turn_left = np.zeros(n)
    next_turn = rng.uniform(60, 400, n)
    rate = math.radians(3.0)
    for k in range(steps):
        out[:, k, :2] = pos
        out[:, k, 2] = speed * np.sin(heading)
        out[:, k, 3] = speed * np.cos(heading)
        start = (next_turn <= k) & (turn_left <= 0)
        turn[start] = rng.choice([-1.0, 1.0], start.sum())
        turn_left[start] = np.radians(rng.uniform(30, 120, start.sum()))
        next_turn[start] = k + rng.uniform(200, 500, start.sum())
        far = (np.abs(pos) > 0.85 * HALF_M).any(axis=1) & (turn_left <= 0)  # back towards the centre
        back = np.arctan2(-pos[:, 0], -pos[:, 1])
        diff = (back - heading + math.pi) % (2 * math.pi) - math.pi
        turn[far] = np.sign(diff[far])
        turn_left[far] = np.abs(diff[far])
        active = turn_left > 0
        heading = heading + np.where(active, turn * rate, 0.0)
        turn_left = np.where(active, turn_left - rate, 0.0)
        pos = pos + np.column_stack([speed * np.sin(heading), speed * np.cos(heading)])
    return out


def make_plots(paths: FloatArray, rng: np.random.Generator) -> list[Scan]:
    """Per scan: plots at beam-crossing times, the targets' then the clutter's, in time order."""
    scans = []
    n = len(paths)
    for k in range(int(DURATION_S / SCAN_S)):
        t0 = k * SCAN_S
        e0, n0 = paths[:, int(t0), 0], paths[:, int(t0), 1]
        t = t0 + np.mod(np.arctan2(e0, n0), 2 * math.pi) / (2 * math.pi) * SCAN_S
        i0 = np.floor(t).astype(int)
        f = (t - i0)[:, None]
        p = paths[np.arange(n), i0, :2] * (1 - f) + paths[np.arange(n), i0 + 1, :2] * f
        ground = np.hypot(p[:, 0], p[:, 1])
        r = np.hypot(ground, -(ground**2) / (2 * EARTH_RADIUS_M))
        az = np.mod(np.arctan2(p[:, 0], p[:, 1]), 2 * math.pi)
        seen = rng.random(n) < PD
        rn = r + rng.normal(0, SIGMA_R_M, n)
        an = np.mod(az + rng.normal(0, SIGMA_AZ_RAD, n), 2 * math.pi)
        plots = [(float(t[i]), float(rn[i]), float(an[i])) for i in np.flatnonzero(seen)]
        c = rng.uniform(-HALF_M, HALF_M, (CLUTTER, 2))
        caz = np.mod(np.arctan2(c[:, 0], c[:, 1]), 2 * math.pi)
        plots += [
            (float(t0 + a / (2 * math.pi) * SCAN_S), float(np.hypot(*xy)), float(a))
            for xy, a in zip(c, caz, strict=True)
        ]
        scans.append(sorted(plots))
    return scans


def truth_at(paths: FloatArray, t_s: float) -> dict[str, FloatArray]:
    return {f"a{j}": paths[j, int(t_s), :2] for j in range(len(paths))}
