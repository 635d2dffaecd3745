"""Made-up ADS-B state vectors of a light aircraft that flies straight, orbits and flies on: rows in
either dialect, optionally with the fault of public samples (positions stamped seconds off)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interdict.core.geodesy import LocalFrame
from interdict.scenario.document import Scenario
from interdict.scenario.recorded import RecordedFlight, recorded_scenario

START_UNIX_S = 1_700_000_000.0
FRAME = LocalFrame(-12.4, -73.9)


def orbit_path(t_s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """East, north (m), speed (m/s), track (deg) at `t_s`: 300 s east at 50 m/s, an orbit to the
    left at 6 deg/s for 1200 s, then on east."""
    v, w = 50.0, math.radians(6.0)
    r = v / w
    e, n, trk = np.zeros(len(t_s)), np.zeros(len(t_s)), np.zeros(len(t_s))
    for k, t in enumerate(t_s):
        if t <= 300:
            e[k], n[k], trk[k] = v * t, 0.0, 90.0
        elif t <= 1500:
            a = w * (t - 300)  # counter-clockwise from heading east, centre r to the north
            e[k], n[k] = v * 300 + r * math.sin(a), r - r * math.cos(a)
            trk[k] = (90.0 - math.degrees(a)) % 360
        else:
            a = w * 1200
            e[k] = v * 300 + r * math.sin(a) + v * (t - 1500) * math.cos(a)
            n[k] = r - r * math.cos(a) + v * (t - 1500) * math.sin(a)
            trk[k] = (90.0 - math.degrees(a)) % 360
    return e, n, np.full(len(t_s), v), trk


def rows(
    dialect: str = "traffic",
    *,
    step_s: float = 5.0,
    duration_s: float = 2400.0,
    stamp_error_s: float = 0.0,
    seed: int = 1,
) -> list[dict[str, Any]]:
    """State vectors of the flight; `stamp_error_s`: each position is where the aircraft was up to
    that many seconds away from its time stamp (uniform)."""
    rng = np.random.default_rng(seed)
    t = np.arange(0.0, duration_s + 1e-9, step_s)
    true_t = t + rng.uniform(-stamp_error_s, stamp_error_s, len(t)) if stamp_error_s else t
    e, n, speed, trk = orbit_path(true_t)
    lat, lon, _ = FRAME.to_geodetic(e, n, np.zeros(len(t)))
    out = []
    for k in range(len(t)):
        if dialect == "traffic":
            out.append(
                {
                    "timestamp": int((START_UNIX_S + t[k]) * 1000),
                    "icao24": "e8044f",
                    "latitude": float(lat[k]),
                    "longitude": float(lon[k]),
                    "altitude": 5000.0,
                    "groundspeed": float(speed[k] / (1852 / 3600)),
                    "track": float(trk[k]),
                    "callsign": "OB1544 ",
                }
            )
        else:
            out.append(
                {
                    "time": START_UNIX_S + t[k],
                    "icao24": "e8044f",
                    "lat": float(lat[k]),
                    "lon": float(lon[k]),
                    "baroaltitude": 1524.0,
                    "velocity": float(speed[k]),
                    "heading": float(trk[k]),
                    "callsign": "OB1544",
                }
            )
    return out


def orbit_scenario() -> Scenario:
    """The OpenSky rows as a recorded scenario in the VRAEM (one primary radar 20 km south)."""
    r = rows("opensky")
    col = {k: np.array([x[k] for x in r], float) for k in ("time", "lat", "lon", "baroaltitude", "velocity", "heading")}
    return recorded_scenario([RecordedFlight("e8044f", None, *(col[k] for k in col))], "orbit", at=(-12.4, -73.9))
