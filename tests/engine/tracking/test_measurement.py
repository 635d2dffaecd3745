"""Plot conversion: covariances are symmetric positive definite, and the converted noise of polar
plots matches them (Monte Carlo); IMM mixing keeps probabilities and covariances valid."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.contract.specs import GeoPoint3, RadarSpec
from interdict.core.geodesy import LocalFrame
from interdict.engine.tracking.filters import imm_combine, imm_mix
from interdict.engine.tracking.measurement import convert_plots, radar_geometry

FRAME = LocalFrame(-12.0, -74.0, 0.0)
RADAR = RadarSpec(
    id="psr",
    at=GeoPoint3(lat=-11.3254, lon=-74.5356, alt_m=690.0),
    kind="psr",
    antenna_height_m=15.0,
    scan_period_s=10.0,
    range_sigma_m=60.0,
    azimuth_sigma_deg=0.25,
    max_range_km=250.0,
    detection_probability=0.9,
    false_plots_per_scan=5.0,
)
GEOM = radar_geometry(RADAR, FRAME)


@settings(max_examples=100)
@given(
    range_m=st.lists(st.floats(2_000.0, 240_000.0), min_size=1, max_size=20),
    azimuth_deg=st.floats(0.0, 359.9),
    alt_m=st.floats(300.0, 5_000.0),
)
def test_converted_covariances_are_symmetric_positive_definite(
    range_m: list[float], azimuth_deg: float, alt_m: float
) -> None:
    n = len(range_m)
    az = np.full(n, math.radians(azimuth_deg))
    _, R = convert_plots(GEOM, FRAME, np.array(range_m), az, np.full(n, alt_m), np.full(n, 1_000.0))
    assert np.allclose(R, np.swapaxes(R, 1, 2))
    eig = np.linalg.eigvalsh(R)
    assert np.all(eig >= -1e-9 * eig.max(axis=1, keepdims=True))  # positive semi-definite, always
    # positive definite when the plot is consistent with its altitude (ground range >= the height
    # above the antenna); nearly overhead (the cone of silence) the tangential variance ground^2
    # sigma_az^2 vanishes beside the radial one, and only the track's own covariance keeps S invertible
    consistent = np.array(range_m) >= 2.0 * abs(alt_m - GEOM.site.alt_m)
    assert np.all(eig[consistent] > 0.0)


def test_converted_noise_matches_its_covariance() -> None:
    rng = np.random.default_rng(7)
    n, r0, az0, alt = 20_000, 120_000.0, math.radians(40.0), 1_500.0
    r = r0 + rng.normal(0.0, GEOM.range_sigma_m, n)
    az = az0 + rng.normal(0.0, GEOM.azimuth_sigma_rad, n)
    z, _ = convert_plots(GEOM, FRAME, r, az, np.full(n, alt), np.zeros(n))
    _, R = convert_plots(GEOM, FRAME, np.array([r0]), np.array([az0]), np.array([alt]), np.zeros(1))
    empirical = np.cov(z.T)
    # the sample covariance of 20,000 draws is within a few percent of the linearised one
    assert np.allclose(empirical, R[0], rtol=0.06, atol=50.0)


@settings(max_examples=100)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 8), stay=st.floats(0.5, 0.999))
def test_imm_mixing_keeps_probabilities_and_covariances_valid(seed: int, n: int, stay: float) -> None:
    rng = np.random.default_rng(seed)
    r = 3
    mu = rng.dirichlet(np.ones(r), n)
    trans = np.full((r, r), (1 - stay) / (r - 1)) + np.eye(r) * (stay - (1 - stay) / (r - 1))
    x = rng.normal(0.0, 1_000.0, (n, r, 4))
    A = rng.normal(0.0, 30.0, (n, r, 4, 4))
    P = A @ np.swapaxes(A, 2, 3) + np.eye(4)
    _, P0, c = imm_mix(x, P, mu, trans)
    assert np.allclose(c.sum(axis=1), 1.0) and np.all(c >= 0.0)
    assert np.all(np.linalg.eigvalsh(0.5 * (P0 + np.swapaxes(P0, 2, 3))) > 0.0)
    xc, Pc = imm_combine(x, P, mu)
    assert xc.shape == (n, 4) and np.allclose(Pc, np.swapaxes(Pc, 1, 2))
    assert np.all(np.linalg.eigvalsh(Pc) > 0.0)
