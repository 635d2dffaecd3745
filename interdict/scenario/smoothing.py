"""A smooth path from recorded ADS-B positions: a Rauch-Tung-Striebel smoother (filterpy) over the
positions and, where the recording has them, the reported ground speed and track.

Why: the positions of public ADS-B samples are stamped with a time that is not the time of the
fix (the traffic package's samples: the distance between consecutive positions over their time
step is 0.6 to 1.5 times the reported ground speed, 5th to 95th percentile), so read as they are
they make a path that lurches back and forth along the track by a few hundred metres, which no
aircraft flies. The smoother keeps the shape (turns, orbits, speed changes over tens of seconds)
and removes the lurches. Model: nearly constant velocity in a local east/north frame (white-noise
acceleration `accel_sigma_mps2`), position fixes with `position_sigma_m`, velocity from ground
speed and track with `velocity_sigma_mps`. Altitude is smoothed the same way, from altitude only.

The smoothed path must fly the reported speeds: between consecutive fixes its speed must lie
within `speed_band` of the reported ground speed for 90 % of the legs (5th to 95th percentile;
the raw positions of the samples above do not). Some recordings' speed and track contradict their
positions (in the same package: the calibration flights, the gliders, an aerial survey), and a
flight without reported speeds cannot be checked: both are refused (InterdictError), never used,
and can only be taken as recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from filterpy.kalman import KalmanFilter, rts_smoother

from interdict.core.arrays import FloatArray
from interdict.core.errors import InterdictError
from interdict.core.geodesy import LocalFrame
from interdict.scenario.recorded import RecordedFlight

__all__ = ["SmoothingParams", "smooth_flight"]


@dataclass(frozen=True)
class SmoothingParams:
    accel_sigma_mps2: float = 2.0
    position_sigma_m: float = 150.0
    velocity_sigma_mps: float = 3.0
    altitude_sigma_m: float = 30.0
    climb_accel_sigma_mps2: float = 0.5
    speed_band: tuple[float, float] = (0.8, 1.25)


def smooth_flight(flight: RecordedFlight, params: SmoothingParams = SmoothingParams()) -> RecordedFlight:
    """The flight with its positions and altitudes smoothed (module docstring); times unchanged."""
    t = flight.t_unix_s
    frame = LocalFrame(float(flight.lat_deg[0]), float(flight.lon_deg[0]))
    east, north, _ = frame.to_enu(flight.lat_deg, flight.lon_deg, np.zeros(len(t)))
    ve = flight.speed_mps * np.sin(np.radians(flight.track_deg))
    vn = flight.speed_mps * np.cos(np.radians(flight.track_deg))
    e_s, n_s = (
        _smooth(
            t, np.column_stack([p, v]), params.accel_sigma_mps2, (params.position_sigma_m, params.velocity_sigma_mps)
        )
        for p, v in ((east, ve), (north, vn))
    )
    alt = _smooth(
        t,
        np.column_stack([flight.alt_m, np.full(len(t), np.nan)]),
        params.climb_accel_sigma_mps2,
        (params.altitude_sigma_m, 1.0),
    )
    _check_speeds(flight, e_s, n_s, params.speed_band)
    lat, lon, _ = frame.to_geodetic(e_s, n_s, np.zeros(len(t)))
    return replace(flight, lat_deg=lat, lon_deg=lon, alt_m=alt)


def _check_speeds(flight: RecordedFlight, east_m: FloatArray, north_m: FloatArray, band: tuple[float, float]) -> None:
    """InterdictError unless the smoothed path flies the reported ground speeds (module docstring)."""
    reported = 0.5 * (flight.speed_mps[1:] + flight.speed_mps[:-1])
    flown = np.hypot(np.diff(east_m), np.diff(north_m)) / np.diff(flight.t_unix_s)
    moving = reported > 10.0  # m/s: taxiing and hovering say little
    if not moving.any():
        raise InterdictError(f"flight {flight.icao24}: no reported ground speed to smooth with; take it as recorded")
    lo, hi = np.percentile(flown[moving] / reported[moving], [5, 95])
    if lo < band[0] or hi > band[1]:
        raise InterdictError(
            f"flight {flight.icao24}: its reported speed and track contradict its positions (smoothed, it flies "
            f"{lo:.2f} to {hi:.2f} times its reported speed, 5th to 95th percentile, outside {band[0]:g} to "
            f"{band[1]:g}); take it as recorded"
        )


def _smooth(t: FloatArray, z: FloatArray, accel_sigma: float, sigmas: tuple[float, float]) -> FloatArray:
    """RTS-smoothed positions of one axis from (position, velocity) measurements (NaN: missing)."""
    dt = np.diff(t, prepend=t[0])
    Fs = [np.array([[1.0, d], [0.0, 1.0]]) for d in dt]
    q = accel_sigma**2
    Qs = [q * np.array([[d**4 / 4, d**3 / 2], [d**3 / 2, d**2]]) for d in dt]
    kf = KalmanFilter(dim_x=2, dim_z=2)
    have_v = ~np.isnan(z[:, 1])
    first_v = z[have_v, 1][0] if have_v.any() else 0.0
    kf.x = np.array([[z[0, 0]], [first_v]])
    kf.P = np.diag([sigmas[0] ** 2, 100.0**2])
    Hs = [np.eye(2) if v else np.array([[1.0, 0.0], [0.0, 0.0]]) for v in have_v]
    R = np.diag([sigmas[0] ** 2, sigmas[1] ** 2])
    zs = [np.array([[p], [v if ok else 0.0]]) for (p, v), ok in zip(z, have_v, strict=True)]
    means, covs, _, _ = kf.batch_filter(zs, Fs=Fs, Qs=Qs, Hs=Hs, Rs=[R] * len(zs))
    smoothed, _, _, _ = rts_smoother(means, covs, Fs, Qs)
    return np.asarray(smoothed[:, 0, 0], float)
