"""GOSPA and friends: hand-computed cases and metric properties."""

from __future__ import annotations

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from interdict.evaluation.metrics import gospa, ospa, score_tracks

points = st.lists(st.tuples(st.floats(-5000, 5000), st.floats(-5000, 5000)), max_size=6).map(
    lambda p: np.array(p, dtype=float).reshape(-1, 2)
)


def test_hand_computed_gospa() -> None:
    # one pair 3-4-5 apart, one missed truth, c = 10, p = 1: 5 + 10/2 = 10
    r = gospa([[0, 0], [100, 100]], [[3, 4]], c=10.0, p=1.0)
    assert r.distance == pytest.approx(10.0)
    assert (r.localisation, r.missed, r.false) == pytest.approx((5.0, 5.0, 0.0))
    # a pair farther than c counts as one missed and one false: (c^p/2)*2 = c
    r = gospa([[0, 0]], [[50, 0]], c=10.0, p=2.0)
    assert r.distance == pytest.approx(10.0) and r.n_assigned == 0
    assert gospa([], [[1, 1], [2, 2]], c=4.0, p=1.0).distance == pytest.approx(4.0)


def test_ospa_hand_computed() -> None:
    assert ospa([[0, 0], [10, 0]], [[0, 3]], c=20.0) == pytest.approx((3 + 20) / 2)


@settings(max_examples=60, deadline=None)
@given(x=points)
def test_gospa_zero_for_equal_sets(x: np.ndarray) -> None:
    assert gospa(x, x.copy(), c=100.0, p=1.0).distance == 0.0


@settings(max_examples=60, deadline=None)
@given(x=points, y=points, p=st.sampled_from([1.0, 2.0]))
def test_gospa_symmetric(x: np.ndarray, y: np.ndarray, p: float) -> None:
    assert gospa(x, y, c=500.0, p=p).distance == pytest.approx(gospa(y, x, c=500.0, p=p).distance, rel=1e-9)


@settings(max_examples=80, deadline=None)
@given(x=points, y=points, z=points, p=st.sampled_from([1.0, 2.0]))
def test_gospa_triangle_inequality(x: np.ndarray, y: np.ndarray, z: np.ndarray, p: float) -> None:
    def d(a: np.ndarray, b: np.ndarray) -> float:
        return gospa(a, b, c=800.0, p=p).distance

    assert d(x, z) <= d(x, y) + d(y, z) + 1e-6


def test_score_tracks_switch_fragment_false() -> None:
    frames = [
        (0.0, {"a": np.array([0.0, 0.0])}, {}),
        (10.0, {"a": np.array([10.0, 0.0])}, {"T1": np.array([12.0, 0.0]), "T9": np.array([9e4, 0.0])}),
        (20.0, {"a": np.array([20.0, 0.0])}, {}),
        (30.0, {"a": np.array([30.0, 0.0])}, {"T2": np.array([30.0, 1.0])}),
    ]
    s = score_tracks(frames, c=1000.0)
    assert s.identity_switches == 1 and s.fragmentations == 1 and s.false_tracks == 1
    assert s.mean_time_to_confirm_s == pytest.approx(10.0)
    assert s.rmse_m == pytest.approx(np.sqrt((4 + 1) / 2))
    # GOSPA per frame (p = 1, c = 1000): 500 missed; 2 + 500 false; 500 missed; 1
    assert [g for _, g in s.gospa_series] == pytest.approx([500.0, 502.0, 500.0, 1.0])
    assert (s.gospa_localisation_m, s.gospa_missed_m, s.gospa_false_m) == pytest.approx((0.75, 250.0, 125.0))
    assert s.gospa_mean_m == pytest.approx(s.gospa_localisation_m + s.gospa_missed_m + s.gospa_false_m)
