"""The multi-target tracker: IMM filtering, gating, GNN or JPDA association, M-of-N track management.

Pure and immutable at its boundary: `Tracker.step(state, plots, t_s)` returns a new `TrackerState`
and the tracks at `t_s`; the input state is never modified. Inside one step the tracks live in
numpy arrays (one row per track) so that prediction, gating and update are batched across tracks.

Processing order: the plots of a step are grouped into batches, one per radar and antenna
revolution, handled in time order (several radars are fused plot batch by plot batch). For each
batch every track is predicted to the time at which that radar's beam crosses the track, the
batch's plots are converted to ENU with their position-dependent covariance, gated, associated and
used to update; unassigned plots start tentative tracks.

Track life cycle: tentative -> confirmed after M hits in the last N revolutions of a radar that
covers the track; a confirmed track that misses a plot is coasting; a track is deleted when it has
not been updated for `max_coast_s` or its position sigma exceeds `max_position_sigma_m`, and a
tentative track as soon as M hits in N have become impossible. Ids are stable strings `T0001`...
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from interdict.contract.plots import Plot
from interdict.contract.specs import RadarSpec
from interdict.core.arrays import FloatArray
from interdict.core.errors import OutOfOrderPlotError
from interdict.core.geodesy import LocalFrame
from interdict.core.units import ft_to_m
from interdict.engine.tracking.association import Pairs, gate, gnn, jpda_weights
from interdict.engine.tracking.filters import (
    gaussian_likelihood,
    imm_combine,
    imm_mix,
    innovation,
    pda_update,
    predict,
    update,
)
from interdict.engine.tracking.measurement import RadarGeometry, convert_plots, plot_altitudes, radar_geometry
from interdict.engine.tracking.models import MotionModel, process_noise, transition
from interdict.engine.tracking.track import TrackState, TrackStatus

__all__ = ["TrackerConfig", "TrackerState", "Tracker"]

TWO_PI = 2 * math.pi


@dataclass(frozen=True, slots=True)
class TrackerConfig:
    """Tracker parameters (SI units)."""

    associator: Literal["gnn", "jpda"] = "gnn"
    confirm_m: int = 3
    confirm_n: int = 4
    gate_d2: float = 13.8  # chi-square, 2 dof, 99.9 %
    max_coast_s: float = 90.0
    max_position_sigma_m: float = 5_000.0
    default_alt_m: float = 1_500.0  # assumed altitude of primary-only plots
    default_alt_sigma_m: float = 1_000.0
    initial_speed_sigma_mps: float = 60.0
    cv_accel_sigma_mps2: float = 0.3
    ct_accel_sigma_mps2: float = 1.0
    turn_rate_dps: float = 3.0  # standard-rate turn
    mode_stay_probability: float = 0.97
    report_tentative: bool = False  # tentative tracks (mostly clutter) are of no use downstream

    def models(self) -> tuple[MotionModel, ...]:
        """The IMM's modes: constant velocity, left and right coordinated turns."""
        w = math.radians(self.turn_rate_dps)
        return (
            MotionModel("cv", 0.0, self.cv_accel_sigma_mps2),
            MotionModel("ct_left", w, self.ct_accel_sigma_mps2),
            MotionModel("ct_right", -w, self.ct_accel_sigma_mps2),
        )

    def markov(self) -> FloatArray:
        r = len(self.models())
        off = (1 - self.mode_stay_probability) / (r - 1)
        return np.full((r, r), off) + np.eye(r) * (self.mode_stay_probability - off)


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


# The per-track arrays of TrackerState (one row per track), in field order.
_ARRAY_FIELDS = (
    "x",
    "P",
    "mu",
    "t",
    "created",
    "last_update",
    "n_updates",
    "hits",
    "chances",
    "alt",
    "alt_rate",
    "alt_t",
)


