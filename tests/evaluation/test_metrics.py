"""GOSPA and friends: hand-computed cases and metric properties."""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from interdict.evaluation.metrics import gospa, ospa, score_distances, score_tracks

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


frames_of_points = st.lists(st.tuples(points, points), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(frames=frames_of_points)
def test_scores_from_distances_are_the_scores_from_points(frames: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """Tracks compared with the truth at their own instants are scored by `score_distances`; on tracks
    all at one instant it must agree with `score_tracks` on the points themselves."""
    by_points, by_distances = [], []
    for k, (x, y) in enumerate(frames):
        truth = {f"a{i}": p for i, p in enumerate(x)}
        tracks = {f"T{j}": p for j, p in enumerate(y)}
        by_points.append((10.0 * k, truth, tracks))
        d = np.hypot(x[:, None, 0] - y[None, :, 0], x[:, None, 1] - y[None, :, 1]).reshape(len(x), len(y))
        by_distances.append((10.0 * k, list(truth), list(tracks), d))
    a, b = score_tracks(by_points, c=1000.0), score_distances(by_distances, c=1000.0)
    assert [g for _, g in a.gospa_series] == pytest.approx([g for _, g in b.gospa_series])
    assert (a.identity_switches, a.fragmentations, a.false_tracks, a.coverage) == (
        b.identity_switches,
        b.fragmentations,
        b.false_tracks,
        pytest.approx(b.coverage, nan_ok=True),
    )
    assert a.rmse_m == pytest.approx(b.rmse_m, nan_ok=True)


def test_a_track_is_scored_against_the_truth_at_its_own_instant() -> None:
    """An aircraft at 100 m/s and a track 10 s old: 1 km from where the aircraft is now, 20 m from
    where it was then: held, with a 20 m error."""
    s = score_distances([(10.0, ["a"], ["T1"], np.array([[20.0]]))], c=1000.0)
    assert s.coverage == 1.0 and s.rmse_m == pytest.approx(20.0)
    far = score_tracks([(10.0, {"a": np.array([1000.0, 20.0])}, {"T1": np.array([0.0, 0.0])})], c=1000.0)
    assert far.coverage == 0.0


def test_an_aircraft_not_flying_at_a_track_s_instant_is_not_held_by_it() -> None:
    """The own-time scorer gives an infinite distance where the aircraft was not in the air at the
    track's instant: never assigned, counted as a missed truth and a false track."""
    s = score_distances([(10.0, ["a"], ["T1"], np.array([[np.inf]]))], c=1000.0)
    assert s.coverage == 0.0 and s.false_tracks == 1 and math.isnan(s.rmse_m)
    assert s.gospa_series[0][1] == pytest.approx(1000.0)  # 500 missed + 500 false
