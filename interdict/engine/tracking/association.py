"""Gating and data association: global nearest neighbour and (cheap) JPDA.

Gating is two-stage: a k-d tree over plot positions returns candidates within a per-track radius
that bounds the chi-square gate, then the exact Mahalanobis distance with the pair's own
innovation covariance S = H P H^T + R_plot decides. A squawk on both sides must match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial import cKDTree

from interdict.core.arrays import FloatArray

__all__ = ["Pairs", "gate", "union", "gnn", "jpda_weights"]

_INFEASIBLE = 1e9


@dataclass(frozen=True, slots=True)
class Pairs:
    """Gated (track, plot) pairs: indices, innovations y (k, 2), covariances S (k, 2, 2), d2 (k,)."""

    track: np.ndarray
    plot: np.ndarray
    y: FloatArray
    S: FloatArray
    d2: FloatArray


def gate(
    z_pred: FloatArray,
    HPHt: FloatArray,
    z: FloatArray,
    R: FloatArray,
    gate_d2: float,
    track_squawk: list[str | None],
    plot_squawk: list[str | None],
) -> Pairs:
    """Pairs whose Mahalanobis distance squared is within `gate_d2` and whose squawks agree."""
    empty = Pairs(np.zeros(0, int), np.zeros(0, int), np.zeros((0, 2)), np.zeros((0, 2, 2)), np.zeros(0))
    if len(z_pred) == 0 or len(z) == 0:
        return empty
    r_max = float(np.linalg.eigvalsh(R).max())
    radius = np.sqrt(gate_d2 * (np.linalg.eigvalsh(HPHt).max(axis=1) + r_max))
    hits = cKDTree(z).query_ball_point(z_pred, radius)
    ti = np.fromiter((i for i, js in enumerate(hits) for _ in js), dtype=int)
    pj = np.fromiter((j for js in hits for j in js), dtype=int)
    if len(ti) == 0:
        return empty
    y = z[pj] - z_pred[ti]
    S = HPHt[ti] + R[pj]
    d2 = np.einsum("ki,kij,kj->k", y, np.linalg.inv(S), y)
    ok = d2 <= gate_d2
    ok &= np.array(
        [
            track_squawk[i] is None or plot_squawk[j] is None or track_squawk[i] == plot_squawk[j]
            for i, j in zip(ti, pj, strict=True)
        ],
        dtype=bool,
    )
    return Pairs(ti[ok], pj[ok], y[ok], S[ok], d2[ok])


def union(gated: list[Pairs]) -> Pairs:
    """The pairs gated by any of several predictions (an IMM's modes and their mixture), each with
    the innovation of the prediction it fits best (smallest d2); sorted by track, then plot."""
    ti = np.concatenate([p.track for p in gated])
    pj = np.concatenate([p.plot for p in gated])
    if not len(ti):
        return gated[0]
    y, S, d2 = (np.concatenate([getattr(p, k) for p in gated]) for k in ("y", "S", "d2"))
    order = np.lexsort((d2, pj, ti))  # by track, plot, then best fit first
    ti, pj = ti[order], pj[order]
    first = np.r_[True, (ti[1:] != ti[:-1]) | (pj[1:] != pj[:-1])]
    keep = order[first]
    return Pairs(ti[first], pj[first], y[keep], S[keep], d2[keep])


def gnn(pairs: Pairs) -> dict[int, int]:
    """Global nearest neighbour: the assignment minimising the sum of d2 + ln det S over gated pairs.

    Returns {track index: plot index}.
    """
    if len(pairs.track) == 0:
        return {}
    rows, row_of = np.unique(pairs.track, return_inverse=True)
    cols, col_of = np.unique(pairs.plot, return_inverse=True)
    cost = np.full((len(rows), len(cols)), _INFEASIBLE)
    cost[row_of, col_of] = pairs.d2 + np.log(np.linalg.det(pairs.S))
    r, c = linear_sum_assignment(cost)
    keep = cost[r, c] < _INFEASIBLE
    return {int(rows[a]): int(cols[b]) for a, b in zip(r[keep], c[keep], strict=True)}


def jpda_weights(
    pairs: Pairs, n_tracks: int, n_plots: int, detection_probability: float, clutter_density_per_m2: float
) -> tuple[FloatArray, FloatArray]:
    """Association probabilities by Fitzgerald's cheap JPDA approximation.

    beta_ij = G_ij / (T_i + S_j - G_ij + B), with G_ij = Pd N(y_ij; 0, S_ij), T_i and S_j the row and
    column sums of G, and B the clutter density; beta_i0 = 1 - sum_j beta_ij. Returns beta per pair
    (k,) and beta0 per track (n_tracks,).
    """
    G = detection_probability * np.exp(-0.5 * pairs.d2) / (2 * np.pi * np.sqrt(np.linalg.det(pairs.S)))
    T = np.bincount(pairs.track, weights=G, minlength=n_tracks)
    Sj = np.bincount(pairs.plot, weights=G, minlength=n_plots)
    beta = G / (T[pairs.track] + Sj[pairs.plot] - G + clutter_density_per_m2)
    beta0 = 1.0 - np.bincount(pairs.track, weights=beta, minlength=n_tracks)
    return beta, np.clip(beta0, 0.0, 1.0)