@dataclass(frozen=True)
class TrackerState:
    """All live tracks, one row each (arrays are read-only). State order: east_m, east_mps, north_m, north_mps."""

    t_s: float
    next_id: int
    ids: tuple[str, ...]
    status: tuple[TrackStatus, ...]
    x: np.ndarray  # (n, r, 4) per-mode state at `t`
    P: np.ndarray  # (n, r, 4, 4)
    mu: np.ndarray  # (n, r) mode probabilities
    t: np.ndarray  # (n,) time of each track's state
    created: np.ndarray  # (n,)
    last_update: np.ndarray  # (n,)
    n_updates: np.ndarray  # (n,) int
    hits: np.ndarray  # (n,) int bit history, newest in bit 0
    chances: np.ndarray  # (n,) int revolutions in coverage so far (capped)
    alt: np.ndarray  # (n,) Mode C altitude, NaN if none
    alt_rate: np.ndarray  # (n,)
    alt_t: np.ndarray  # (n,)
    mode_a: tuple[str | None, ...]
    radar_ids: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        for name in _ARRAY_FIELDS:
            object.__setattr__(self, name, _frozen(getattr(self, name)))


@dataclass
class _Work:
    """Mutable copy of the track arrays while one step runs (never escapes `step`)."""

    next_id: int
    ids: list[str]
    status: list[TrackStatus]
    x: np.ndarray
    P: np.ndarray
    mu: np.ndarray
    t: np.ndarray
    created: np.ndarray
    last_update: np.ndarray
    n_updates: np.ndarray
    hits: np.ndarray
    chances: np.ndarray
    alt: np.ndarray
    alt_rate: np.ndarray
    alt_t: np.ndarray
    mode_a: list[str | None]
    radar_ids: list[tuple[str, ...]]
    deleted: list[TrackState] = field(default_factory=list)

    _ARRAYS = _ARRAY_FIELDS
    _LISTS = ("ids", "status", "mode_a", "radar_ids")

    def keep(self, mask: np.ndarray) -> None:
        for name in self._ARRAYS:
            setattr(self, name, getattr(self, name)[mask])
        for name in self._LISTS:
            setattr(self, name, [v for v, k in zip(getattr(self, name), mask, strict=True) if k])

    def append(self, other: dict[str, np.ndarray | list]) -> None:
        for name in self._ARRAYS:
            setattr(self, name, np.concatenate([getattr(self, name), other[name]]))
        for name in self._LISTS:
            getattr(self, name).extend(other[name])


