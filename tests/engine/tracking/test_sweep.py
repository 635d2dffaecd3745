"""The antenna read off the data: unwrapping marks into turns, beam times between marks, and where a
step's sweep may be cut (properties over random antennas whose period errs and jitters)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.engine.tracking.sweep import Antenna, beam_times, cut, unwrap

TWO_PI = 2 * math.pi
PERIOD_S = 10.0


def _antenna(seed: int, turns: int, error: float, jitter: float) -> tuple[np.ndarray, np.ndarray]:
    """True north crossings of an antenna whose turns last PERIOD_S (1 + error)(1 + jitter u)."""
    rng = np.random.default_rng(seed)
    periods = PERIOD_S * (1 + error) * (1 + jitter * rng.uniform(-1, 1, turns))
    return np.r_[0.0, np.cumsum(periods)], periods


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    error=st.floats(-0.005, 0.005),
    jitter=st.floats(0.0, 0.005),
    marks=st.integers(1, 60),
    sparse=st.booleans(),
)
def test_marks_land_in_their_own_turn(seed: int, error: float, jitter: float, marks: int, sparse: bool) -> None:
    north, periods = _antenna(seed, 2500, error, jitter)
    rng = np.random.default_rng(seed + 1)
    # random plots: a turn each (with gaps of up to 40 turns when sparse) and a random azimuth
    gaps = rng.integers(0, 40 if sparse else 2, marks)
    k = np.cumsum(gaps) + 1
    az = rng.uniform(0, TWO_PI, marks)
    t = north[k] + az / TWO_PI * periods[k]
    order = np.argsort(t)
    t, k, az = t[order], k[order], az[order]
    theta = unwrap(Antenna(0.0, 0.0, 0.0), t, az, PERIOD_S)
    assert np.allclose(theta, TWO_PI * k + az)


def test_a_north_marker_is_a_whole_turn() -> None:
    north, _ = _antenna(3, 50, 0.004, 0.005)
    theta = unwrap(Antenna(0.0, 0.0, 0.0), north[1:], np.zeros(50), PERIOD_S)
    assert np.allclose(theta, TWO_PI * np.arange(1, 51))


def test_beam_times_interpolate_between_marks_and_extrapolate_at_the_nominal_rate() -> None:
    marks_theta, marks_t = np.array([1.0, 2.0, 4.0]), np.array([10.0, 11.0, 12.0])
    got = beam_times(np.array([0.0, 1.5, 3.0, 5.0]), marks_theta, marks_t, PERIOD_S)
    rate = PERIOD_S / TWO_PI
    assert np.allclose(got, [10.0 - rate, 10.5, 11.5, 12.0 + rate])


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(0, 30),
    error=st.floats(-0.005, 0.005),
    elapsed_turns=st.floats(0.05, 3.0),
)
def test_the_cut_keeps_a_guard_from_every_plot_and_stays_behind_the_antenna(
    seed: int, n: int, error: float, elapsed_turns: float
) -> None:
    rng = np.random.default_rng(seed)
    guard = math.radians(2.0)
    last_theta = float(rng.uniform(0, 4 * TWO_PI))
    done = last_theta - float(rng.uniform(0, TWO_PI))
    plots = np.sort(rng.uniform(done, last_theta, n))
    t_now = 100.0 + elapsed_turns * PERIOD_S
    c = cut(done, Antenna(100.0, last_theta, done), plots, t_now, PERIOD_S, guard)
    true_antenna = last_theta + TWO_PI * elapsed_turns / (1 + error)
    assert c >= done
    assert c <= true_antenna - guard + 1e-9  # later plots cannot fall before the cut
    if c > done:
        assert np.all(np.abs(plots - c) >= guard - 1e-9)
