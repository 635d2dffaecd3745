"""The tracker's association stage, one slot with two implementations: global nearest neighbour
(one plot per track, Kalman update) and cheap JPDA (every gated plot weighted, PDA update).

An associator receives the IMM prediction of every track to its beam-crossing time and the gated
(track, plot) pairs of the *mature* (confirmed or coasting) tracks, and returns the updated states
and which plots it used. The tracker then gives tentative tracks the plots left over (always by
GNN) and starts new tracks from the plots nobody may use. A new associator implements `Associator`
and is listed in `ASSOCIATORS`, under the name `TrackerConfig.associator` selects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from interdict.core.arrays import FloatArray
from interdict.engine.tracking.association import Pairs, gnn, jpda_weights
from interdict.engine.tracking.filters import gaussian_likelihood, innovation, pda_update, update
from interdict.engine.tracking.measurement import RadarGeometry

__all__ = ["Prediction", "Update", "Associator", "GnnAssociator", "JpdaAssociator", "ASSOCIATORS", "kalman_update"]


@dataclass(frozen=True)
class Prediction:
    """Every track predicted to its beam-crossing time: per-mode x (n, r, d), P (n, r, d, d), and the
    IMM's predicted mode probabilities c (n, r)."""

    x: FloatArray
    P: FloatArray
    c: FloatArray


@dataclass(frozen=True)
class Update:
    """Updated x, P, mu for every track (rows not updated keep the prediction); `updated` rows took
    plots, `plot_of` names the single plot of each row updated by one plot; `taken` plots are no
    longer available to tentative tracks."""

    x: FloatArray
    P: FloatArray
    mu: FloatArray
    updated: frozenset[int] = frozenset()
    plot_of: Mapping[int, int] = field(default_factory=dict)
    taken: frozenset[int] = frozenset()


class Associator(Protocol):
    """Associates the gated plots of one radar revolution with the mature tracks.

    `gated_plots_start_tracks`: whether a plot inside some track's gate but left unused may start a
    new track (GNN: yes; JPDA, which spreads every gated plot over its tracks: no).
    """

    gated_plots_start_tracks: bool

    def associate(
        self, prediction: Prediction, pairs: Pairs, z: FloatArray, R: FloatArray, geom: RadarGeometry
    ) -> Update: ...


def kalman_update(prediction: Prediction, plot_of: Mapping[int, int], z: FloatArray, R: FloatArray) -> Update:
    """Per-mode Kalman update of the rows in `plot_of` ({row: plot}) and the IMM mode-probability update."""
    xp, Pp, c = prediction.x, prediction.P, prediction.c
    x, P, mu = xp.copy(), Pp.copy(), c.copy()
    used = frozenset(plot_of.values())
    if not plot_of:
        return Update(x, P, mu)
    rows = np.fromiter(plot_of, int)
    cols = np.fromiter(plot_of.values(), int)
    r, d = xp.shape[1], xp.shape[2]
    xa = xp[rows].reshape(-1, d)
    Pa = Pp[rows].reshape(-1, d, d)
    za = np.repeat(z[cols], r, axis=0)
    Ra = np.repeat(R[cols], r, axis=0)
    y, S = innovation(xa, Pa, za, Ra)
    likelihood = gaussian_likelihood(y, S).reshape(-1, r)
    xu, Pu = update(xa, Pa, za, Ra)
    x[rows], P[rows] = xu.reshape(-1, r, d), Pu.reshape(-1, r, d, d)
    post = c[rows] * np.maximum(likelihood, 1e-300)
    mu[rows] = post / post.sum(axis=1, keepdims=True)
    return Update(x, P, mu, frozenset(plot_of), dict(plot_of), used)


class GnnAssociator:
    """Global nearest neighbour: the assignment minimising the sum of d2 + ln det S, then Kalman updates."""

    gated_plots_start_tracks = True

    def associate(
        self, prediction: Prediction, pairs: Pairs, z: FloatArray, R: FloatArray, geom: RadarGeometry
    ) -> Update:
        return kalman_update(prediction, gnn(pairs), z, R)


class JpdaAssociator:
    """Cheap JPDA: each mature track is updated by all its gated plots (PDA), with association
    weights shared by its IMM modes. A plot inside any track's gate starts no new track."""

    gated_plots_start_tracks = False

    def associate(
        self, prediction: Prediction, pairs: Pairs, z: FloatArray, R: FloatArray, geom: RadarGeometry
    ) -> Update:
        n, m = len(prediction.x), len(z)
        xp, Pp, c = prediction.x, prediction.P, prediction.c
        beta, beta0 = jpda_weights(pairs, n, m, geom.detection_probability, geom.clutter_density_per_m2)
        x, P, mu = xp.copy(), Pp.copy(), c.copy()
        pd, lam = geom.detection_probability, geom.clutter_density_per_m2
        for i in np.unique(pairs.track):
            sel = pairs.track == i
            js = pairs.plot[sel]
            like = np.empty(xp.shape[1])
            for k in range(xp.shape[1]):
                y, S = innovation(
                    np.repeat(xp[i, k][None], len(js), 0), np.repeat(Pp[i, k][None], len(js), 0), z[js], R[js]
                )
                weights = beta[sel]
                S_mean = np.einsum("j,jab->ab", weights / max(weights.sum(), 1e-12), S) if weights.sum() > 0 else S[0]
                x[i, k], P[i, k] = pda_update(xp[i, k], Pp[i, k], y, S_mean, weights, beta0[i])
                like[k] = (1 - pd) + pd / lam * float(np.sum(gaussian_likelihood(y, S)) / len(js))
            post = c[i] * like
            mu[i] = post / post.sum()
        updated = frozenset(int(i) for i in np.unique(pairs.track))
        return Update(x, P, mu, updated, {}, frozenset(int(j) for j in pairs.plot))


ASSOCIATORS: Mapping[str, Associator] = {"gnn": GnnAssociator(), "jpda": JpdaAssociator()}