class Tracker:
    """A multi-radar tracker over a scenario's radars, in the scenario's ENU frame (immutable)."""

    def __init__(self, frame: LocalFrame, radars: Sequence[RadarSpec], config: TrackerConfig | None = None) -> None:
        self._frame = frame
        self._config = config or TrackerConfig()
        self._geoms = {r.id: radar_geometry(r, frame) for r in radars}
        self._models = self._config.models()
        self._markov = self._config.markov()

    @property
    def config(self) -> TrackerConfig:
        return self._config

    def initial_state(self, t_s: float = 0.0) -> TrackerState:
        """No tracks, at `t_s`."""
        r = len(self._models)
        z = np.zeros(0)
        return TrackerState(
            t_s,
            1,
            (),
            (),
            np.zeros((0, r, 4)),
            np.zeros((0, r, 4, 4)),
            np.zeros((0, r)),
            z,
            z,
            z,
            np.zeros(0, int),
            np.zeros(0, int),
            np.zeros(0, int),
            z,
            z,
            z,
            (),
            (),
        )

    def step(
        self, state: TrackerState, plots: Sequence[Plot], t_s: float
    ) -> tuple[TrackerState, tuple[TrackState, ...]]:
        """Process the plots with state.t_s < t_s(plot) <= t_s (sorted by t_s) and report the tracks at `t_s`.

        Deleted tracks are reported once, with status DELETED, and then dropped.
        """
        if t_s < state.t_s:
            raise OutOfOrderPlotError(
                f"tracker step to t_s={t_s:.2f} is earlier than the tracker's state "
                f"(t_s={state.t_s:.2f}); steps must go forward in time"
            )
        for plot in plots:
            if not state.t_s <= plot.t_s <= t_s:
                raise OutOfOrderPlotError(
                    f"plot {plot.plot_id} at t_s={plot.t_s:.2f} is outside the step "
                    f"({state.t_s:.2f}, {t_s:.2f}]; feed plots in time order"
                )
            if plot.radar_id not in self._geoms:
                raise OutOfOrderPlotError(
                    f"plot {plot.plot_id} comes from radar {plot.radar_id!r}, which is not "
                    f"one of the tracker's radars ({', '.join(self._geoms)})"
                )
        work = _Work(
            state.next_id,
            list(state.ids),
            list(state.status),
            *(np.array(getattr(state, n)) for n in _Work._ARRAYS),
            list(state.mode_a),
            list(state.radar_ids),
        )
        for geom, scan_start_s, batch in _batches(plots, self._geoms, state.t_s, t_s):
            self._process(work, geom, scan_start_s, batch)
        self._delete(work, t_s, np.zeros(len(work.ids), bool))
        new_state = TrackerState(
            t_s,
            work.next_id,
            tuple(work.ids),
            tuple(work.status),
            *(getattr(work, n) for n in _Work._ARRAYS),
            tuple(work.mode_a),
            tuple(work.radar_ids),
        )
        return new_state, tuple(work.deleted) + self._report(new_state, t_s)

    def run(
        self, plots: Iterable[Plot], step_s: float, *, t_end_s: float | None = None, t_start_s: float = 0.0
    ) -> Iterator[tuple[float, tuple[TrackState, ...]]]:
        """Step through a time-ordered plot stream every `step_s` seconds; yields (t_s, tracks)."""
        state = self.initial_state(t_start_s)
        pending: list[Plot] = []
        t_next = t_start_s + step_s
        for plot in plots:
            while plot.t_s > t_next:
                state, tracks = self.step(state, pending, t_next)
                yield t_next, tracks
                pending, t_next = [], t_next + step_s
            pending.append(plot)
        end = t_next if t_end_s is None else t_end_s
        while t_next <= end or pending:
            state, tracks = self.step(state, pending, t_next)
            yield t_next, tracks
            pending, t_next = [], t_next + step_s

    # --- one batch of plots (one radar, one revolution) ------------------------------------------

    def _process(self, w: _Work, geom: RadarGeometry, scan_start: float, batch: list[Plot]) -> None:
        cfg = self._config
        n = len(w.ids)
        if not batch and not n:
            return
        alt, alt_sigma = plot_altitudes([p.mode_c_alt_ft for p in batch], cfg.default_alt_m, cfg.default_alt_sigma_m)
        z, R = convert_plots(
            geom,
            self._frame,
            np.array([p.range_m for p in batch]),
            np.array([p.azimuth_rad for p in batch]),
            alt,
            alt_sigma,
        )
        squawks = [p.mode_a for p in batch]
        assigned: dict[int, int] = {}
        if n:
            xc, _ = imm_combine(w.x, w.P, w.mu)
            de, dn = xc[:, 0] - geom.sensor_en_m[0], xc[:, 2] - geom.sensor_en_m[1]
            az = np.mod(np.arctan2(de, dn) - geom.rotation_rad, TWO_PI)
            t_beam = np.maximum(scan_start + az / TWO_PI * geom.scan_period_s, w.t)
            # A secondary-only radar can see a track only while it transponds: no miss for the others.
            sees = np.array([geom.has_psr or m is not None for m in w.mode_a], bool)
            in_cover = (np.hypot(de, dn) <= geom.max_range_m) & sees
            x0, P0, c = imm_mix(w.x, w.P, w.mu, self._markov)
            dt = t_beam - w.t
            xp, Pp = np.empty_like(x0), np.empty_like(P0)
            for m, model in enumerate(self._models):
                xp[:, m], Pp[:, m] = predict(x0[:, m], P0[:, m], transition(model, dt), process_noise(model, dt))
            xpc, Ppc = imm_combine(xp, Pp, c)
            mature = np.array([s is not TrackStatus.TENTATIVE for s in w.status], bool)
            z_pred, HPHt = xpc[:, [0, 2]], Ppc[:, [0, 2]][:, :, [0, 2]]
            pairs = gate(z_pred, HPHt, z, R, cfg.gate_d2, list(w.mode_a), squawks)
            first = _subset(pairs, mature[pairs.track])
            if cfg.associator == "jpda":
                mu_new, gated = self._jpda_update(xp, Pp, c, first, z, R, geom, n, len(batch))
                assigned = {i: -1 for i in np.unique(first.track)}
                taken = set(int(j) for j in first.plot)
            else:
                assigned = gnn(first, n, len(batch))
                taken = set(assigned.values())
            second = _subset(pairs, ~mature[pairs.track] & ~np.isin(pairs.plot, list(taken)))
            tentative = gnn(second, n, len(batch))
            if cfg.associator == "jpda":
                xp, Pp, c = self._gnn_update(xp, Pp, c, tentative, z, R)
                w.x, w.P, w.mu = gated[0], gated[1], mu_new
                for i in tentative:
                    w.x[i], w.P[i], w.mu[i] = xp[i], Pp[i], c[i]
            else:
                assigned.update(tentative)
                w.x, w.P, w.mu = self._gnn_update(xp, Pp, c, assigned, z, R)
            assigned.update(tentative)
            w.t = t_beam
            self._manage(w, assigned, batch, geom, in_cover, t_beam)
        used = set(j for j in assigned.values() if j >= 0)
        if cfg.associator == "jpda" and n:
            used |= set(int(j) for j in pairs.plot)
        self._spawn(w, [j for j in range(len(batch)) if j not in used], batch, z, R)

    def _gnn_update(
        self, xp: FloatArray, Pp: FloatArray, c: FloatArray, assigned: dict[int, int], z: FloatArray, R: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Per-mode Kalman update of the assigned tracks and the IMM mode-probability update."""
        x, P, mu = xp.copy(), Pp.copy(), c.copy()
        if not assigned:
            return x, P, mu
        rows = np.fromiter(assigned, int)
        cols = np.fromiter(assigned.values(), int)
        r = xp.shape[1]
        xa = xp[rows].reshape(-1, 4)
        Pa = Pp[rows].reshape(-1, 4, 4)
        za = np.repeat(z[cols], r, axis=0)
        Ra = np.repeat(R[cols], r, axis=0)
        y, S = innovation(xa, Pa, za, Ra)
        likelihood = gaussian_likelihood(y, S).reshape(-1, r)
        xu, Pu = update(xa, Pa, za, Ra)
        x[rows], P[rows] = xu.reshape(-1, r, 4), Pu.reshape(-1, r, 4, 4)
        post = c[rows] * np.maximum(likelihood, 1e-300)
        mu[rows] = post / post.sum(axis=1, keepdims=True)
        return x, P, mu

    def _jpda_update(
        self,
        xp: FloatArray,
        Pp: FloatArray,
        c: FloatArray,
        pairs: Pairs,
        z: FloatArray,
        R: FloatArray,
        geom: RadarGeometry,
        n: int,
        m: int,
    ) -> tuple[FloatArray, tuple[FloatArray, FloatArray]]:
        """PDA update of each mature track with cheap-JPDA weights shared by its IMM modes."""
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
                S_mean = (
                    np.einsum("j,jab->ab", beta[sel] / max(beta[sel].sum(), 1e-12), S) if beta[sel].sum() > 0 else S[0]
                )
                x[i, k], P[i, k] = pda_update(xp[i, k], Pp[i, k], y, S_mean, beta[sel], beta0[i])
                like[k] = (1 - pd) + pd / lam * float(np.sum(gaussian_likelihood(y, S)) / len(js))
            post = c[i] * like
            mu[i] = post / post.sum()
        return mu, (x, P)

    def _manage(
        self,
        w: _Work,
        assigned: dict[int, int],
        batch: list[Plot],
        geom: RadarGeometry,
        in_cover: np.ndarray,
        t_beam: FloatArray,
    ) -> None:
        cfg = self._config
        hit = np.zeros(len(w.ids), bool)
        hit[list(assigned)] = True
        window = (1 << cfg.confirm_n) - 1
        w.hits = np.where(in_cover, ((w.hits << 1) | hit) & window, w.hits)
        w.chances = np.where(in_cover, np.minimum(w.chances + 1, cfg.confirm_n), w.chances)
        for i, j in assigned.items():
            w.last_update[i] = t_beam[i]
            w.n_updates[i] += 1
            if geom.radar_id not in w.radar_ids[i]:
                w.radar_ids[i] = (*w.radar_ids[i], geom.radar_id)
            if j < 0:
                continue
            plot = batch[j]
            if plot.mode_a is not None or geom.has_ssr:
                w.mode_a[i] = plot.mode_a  # Mode A follows the current replies: none from an SSR radar clears it
            if plot.mode_c_alt_ft is not None:
                alt_m = ft_to_m(plot.mode_c_alt_ft)
                if not math.isnan(w.alt[i]) and t_beam[i] > w.alt_t[i]:
                    rate = (alt_m - w.alt[i]) / (t_beam[i] - w.alt_t[i])
                    w.alt_rate[i] = rate if math.isnan(w.alt_rate[i]) else 0.6 * w.alt_rate[i] + 0.4 * rate
                w.alt[i], w.alt_t[i] = alt_m, t_beam[i]
        hits_count = np.array([bin(int(h)).count("1") for h in w.hits])
        for i, status in enumerate(w.status):
            if status is TrackStatus.TENTATIVE:
                if hits_count[i] >= cfg.confirm_m:
                    w.status[i] = TrackStatus.CONFIRMED
            elif hit[i]:
                w.status[i] = TrackStatus.CONFIRMED
            elif in_cover[i]:
                w.status[i] = TrackStatus.COASTING
        misses = w.chances - hits_count
        hopeless = np.array([s is TrackStatus.TENTATIVE for s in w.status], bool) & (
            misses > cfg.confirm_n - cfg.confirm_m
        )
        self._delete(w, float(np.max(t_beam)), hopeless)

    def _delete(self, w: _Work, t_s: float, extra: np.ndarray) -> None:
        """Drop hopeless tentative tracks, and tracks not updated for too long or too uncertain."""
        if not w.ids:
            return
        xc, Pc = imm_combine(w.x, w.P, w.mu)
        sigma = np.sqrt(np.maximum(Pc[:, 0, 0], Pc[:, 2, 2]))
        stale = (t_s - w.last_update > self._config.max_coast_s) | (sigma > self._config.max_position_sigma_m)
        gone = extra | stale
        if not gone.any():
            return
        for i in np.flatnonzero(gone):
            if w.status[i] is not TrackStatus.TENTATIVE:  # tentative tracks never reached the engine
                w.deleted.append(self._record(w.ids[i], TrackStatus.DELETED, float(w.t[i]), xc[i], Pc[i], w, i))
        w.keep(~gone)

    def _spawn(self, w: _Work, free: list[int], batch: list[Plot], z: FloatArray, R: FloatArray) -> None:
        if not free:
            return
        k, r = len(free), len(self._models)
        v2 = self._config.initial_speed_sigma_mps**2
        x = np.zeros((k, r, 4))
        x[:, :, 0] = z[free, 0][:, None]
        x[:, :, 2] = z[free, 1][:, None]
        P = np.zeros((k, r, 4, 4))
        P[:, :, 0, 0], P[:, :, 2, 2] = R[free, 0, 0][:, None], R[free, 1, 1][:, None]
        P[:, :, 0, 2] = P[:, :, 2, 0] = R[free, 0, 1][:, None]
        P[:, :, 1, 1] = P[:, :, 3, 3] = v2
        mu = np.tile(np.r_[0.9, np.full(r - 1, 0.1 / (r - 1))], (k, 1))
        t = np.array([batch[j].t_s for j in free])
        ids = [f"T{w.next_id + i:04d}" for i in range(k)]
        w.next_id += k
        alt = np.array([np.nan if (ft := batch[j].mode_c_alt_ft) is None else ft_to_m(ft) for j in free])
        w.append(
            {
                "x": x,
                "P": P,
                "mu": mu,
                "t": t,
                "created": t,
                "last_update": t,
                "n_updates": np.ones(k, int),
                "hits": np.ones(k, int),
                "chances": np.ones(k, int),
                "alt": alt,
                "alt_rate": np.full(k, np.nan),
                "alt_t": np.where(np.isnan(alt), np.nan, t),
                "ids": ids,
                "status": [TrackStatus.TENTATIVE] * k,
                "mode_a": [batch[j].mode_a for j in free],
                "radar_ids": [(batch[j].radar_id,) for j in free],
            }
        )

    # --- reporting --------------------------------------------------------------------------------

    def _report(self, state: TrackerState, t_s: float) -> tuple[TrackState, ...]:
        """Tracks predicted (without update) to `t_s` with the CV model; tentative ones only if configured."""
        rows = [
            i for i, s in enumerate(state.status) if self._config.report_tentative or s is not TrackStatus.TENTATIVE
        ]
        if not rows:
            return ()
        xc, Pc = imm_combine(state.x[rows], state.P[rows], state.mu[rows])
        dt = t_s - state.t[rows]
        cv = self._models[0]
        xs, Ps = predict(xc, Pc, transition(cv, dt), process_noise(cv, dt))
        return tuple(
            self._record(state.ids[i], state.status[i], t_s, xs[k], Ps[k], state, i) for k, i in enumerate(rows)
        )

    @staticmethod
    def _record(
        track_id: str, status: TrackStatus, t_s: float, x: FloatArray, P: FloatArray, src: TrackerState | _Work, i: int
    ) -> TrackState:
        alt = float(src.alt[i])
        rate = float(src.alt_rate[i])
        return TrackState(
            track_id=track_id,
            t_s=t_s,
            status=status,
            x=x,
            P=P,
            created_t_s=float(src.created[i]),
            last_update_t_s=float(src.last_update[i]),
            n_updates=int(src.n_updates[i]),
            alt_m=None if math.isnan(alt) else alt,
            alt_rate_mps=None if math.isnan(rate) else rate,
            mode_a=src.mode_a[i],
            radar_ids=tuple(src.radar_ids[i]),
        )


def _subset(pairs: Pairs, keep: np.ndarray) -> Pairs:
    return Pairs(pairs.track[keep], pairs.plot[keep], pairs.y[keep], pairs.S[keep], pairs.d2[keep])


def _batches(
    plots: Sequence[Plot], geoms: dict[str, RadarGeometry], t0_s: float, t1_s: float
) -> list[tuple[RadarGeometry, float, list[Plot]]]:
    """Plots grouped by radar and antenna revolution, in time order: (radar, revolution start, plots).

    Every revolution that starts within [t0_s, t1_s) is included even without plots, so that tracks
    in coverage register the miss.
    """
    groups: dict[tuple[str, int], list[Plot]] = {}
    for radar_id, g in geoms.items():
        first = math.ceil((t0_s - g.north_offset_s) / g.scan_period_s)
        last = math.ceil((t1_s - g.north_offset_s) / g.scan_period_s)
        for k in range(first, last):
            groups[(radar_id, k)] = []
    for plot in plots:
        g = geoms[plot.radar_id]
        groups.setdefault((plot.radar_id, math.floor((plot.t_s - g.north_offset_s) / g.scan_period_s)), []).append(plot)

    def start(key: tuple[str, int]) -> float:
        return geoms[key[0]].north_offset_s + key[1] * geoms[key[0]].scan_period_s

    return [(geoms[key[0]], start(key), groups[key]) for key in sorted(groups, key=lambda k: (start(k), k[0]))]
