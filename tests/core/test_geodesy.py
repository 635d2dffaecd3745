"""Geodesy: ENU round trips, an independent ECEF cross-check, polar conversions, horizon."""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from interdict.core.geodesy import (
    LocalFrame,
    enu_to_polar,
    geodesic_destination,
    geodesic_distance_m,
    polar_to_enu,
    radar_horizon_m,
)

A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)


def _ecef(lat: float, lon: float, h: float) -> np.ndarray:
    la, lo = math.radians(lat), math.radians(lon)
    n = A / math.sqrt(1 - E2 * math.sin(la) ** 2)
    return np.array(
        [
            (n + h) * math.cos(la) * math.cos(lo),
            (n + h) * math.cos(la) * math.sin(lo),
            (n * (1 - E2) + h) * math.sin(la),
        ]
    )


def _enu_by_hand(origin: tuple[float, float, float], point: tuple[float, float, float]) -> np.ndarray:
    la, lo = math.radians(origin[0]), math.radians(origin[1])
    rot = np.array(
        [
            [-math.sin(lo), math.cos(lo), 0.0],
            [-math.sin(la) * math.cos(lo), -math.sin(la) * math.sin(lo), math.cos(la)],
            [math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)],
        ]
    )
    return rot @ (_ecef(*point) - _ecef(*origin))


@settings(max_examples=60, deadline=None)
@given(
    lat0=st.floats(-60, 60),
    lon0=st.floats(-179, 179),
    dlat=st.floats(-2.5, 2.5),
    dlon=st.floats(-2.5, 2.5),
    alt=st.floats(-100, 9000),
)
def test_enu_matches_independent_ecef_and_round_trips(
    lat0: float, lon0: float, dlat: float, dlon: float, alt: float
) -> None:
    frame = LocalFrame(lat0, lon0, 100.0)
    point = (lat0 + dlat, lon0 + dlon, alt)
    enu = np.array(frame.point_to_enu(*point))
    assert enu == pytest.approx(_enu_by_hand((lat0, lon0, 100.0), point), abs=1e-3)
    back = frame.point_to_geodetic(*enu)
    assert (back[0], back[2]) == pytest.approx((point[0], point[2]), abs=1e-6)
    assert (back[1] - point[1] + 180.0) % 360.0 - 180.0 == pytest.approx(0.0, abs=1e-6)  # across the antimeridian


@given(r=st.floats(10.0, 400_000.0), az=st.floats(0.0, 2 * math.pi, exclude_max=True), el=st.floats(-0.5, 0.5))
def test_polar_round_trip(r: float, az: float, el: float) -> None:
    r2, az2, el2 = enu_to_polar(*polar_to_enu(r, az, el))
    assert float(r2) == pytest.approx(r, rel=1e-9)
    assert math.cos(float(az2) - az) == pytest.approx(1.0, abs=1e-9)
    assert float(el2) == pytest.approx(el, abs=1e-9)


@given(h1=st.floats(0, 5000), h2=st.floats(0, 5000), dh=st.floats(1, 1000))
def test_horizon_grows_with_both_heights(h1: float, h2: float, dh: float) -> None:
    assert radar_horizon_m(h1 + dh, h2) > radar_horizon_m(h1, h2)
    assert radar_horizon_m(h1, h2 + dh) > radar_horizon_m(h1, h2)


def test_horizon_known_value() -> None:
    # about 4.12 km * (sqrt(10) + sqrt(1000)) for 10 m and 1000 m
    assert float(radar_horizon_m(10.0, 1000.0)) == pytest.approx(4122 * (math.sqrt(10) + math.sqrt(1000)), rel=0.01)


def test_geodesic_helpers_round_trip() -> None:
    lat, lon = geodesic_destination(-12.0, -74.0, bearing_rad=1.0, range_m=50_000.0)
    assert geodesic_distance_m(-12.0, -74.0, lat, lon) == pytest.approx(50_000.0, abs=1e-3)
