"""Geodesy: WGS84 geodetic <-> local east-north-up (ENU) metres, radar geometry, horizon, terrain.

Heights are WGS84 ellipsoidal heights. No geoid grid is available offline, so altitudes given
"above mean sea level" in scenario files are used as ellipsoidal heights; the difference in Peru
is a few tens of metres, below primary-radar accuracy.

Frames: a `LocalFrame` is a topocentric ENU frame whose origin is a WGS84 point; x = east,
y = north, z = up, in metres. Azimuths are clockwise from true north in [0, 2*pi).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from pyproj import Geod, Transformer

from interdict.core.arrays import FloatArray

__all__ = [
    "EARTH_RADIUS_M",
    "K_REFRACTION",
    "LocalFrame",
    "enu_to_polar",
    "polar_to_enu",
    "radar_horizon_m",
    "geodesic_distance_m",
    "geodesic_destination",
]


EARTH_RADIUS_M = 6_371_000.0


K_REFRACTION = 4.0 / 3.0  # standard-atmosphere effective earth radius factor


_WGS84 = Geod(ellps="WGS84")


def _topocentric_pipeline(lat_deg: float, lon_deg: float, h_m: float) -> str:
    return (
        "+proj=pipeline +step +proj=cart +ellps=WGS84 "
        f"+step +proj=topocentric +ellps=WGS84 +lat_0={lat_deg!r} +lon_0={lon_deg!r} +h_0={h_m!r}"
    )


@dataclass(frozen=True)
class LocalFrame:
    """A local ENU frame about a WGS84 origin (`lat_deg`, `lon_deg`, ellipsoidal `alt_m`)."""

    lat_deg: float
    lon_deg: float
    alt_m: float = 0.0
    _transformer: Transformer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        transformer = Transformer.from_pipeline(_topocentric_pipeline(self.lat_deg, self.lon_deg, self.alt_m))
        object.__setattr__(self, "_transformer", transformer)

    def to_enu(
        self, lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike, alt_m: npt.ArrayLike
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """WGS84 (degrees, ellipsoidal metres) to ENU metres in this frame; arrays broadcast."""
        lat, lon, alt = np.broadcast_arrays(
            np.asarray(lat_deg, dtype=float), np.asarray(lon_deg, dtype=float), np.asarray(alt_m, dtype=float)
        )
        e, n, u = self._transformer.transform(lon, lat, alt)  # pyproj: lon first
        return np.asarray(e, dtype=float), np.asarray(n, dtype=float), np.asarray(u, dtype=float)

    def to_geodetic(
        self, east_m: npt.ArrayLike, north_m: npt.ArrayLike, up_m: npt.ArrayLike
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """ENU metres in this frame to WGS84 (lat_deg, lon_deg, ellipsoidal alt_m)."""
        e, n, u = np.broadcast_arrays(
            np.asarray(east_m, dtype=float), np.asarray(north_m, dtype=float), np.asarray(up_m, dtype=float)
        )
        lon, lat, alt = self._transformer.transform(e, n, u, direction="INVERSE")
        return np.asarray(lat, dtype=float), np.asarray(lon, dtype=float), np.asarray(alt, dtype=float)

    def below(self, east_m: npt.ArrayLike, north_m: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
        """WGS84 (lat_deg, lon_deg) of the points on the ellipsoid below map positions (east, north):
        a flat map's offsets from the origin, laid on the curved earth."""
        e, n = np.asarray(east_m, dtype=float), np.asarray(north_m, dtype=float)
        drop = -(e**2 + n**2) / (2 * EARTH_RADIUS_M)  # ENU height of the ellipsoid below (e, n)
        lat, lon, _ = self.to_geodetic(e, n, drop - self.alt_m)
        return lat, lon

    def point_to_enu(self, lat_deg: float, lon_deg: float, alt_m: float) -> tuple[float, float, float]:
        """One WGS84 point to ENU metres (scalar convenience)."""
        e, n, u = self.to_enu(lat_deg, lon_deg, alt_m)
        return float(e), float(n), float(u)

    def point_to_geodetic(self, east_m: float, north_m: float, up_m: float) -> tuple[float, float, float]:
        """One ENU point to WGS84 (lat_deg, lon_deg, alt_m) (scalar convenience)."""
        lat, lon, alt = self.to_geodetic(east_m, north_m, up_m)
        return float(lat), float(lon), float(alt)


def enu_to_polar(
    east_m: npt.ArrayLike, north_m: npt.ArrayLike, up_m: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """ENU offsets from a sensor to (slant range_m, azimuth_rad in [0, 2*pi), elevation_rad)."""
    e = np.asarray(east_m, dtype=float)
    n = np.asarray(north_m, dtype=float)
    u = np.asarray(up_m, dtype=float)
    ground_m = np.hypot(e, n)
    range_m = np.hypot(ground_m, u)
    azimuth_rad = np.mod(np.arctan2(e, n), 2.0 * math.pi)
    elevation_rad = np.arctan2(u, ground_m)
    return range_m, azimuth_rad, elevation_rad


def polar_to_enu(
    range_m: npt.ArrayLike, azimuth_rad: npt.ArrayLike, elevation_rad: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(slant range_m, azimuth_rad, elevation_rad) from a sensor to ENU offsets in metres."""
    r = np.asarray(range_m, dtype=float)
    az = np.asarray(azimuth_rad, dtype=float)
    el = np.asarray(elevation_rad, dtype=float)
    ground_m = r * np.cos(el)
    return ground_m * np.sin(az), ground_m * np.cos(az), r * np.sin(el)


def radar_horizon_m(
    antenna_height_m: npt.ArrayLike, target_height_m: npt.ArrayLike, *, k: float = K_REFRACTION
) -> FloatArray:
    """Distance to the radar horizon, sqrt(2kRh1) + sqrt(2kRh2), heights above the terrain below.

    4/3-earth model: d[km] ~ 4.12 (sqrt(h_radar[m]) + sqrt(h_target[m])). Negative heights count as 0.
    """
    h1 = np.maximum(np.asarray(antenna_height_m, dtype=float), 0.0)
    h2 = np.maximum(np.asarray(target_height_m, dtype=float), 0.0)
    two_kr = 2.0 * k * EARTH_RADIUS_M
    return np.asarray(np.sqrt(two_kr * h1) + np.sqrt(two_kr * h2), dtype=float)


def geodesic_distance_m(lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float) -> float:
    """Length of the WGS84 geodesic between two points, metres."""
    _, _, dist_m = _WGS84.inv(lon1_deg, lat1_deg, lon2_deg, lat2_deg)
    return float(dist_m)


def geodesic_destination(lat_deg: float, lon_deg: float, *, bearing_rad: float, range_m: float) -> tuple[float, float]:
    """End of a WGS84 geodesic from a point along a bearing. Returns (lat_deg, lon_deg)."""
    lon2, lat2, _ = _WGS84.fwd(lon_deg, lat_deg, math.degrees(bearing_rad), range_m)
    return float(lat2), float(lon2)
