"""Gating and association: the k-d tree pre-gate loses no pair that the exact Mahalanobis gate keeps;
GNN assigns each plot at most once, only within the gate; cheap-JPDA weights are probabilities."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.engine.tracking.association import Pairs, gate, gnn, jpda_weights

CHI2_GATE = 13.8


def _spd(rng: np.random.Generator, n: int, scale_m: float) -> np.ndarray:
    A = rng.normal(0.0, scale_m, (n, 2, 2))
    return A @ np.swapaxes(A, 1, 2) + np.eye(2) * 25.0


def _problem(seed: int, n_tracks: int, n_plots: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    z_pred = rng.uniform(-5_000.0, 5_000.0, (n_tracks, 2))
    HPHt = _spd(rng, n_tracks, rng.uniform(10.0, 400.0))
    z = rng.uniform(-5_000.0, 5_000.0, (n_plots, 2))
    # some plots near tracks, so that gates are not all empty
    if n_tracks:
        half = n_plots // 2
        z[:half] = z_pred[rng.integers(0, n_tracks, half)] + rng.normal(0.0, 150.0, (half, 2))
    R = _spd(rng, n_plots, rng.uniform(10.0, 200.0))
    return z_pred, HPHt, z, R


def _brute_force(z_pred: np.ndarray, HPHt: np.ndarray, z: np.ndarray, R: np.ndarray) -> set[tuple[int, int]]:
    out = set()
    for i in range(len(z_pred)):
        for j in range(len(z)):
            y = z[j] - z_pred[i]
            S = HPHt[i] + R[j]
            if float(y @ np.linalg.solve(S, y)) <= CHI2_GATE:
                out.add((i, j))
    return out


@settings(max_examples=150)
@given(seed=st.integers(0, 2**32 - 1), n_tracks=st.integers(0, 12), n_plots=st.integers(0, 30))
def test_the_kd_tree_pre_gate_equals_a_brute_force_gate(seed: int, n_tracks: int, n_plots: int) -> None:
    z_pred, HPHt, z, R = _problem(seed, n_tracks, n_plots)
    pairs = gate(z_pred, HPHt, z, R, CHI2_GATE, [None] * n_tracks, [None] * n_plots)
    assert set(zip(pairs.track.tolist(), pairs.plot.tolist(), strict=True)) == _brute_force(z_pred, HPHt, z, R)
    assert np.all(pairs.d2 <= CHI2_GATE)


def test_squawks_that_differ_never_pair() -> None:
    z_pred, HPHt, z, R = np.zeros((1, 2)), np.eye(2)[None] * 1e4, np.zeros((2, 2)), np.eye(2)[None].repeat(2, 0) * 1e4
    pairs = gate(z_pred, HPHt, z, R, CHI2_GATE, ["0437"], ["1200", None])
    assert pairs.plot.tolist() == [1]  # a primary plot (no code) may pair; a different code may not


@settings(max_examples=150)
@given(seed=st.integers(0, 2**32 - 1), n_tracks=st.integers(1, 10), n_plots=st.integers(1, 25))
def test_gnn_assigns_each_plot_once_within_the_gate(seed: int, n_tracks: int, n_plots: int) -> None:
    z_pred, HPHt, z, R = _problem(seed, n_tracks, n_plots)
    pairs = gate(z_pred, HPHt, z, R, CHI2_GATE, [None] * n_tracks, [None] * n_plots)
    assigned = gnn(pairs)
    assert len(set(assigned.values())) == len(assigned)
    gated = set(zip(pairs.track.tolist(), pairs.plot.tolist(), strict=True))
    assert all((i, j) in gated for i, j in assigned.items())
    # every track with a gated plot gets one, unless all its plots went to others
    for i in {int(t) for t in pairs.track}:
        if i not in assigned:
            assert all(j in assigned.values() for t, j in gated if t == i)


@settings(max_examples=150)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_tracks=st.integers(1, 10),
    n_plots=st.integers(1, 25),
    pd=st.floats(0.5, 0.99),
    clutter=st.floats(1e-12, 1e-6),
)
def test_jpda_weights_are_probabilities(seed: int, n_tracks: int, n_plots: int, pd: float, clutter: float) -> None:
    z_pred, HPHt, z, R = _problem(seed, n_tracks, n_plots)
    pairs = gate(z_pred, HPHt, z, R, CHI2_GATE, [None] * n_tracks, [None] * n_plots)
    beta, beta0 = jpda_weights(pairs, n_tracks, n_plots, pd, clutter)
    assert np.all((beta >= 0.0) & (beta <= 1.0)) and np.all((beta0 >= 0.0) & (beta0 <= 1.0))
    per_track = np.bincount(pairs.track, weights=beta, minlength=n_tracks)
    assert np.allclose(per_track + beta0, 1.0)


def test_no_pairs_no_weights() -> None:
    empty = Pairs(np.zeros(0, int), np.zeros(0, int), np.zeros((0, 2)), np.zeros((0, 2, 2)), np.zeros(0))
    beta, beta0 = jpda_weights(empty, 3, 0, 0.9, 1e-9)
    assert beta.shape == (0,) and np.array_equal(beta0, np.ones(3))
    assert gnn(empty) == {}
