"""Terrain heights and radar line of sight over ridges and the 4/3-earth bulge."""

from __future__ import annotations

import pytest

from interdict.contract.specs import GeoPoint, RidgeSpec, TerrainSpec
from interdict.core.geodesy import LocalFrame, radar_horizon_m
from interdict.world.terrain import line_of_sight, terrain_height_m, terrain_of

FRAME = LocalFrame(-12.0, -74.0, 0.0)
RIDGE = TerrainSpec(
    base_alt_m=400.0,
    ridges=(
        RidgeSpec(
            start=GeoPoint(lat=-12.3, lon=-73.8),
            end=GeoPoint(lat=-11.7, lon=-73.8),
            crest_alt_m=2500.0,
            half_width_m=3000.0,
        ),
    ),
)


def test_ridge_crest_and_base() -> None:
    t = terrain_of(RIDGE, FRAME)
    e, n, _ = FRAME.point_to_enu(-12.0, -73.8, 0.0)
    assert float(terrain_height_m(t, e, n)) == pytest.approx(2500.0, abs=0.01)
    assert float(terrain_height_m(t, 0.0, 0.0)) == pytest.approx(400.0, abs=0.01)


def test_target_behind_ridge_is_masked_and_above_it_is_visible() -> None:
    t = terrain_of(RIDGE, FRAME)
    e, n, _ = FRAME.point_to_enu(-12.0, -73.6, 0.0)  # 22 km beyond the ridge seen from the origin
    low, high = line_of_sight(
        t,
        sensor_en_m=(0.0, 0.0),
        sensor_alt_m=500.0,
        target_east_m=[e, e],
        target_north_m=[n, n],
        target_alt_m=[800.0, 6000.0],
    )
    assert not low and high


def test_smooth_earth_matches_the_radar_horizon() -> None:
    flat = terrain_of(None, FRAME)
    d = float(radar_horizon_m(100.0, 1000.0))
    vis = line_of_sight(
        flat,
        sensor_en_m=(0.0, 0.0),
        sensor_alt_m=100.0,
        target_east_m=[0.97 * d, 1.03 * d],
        target_north_m=[0.0, 0.0],
        target_alt_m=[1000.0, 1000.0],
        samples=400,
    )
    assert vis.tolist() == [True, False]
