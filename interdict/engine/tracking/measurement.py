"""Polar plots to converted position measurements in the scenario's local ENU frame.

A 2-D radar measures slant range and azimuth only. The horizontal position needs an altitude: the
plot's Mode C altitude when it has one (sigma `MODE_C_SIGMA_M`), otherwise an assumed altitude with
a wide sigma; the altitude's uncertainty enters the ground-range variance through d(ground)/d(alt).
The converted covariance is the first-order one, J diag(var_ground, var_az) J^T, with J the
Jacobian of (ground range, azimuth) -> (east, north), which is position dependent: it grows with
range across the beam (Bar-Shalom, Willett & Tian 2011, §1.5 "converted measurements"). It is then
rotated from the radar's own ENU axes into the scenario frame's (meridian convergence).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from interdict.contract.specs import RadarSpec
from interdict.core.arrays import FloatArray
from interdict.core.geodesy import EARTH_RADIUS_M, LocalFrame
from interdict.core.units import ft_to_m

__all__ = ["RadarGeometry", "radar_geometry", "convert_plots", "plot_altitudes", "MODE_C_SIGMA_M"]

MODE_C_SIGMA_M = 30.0  # 100 ft quantisation plus altimetry error


@dataclass(frozen=True)
class RadarGeometry:
    """What the tracker needs of a radar, precomputed in the scenario frame."""

    radar_id: str
    site: LocalFrame  # the radar's own frame, origin at the antenna
    sensor_en_m: tuple[float, float]  # antenna's east/north in the scenario frame
    rotation_rad: float  # scenario-frame heading of the radar's north axis
    range_sigma_m: float
    azimuth_sigma_rad: float
    max_range_m: float
    scan_period_s: float
    north_offset_s: float
    clutter_density_per_m2: float
    detection_probability: float
    has_psr: bool = True  # primary: sees every aircraft
    has_ssr: bool = True  # secondary: sees transponding aircraft only, with their Mode A


def radar_geometry(radar: RadarSpec, frame: LocalFrame) -> RadarGeometry:
    """Precompute a radar's geometry in the scenario frame."""
    site = LocalFrame(radar.at.lat, radar.at.lon, radar.at.alt_m + radar.antenna_height_m)
    lat0, lon0, h0 = site.point_to_geodetic(0.0, 0.0, 0.0)
    lat1, lon1, h1 = site.point_to_geodetic(0.0, 10_000.0, 0.0)
    e0, n0, _ = frame.point_to_enu(lat0, lon0, h0)
    e1, n1, _ = frame.point_to_enu(lat1, lon1, h1)
    max_range_m = radar.max_range_km * 1000.0
    return RadarGeometry(
        radar_id=radar.id,
        site=site,
        sensor_en_m=(e0, n0),
        rotation_rad=math.atan2(e1 - e0, n1 - n0),
        range_sigma_m=radar.range_sigma_m,
        azimuth_sigma_rad=math.radians(radar.azimuth_sigma_deg),
        max_range_m=max_range_m,
        scan_period_s=radar.scan_period_s,
        north_offset_s=radar.north_offset_s,
        clutter_density_per_m2=max(radar.false_plots_per_scan, 0.1) / (math.pi * max_range_m**2),
        detection_probability=radar.detection_probability,
        has_psr=radar.kind in ("psr", "psr+ssr"),
        has_ssr=radar.kind in ("ssr", "psr+ssr"),
    )


def convert_plots(
    geom: RadarGeometry,
    frame: LocalFrame,
    range_m: FloatArray,
    azimuth_rad: FloatArray,
    alt_m: FloatArray,
    alt_sigma_m: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Positions z (n, 2) east/north in the scenario frame and covariances R (n, 2, 2)."""
    r = np.asarray(range_m, dtype=float)
    az = np.asarray(azimuth_rad, dtype=float)
    dh = np.asarray(alt_m, dtype=float) - geom.site.alt_m
    ground = np.sqrt(np.maximum(r**2 - dh**2, 1.0))
    up = dh - ground**2 / (2 * EARTH_RADIUS_M)  # the target's height in the radar's tangent frame
    ground = np.sqrt(np.maximum(r**2 - up**2, 1.0))
    lat, lon, h = geom.site.to_geodetic(ground * np.sin(az), ground * np.cos(az), up)
    e, n, _ = frame.to_enu(lat, lon, h)
    # d(ground)/d(range) = r / ground; d(ground)/d(alt) = -up / ground
    var_g = (geom.range_sigma_m * r / ground) ** 2 + (np.asarray(alt_sigma_m) * up / ground) ** 2
    var_az = geom.azimuth_sigma_rad**2
    s, c = np.sin(az + geom.rotation_rad), np.cos(az + geom.rotation_rad)
    J = np.empty((len(r), 2, 2))
    J[:, 0, 0], J[:, 0, 1] = s, ground * c
    J[:, 1, 0], J[:, 1, 1] = c, -ground * s
    D = np.zeros((len(r), 2, 2))
    D[:, 0, 0], D[:, 1, 1] = var_g, var_az
    R = J @ D @ np.swapaxes(J, 1, 2)
    return np.column_stack([e, n]), R


def plot_altitudes(
    mode_c_alt_ft: list[float | None], default_alt_m: float, default_sigma_m: float
) -> tuple[FloatArray, FloatArray]:
    """Altitude and its sigma per plot: Mode C when present, the assumed default otherwise."""
    alt = np.array([default_alt_m if a is None else ft_to_m(a) for a in mode_c_alt_ft], dtype=float)
    sigma = np.array([default_sigma_m if a is None else MODE_C_SIGMA_M for a in mode_c_alt_ft], dtype=float)
    return alt, sigma
