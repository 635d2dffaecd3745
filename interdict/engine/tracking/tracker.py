"""The multi-target tracker: IMM filtering, gating, GNN or JPDA association, M-of-N track management.

Pure and immutable at its boundary: `Tracker.step(state, plots, t_s)` returns a new `TrackerState`
and the tracks at `t_s`; the input state is never modified. Inside one step the tracks live in
numpy arrays (one row per track) so that prediction, gating and update are batched across tracks.

Processing order: each radar's sweep is read off the data (`sweep`): every plot and north marker
places the antenna at its own time stamp, so a drifting or jittering antenna period does not matter
(the nominal period is only the default before the first mark and the rate between marks). A
step's plots are cut into batches, one per radar and stretch of sweep (at most one turn), handled
in time order (several radars are fused batch by batch); a stretch ends where no plot is near, and
plots beyond it wait for the next step. In a batch, every track the beam swept over is predicted to
the time the beam crossed it, interpolated between the time stamps around it; the plots are
converted to ENU with their position-dependent covariance, gated and associated; a track that takes
one plot is then predicted to that plot's own time stamp and updated there. Unassigned plots start
tentative tracks; a track the beam swept over without a plot registers a miss. Plots still held
back after a run's last step are not processed (at most the last turn's end).

Track life cycle: tentative -> confirmed after M hits in the last N revolutions of a radar that
covers the track; a confirmed track that misses a plot is coasting; a track is deleted when it has
not been updated for `max_coast_s` or its most likely mode's position sigma exceeds `max_position_sigma_m`, and a
tentative track as soon as M hits in N have become impossible. Ids are stable strings `T0001`...
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np
import numpy.typing as npt

from interdict.contract.plots import NorthMarker, Plot, markers_between, scans
from interdict.contract.specs import RadarSpec
from interdict.core.arrays import FloatArray
from interdict.core.errors import OutOfOrderPlotError, UnknownRadarError
from interdict.core.geodesy import LocalFrame
from interdict.core.units import ft_to_m
from interdict.engine.tracking.association import Pairs, gate, gnn, union
from interdict.engine.tracking.associators import ASSOCIATORS, Prediction, kalman_update
from interdict.engine.tracking.filters import imm_combine, imm_mix, predict
from interdict.engine.tracking.measurement import RadarGeometry, convert_plots, plot_altitudes, radar_geometry
from interdict.engine.tracking.models import STATE_DIM, MotionModel, process_noise, propagate, transition
from interdict.engine.tracking.sweep import Antenna, beam_times, cut, unwrap
from interdict.engine.tracking.table import IntArray, TrackerState, TrackTable
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
    reach_floor_m: float = 3_000.0  # a coasting track takes no plot further than this plus half its flight
    alone_m: float = 5_000.0  # a track this far from every other may take a plot from a turn mode's gate
    default_alt_m: float = 1_500.0  # assumed altitude of primary-only plots
    default_alt_sigma_m: float = 1_000.0
    initial_speed_sigma_mps: float = 60.0
    cv_accel_sigma_mps2: float = 0.5  # chosen on real trajectories (docs/bench.md)
    ct_accel_sigma_mps2: float = 2.0
    turn_rates_dps: tuple[float, ...] = (3.0,)  # a left and a right coordinated-turn mode for each
    estimated_turn: bool = True  # a coordinated-turn mode at the turn rate the filter learns
    turn_sigma_dps2: float = 1.0  # how fast the turn rate may change (random walk), deg/s per sqrt(s)
    initial_turn_sigma_dps: float = 5.0  # a new track's turn rate: 0 +/- this
    mode_stay_probability: float = 0.97
    report_tentative: bool = False  # tentative tracks (mostly clutter) are of no use downstream

    def models(self) -> tuple[MotionModel, ...]:
        """The IMM's modes: constant velocity, a coordinated turn at the estimated rate, and a left and
        a right coordinated turn at each fixed rate."""
        ws = math.radians(self.turn_sigma_dps2)
        turns = [MotionModel("ct", None, self.ct_accel_sigma_mps2, ws)] if self.estimated_turn else []
        for rate in self.turn_rates_dps:
            w = math.radians(rate)
            turns += [
                MotionModel(f"ct_left_{rate:g}", w, self.ct_accel_sigma_mps2),
                MotionModel(f"ct_right_{rate:g}", -w, self.ct_accel_sigma_mps2),
            ]
        return (MotionModel("cv", 0.0, self.cv_accel_sigma_mps2), *turns)

    def markov(self) -> FloatArray:
        r = len(self.models())
        if r == 1:
            return np.ones((1, 1))
        off = (1 - self.mode_stay_probability) / (r - 1)
        return np.full((r, r), off) + np.eye(r) * (self.mode_stay_probability - off)


class Tracker:
    """A multi-radar tracker over a scenario's radars, in the scenario's ENU frame (immutable)."""

    def __init__(self, frame: LocalFrame, radars: Sequence[RadarSpec], config: TrackerConfig | None = None) -> None:
        self._frame = frame
        self._config = config or TrackerConfig()
        self._geoms = {r.id: radar_geometry(r, frame) for r in radars}
        self._models = self._config.models()
        self._markov = self._config.markov()
        self._learns_rate = [m for m, model in enumerate(self._models) if model.turn_rate_radps is None]
        self._associator = ASSOCIATORS[self._config.associator]

    @property
    def config(self) -> TrackerConfig:
        return self._config

    def initial_state(self, t_s: float = 0.0) -> TrackerState:
        """No tracks, at `t_s`."""
        return TrackerState(t_s=t_s, next_id=1, table=TrackTable.empty(len(self._models)))

    def step(
        self, state: TrackerState, plots: Sequence[Plot], t_s: float, north: Sequence[NorthMarker] = ()
    ) -> tuple[TrackerState, tuple[TrackState, ...]]:
        """Process the plots with state.t_s < t_s(plot) <= t_s (sorted by t_s) and report the tracks at
        `t_s`; `north`: the recording's north markers in the same interval, if it has them.

        Deleted tracks are reported once, with status DELETED, and then dropped.
        """
        self._check(state, plots, t_s)
        table, next_id, deleted = state.table, state.next_id, []
        antennas = dict(state.antennas)
        pending: list[tuple[Plot, float]] = []
        batches: list[_Batch] = []
        for radar_id, geom in self._geoms.items():
            antenna, held, rb = self._sweep(state, geom, plots, north, t_s)
            antennas[radar_id], pending, batches = antenna, pending + held, batches + rb
        for batch in sorted(batches, key=lambda b: (b.t_start_s, b.geom.radar_id)):
            table, next_id, gone = self._batch(table, next_id, batch)
            deleted += gone
        table, gone = self._delete(table, t_s, np.zeros(len(table), bool))
        after = TrackerState(t_s, next_id, table, MappingProxyType(antennas), tuple(pending))
        return after, (*deleted, *gone, *self._report(table, t_s))

    def run(
        self,
        plots: Iterable[Plot],
        step_s: float,
        *,
        t_end_s: float | None = None,
        t_start_s: float = 0.0,
        north: Sequence[NorthMarker] = (),
    ) -> Iterator[tuple[float, tuple[TrackState, ...]]]:
        """Step through a time-ordered plot stream every `step_s` seconds; yields (t_s, tracks)."""
        state = self.initial_state(t_start_s)
        marks = sorted(north, key=lambda m: m.t_s)
        for t_s, batch in scans(plots, step_s, t_start_s=t_start_s, t_end_s=t_end_s):
            state, tracks = self.step(state, batch, t_s, markers_between(marks, state.t_s, t_s))
            yield t_s, tracks

    def _check(self, state: TrackerState, plots: Sequence[Plot], t_s: float) -> None:
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
                raise UnknownRadarError(
                    f"plot {plot.plot_id} comes from radar {plot.radar_id!r}, which is not "
                    f"one of the tracker's radars ({', '.join(self._geoms)})"
                )

    # --- the sweep: batches of plots ------------------------------------------------------------

    def _sweep(
        self, state: TrackerState, geom: RadarGeometry, plots: Sequence[Plot], north: Sequence[NorthMarker], t_s: float
    ) -> tuple[Antenna, list[tuple[Plot, float]], list[_Batch]]:
        """One radar's antenna after this step's marks, the plots it holds back, and its batches."""
        period = geom.scan_period_s
        before = state.antennas.get(geom.radar_id) or Antenna.nominal(state.t_s, geom.north_offset_s, period)
        marks = sorted(
            [(p.t_s, 1, p.azimuth_rad, p) for p in plots if p.radar_id == geom.radar_id]
            + [(m.t_s, 0, 0.0, None) for m in north if m.radar_id == geom.radar_id],
            key=lambda m: (m[0], m[1]),
        )
        theta = unwrap(before, np.array([m[0] for m in marks]), np.array([m[2] for m in marks]), period)
        held = [(p, th) for p, th in state.pending if p.radar_id == geom.radar_id]
        held += [(m[3], float(th)) for m, th in zip(marks, theta, strict=True) if m[3] is not None]
        last = Antenna(marks[-1][0], float(theta[-1]), before.done_rad) if marks else before
        plot_theta = np.array([th for _, th in held])
        done = cut(before.done_rad, last, plot_theta, t_s, period, self._guard_rad(geom))
        mark_t = np.r_[before.t_s, [p.t_s for p, _ in held], [m[0] for m in marks if m[3] is None]]
        mark_theta = np.r_[before.theta_rad, plot_theta, theta[[m[3] is None for m in marks]]]
        batches = []
        lo = before.done_rad
        while lo < done:
            hi = min(lo + TWO_PI, done)
            inside = [p for p, th in held if lo < th <= hi]
            t0 = float(beam_times(np.array([lo]), mark_theta, mark_t, period)[0])
            batches.append(_Batch(geom, lo, hi, inside, t0, mark_theta, mark_t))
            lo = hi
        return Antenna(last.t_s, last.theta_rad, done), [(p, th) for p, th in held if th > done], batches

    def _guard_rad(self, geom: RadarGeometry) -> float:
        """How far from any plot the sweep may be cut: a track and its plot lie within it."""
        return max(math.radians(2.0), 5.0 * geom.azimuth_sigma_rad)

    def _batch(self, table: TrackTable, next_id: int, batch: _Batch) -> tuple[TrackTable, int, list[TrackState]]:
        """Predict, gate, associate, update, manage and initiate for one stretch of one radar's sweep."""
        plots, geom = batch.plots, batch.geom
        if not plots and not len(table):
            return table, next_id, []
        cfg = self._config
        alt, alt_sigma = plot_altitudes([p.mode_c_alt_ft for p in plots], cfg.default_alt_m, cfg.default_alt_sigma_m)
        ranges, azimuths = np.array([p.range_m for p in plots]), np.array([p.azimuth_rad for p in plots])
        z, R = convert_plots(geom, self._frame, ranges, azimuths, alt, alt_sigma)
        claimed: set[int] = set()
        deleted: list[TrackState] = []
        if len(table):
            t_beam, swept, in_cover = self._looks(table, batch)
            prediction = self._predict(table, t_beam)
            mature = np.array([s is not TrackStatus.TENTATIVE for s in table.status], bool)
            pairs = self._gate(table, prediction, z, R, plots, t_beam, swept)
            done = self._associator.associate(prediction, _subset(pairs, mature[pairs.track]), z, R, geom)
            second = _subset(pairs, ~mature[pairs.track] & ~np.isin(pairs.plot, list(done.taken)))
            tentative = kalman_update(prediction, gnn(second), z, R)
            x, P, mu = done.x.copy(), done.P.copy(), done.mu.copy()
            for i in tentative.updated:
                x[i], P[i], mu[i] = tentative.x[i], tentative.P[i], tentative.mu[i]
            single = {**done.plot_of, **tentative.plot_of}
            if single:  # one plot: predicted to its own time stamp, and updated there
                rows, cols = np.fromiter(single, int), np.fromiter(single.values(), int)
                t_beam = t_beam.copy()
                t_beam[rows] = np.maximum([plots[j].t_s for j in cols], table.t_s[rows])
                own = self._predict(table, t_beam, rows)
                exact = kalman_update(own, dict(enumerate(cols.tolist())), z, R)
                x[rows], P[rows], mu[rows] = exact.x, exact.P, exact.mu
            keep = ~swept
            x[keep], P[keep], mu[keep] = table.x[keep], table.P[keep], table.mu[keep]
            table = table.replace(x=x, P=P, mu=mu, t_s=t_beam)
            updated = {**dict.fromkeys(done.updated, -1), **single}
            table, deleted = self._manage(table, updated, plots, geom, in_cover, t_beam)
            claimed = set(done.taken) | set(tentative.taken)
            if not self._associator.gated_plots_start_tracks:
                claimed |= {int(j) for j in pairs.plot}
        table, next_id = self._spawn(table, next_id, [j for j in range(len(plots)) if j not in claimed], plots, z, R)
        return table, next_id, deleted

    def _gate(
        self,
        table: TrackTable,
        prediction: Prediction,
        z: FloatArray,
        R: FloatArray,
        plots: list[Plot],
        t_beam: FloatArray,
        swept: npt.NDArray[np.bool_],
    ) -> Pairs:
        """The (track, plot) pairs the associators may consider: swept tracks, within the gate."""
        cfg = self._config
        xpc, Ppc = imm_combine(prediction.x, prediction.P, prediction.c)
        z_pred, HPHt = xpc[:, [0, 2]], Ppc[:, [0, 2]][:, :, [0, 2]]
        # A mature track with no plot in its mixture's gate, and no other track near, may take one from the
        # gate of any of its modes: at the onset of a tight turn the plot lies where the turn
        # modes, still unlikely, predict it, outside the straight-dominated mixture. Near another
        # track (a crossing) the mixture's gate alone decides: a turn hypothesis never takes the
        # other aircraft's plot.
        squawks, plot_squawks = list(table.mode_a), [p.mode_a for p in plots]
        pairs = gate(z_pred, HPHt, z, R, cfg.gate_d2, squawks, plot_squawks)
        alone = np.array([s is not TrackStatus.TENTATIVE for s in table.status], bool)
        alone[pairs.track] = False
        apart = np.hypot(*(z_pred[:, None, :] - z_pred[None, :, :]).transpose(2, 0, 1))
        np.fill_diagonal(apart, np.inf)
        alone &= apart.min(axis=1, initial=np.inf) > cfg.alone_m
        rows = np.flatnonzero(alone)
        if len(rows):
            mine = [squawks[i] for i in rows]
            by_mode = [
                gate(xm[:, [0, 2]], Pm[:, [0, 2]][:, :, [0, 2]], z, R, cfg.gate_d2, mine, plot_squawks)
                for xm, Pm in zip(
                    np.moveaxis(prediction.x[rows], 1, 0), np.moveaxis(prediction.P[rows], 1, 0), strict=True
                )
            ]
            pairs = union([pairs, *(Pairs(rows[p.track], p.plot, p.y, p.S, p.d2) for p in by_mode)])
        # A coasting track's turn hypotheses (the estimated turn's linearised covariance grows with
        # the square of the time coasted) spread its gate beyond where the aircraft could be: a
        # plot must also lie within half the distance flown since the last plot, plus a floor.
        speed = np.hypot(xpc[:, 1], xpc[:, 3])
        reach = 0.5 * speed * (t_beam - table.last_update_t_s) + cfg.reach_floor_m
        near = np.hypot(*(z[pairs.plot] - z_pred[pairs.track]).T) <= reach[pairs.track]
        return _subset(pairs, swept[pairs.track] & near)

    def _looks(
        self, table: TrackTable, batch: _Batch
    ) -> tuple[FloatArray, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """For every track: when the beam crossed it in this batch (its own time if not), whether the
        batch's stretch of sweep covers it, and whether the radar could see it there."""
        geom = batch.geom
        xc, _ = imm_combine(table.x, table.P, table.mu)
        de, dn = xc[:, 0] - geom.sensor_en_m[0], xc[:, 2] - geom.sensor_en_m[1]
        az = np.mod(np.arctan2(de, dn) - geom.rotation_rad, TWO_PI)
        look = batch.lo_rad + np.mod(az - batch.lo_rad, TWO_PI)
        swept = (look > batch.lo_rad) & (look <= batch.hi_rad)
        when = beam_times(look, batch.mark_theta, batch.mark_t, geom.scan_period_s)
        t_beam = np.where(swept, np.maximum(when, table.t_s), table.t_s)
        # A secondary-only radar can see a track only while it transponds: no miss for the others.
        sees = np.array([geom.has_psr or m is not None for m in table.mode_a], bool)
        return t_beam, swept, swept & (np.hypot(de, dn) <= geom.max_range_m) & sees

    def _predict(self, table: TrackTable, t_s: FloatArray, rows: IntArray | None = None) -> Prediction:
        """IMM mixing and prediction of every track (or of `rows`, in that order) to its time in `t_s`."""
        pick = slice(None) if rows is None else rows
        x, P = table.x[pick], table.P[pick]
        x0, P0, c = imm_mix(x, P, table.mu[pick], self._markov)
        for m in self._learns_rate:  # the turn rate is mixed from the mode that learns it alone
            x0[:, m, 4], P0[:, m, 4, :], P0[:, m, :, 4] = x[:, m, 4], 0.0, 0.0
            P0[:, m, 4, 4] = P[:, m, 4, 4]
        dt = t_s[pick] - table.t_s[pick]
        xp, Pp = np.empty_like(x0), np.empty_like(P0)
        for m, model in enumerate(self._models):
            ahead, J = propagate(model, x0[:, m], dt)
            xp[:, m], Pp[:, m] = predict(x0[:, m], P0[:, m], J, process_noise(model, dt), ahead)
        return Prediction(xp, Pp, c)

    def _manage(
        self,
        table: TrackTable,
        updated: dict[int, int],
        batch: list[Plot],
        geom: RadarGeometry,
        in_cover: npt.NDArray[np.bool_],
        t_beam: FloatArray,
    ) -> tuple[TrackTable, list[TrackState]]:
        """Hit history, altitude and squawk from the plots used, M-of-N confirmation, coasting,
        deletion of tentative tracks that can no longer confirm. `updated`: {row: plot, or -1 when
        the row was updated by several plots (JPDA)}."""
        cfg = self._config
        hit = np.zeros(len(table), bool)
        hit[list(updated)] = True
        window = (1 << cfg.confirm_n) - 1
        hits = np.where(in_cover, ((table.hits << 1) | hit) & window, table.hits)
        chances = np.where(in_cover, np.minimum(table.chances + 1, cfg.confirm_n), table.chances)
        table = _record_plots(table.replace(hits=hits, chances=chances), updated, batch, geom, t_beam)
        hits_count = np.array([bin(int(h)).count("1") for h in table.hits])
        status = tuple(
            _next_status(s, int(n), bool(h), bool(c), cfg)
            for s, n, h, c in zip(table.status, hits_count, hit, in_cover, strict=True)
        )
        table = table.replace(status=status)
        misses = table.chances - hits_count
        tentative = np.array([s is TrackStatus.TENTATIVE for s in status], bool)
        return self._delete(table, float(np.max(t_beam)), tentative & (misses > cfg.confirm_n - cfg.confirm_m))

    def _delete(
        self, table: TrackTable, t_s: float, extra: npt.NDArray[np.bool_]
    ) -> tuple[TrackTable, list[TrackState]]:
        """Drop hopeless tentative tracks, and tracks not updated for too long or too uncertain (in the
        position sigma of their most likely mode: an unlikely turn hypothesis, spread wide while a
        track coasts, does not end a track its likely motion still holds)."""
        if not len(table):
            return table, []
        xc, Pc = imm_combine(table.x, table.P, table.mu)
        likely = table.P[np.arange(len(table)), np.argmax(table.mu, axis=1)]
        sigma = np.sqrt(np.maximum(likely[:, 0, 0], likely[:, 2, 2]))
        stale = (t_s - table.last_update_t_s > self._config.max_coast_s) | (sigma > self._config.max_position_sigma_m)
        gone = extra | stale
        if not gone.any():
            return table, []
        deleted = [
            _record(table, int(i), TrackStatus.DELETED, float(table.t_s[i]), xc[i], Pc[i])
            for i in np.flatnonzero(gone)
            if table.status[i] is not TrackStatus.TENTATIVE  # tentative tracks never reached the engine
        ]
        return table.keep(~gone), deleted

    def _spawn(
        self, table: TrackTable, next_id: int, free: list[int], batch: list[Plot], z: FloatArray, R: FloatArray
    ) -> tuple[TrackTable, int]:
        """A tentative track at each free plot, at rest with a wide velocity prior."""
        if not free:
            return table, next_id
        k, r = len(free), len(self._models)
        v2 = self._config.initial_speed_sigma_mps**2
        x = np.zeros((k, r, STATE_DIM))
        x[:, :, 0] = z[free, 0][:, None]
        x[:, :, 2] = z[free, 1][:, None]
        P = np.zeros((k, r, STATE_DIM, STATE_DIM))
        P[:, :, 0, 0], P[:, :, 2, 2] = R[free, 0, 0][:, None], R[free, 1, 1][:, None]
        P[:, :, 0, 2] = P[:, :, 2, 0] = R[free, 0, 1][:, None]
        P[:, :, 1, 1] = P[:, :, 3, 3] = v2
        P[:, :, 4, 4] = math.radians(self._config.initial_turn_sigma_dps) ** 2
        t = np.array([batch[j].t_s for j in free])
        alt = np.array([np.nan if (ft := batch[j].mode_c_alt_ft) is None else ft_to_m(ft) for j in free])
        born = TrackTable(
            ids=tuple(f"T{next_id + i:04d}" for i in range(k)),
            status=(TrackStatus.TENTATIVE,) * k,
            x=x,
            P=P,
            mu=np.tile(np.r_[0.9 if r > 1 else 1.0, np.full(r - 1, 0.1 / max(r - 1, 1))], (k, 1)),
            t_s=t,
            created_t_s=t,
            last_update_t_s=t,
            n_updates=np.ones(k, int),
            hits=np.ones(k, int),
            chances=np.ones(k, int),
            alt_m=alt,
            alt_rate_mps=np.full(k, np.nan),
            alt_t_s=np.where(np.isnan(alt), np.nan, t),
            mode_a=tuple(batch[j].mode_a for j in free),
            radar_ids=tuple((batch[j].radar_id,) for j in free),
        )
        return table.concat(born), next_id + k

    # --- reporting --------------------------------------------------------------------------------

    def _report(self, table: TrackTable, t_s: float) -> tuple[TrackState, ...]:
        """Tracks predicted (without update) to `t_s` with the CV model; tentative ones only if configured."""
        rows = [
            i for i, s in enumerate(table.status) if self._config.report_tentative or s is not TrackStatus.TENTATIVE
        ]
        if not rows:
            return ()
        xc, Pc = imm_combine(table.x[rows], table.P[rows], table.mu[rows])
        dt = t_s - table.t_s[rows]
        cv = self._models[0]
        xs, Ps = predict(xc, Pc, transition(cv, dt), process_noise(cv, dt))
        return tuple(_record(table, i, table.status[i], t_s, xs[k], Ps[k]) for k, i in enumerate(rows))


def _next_status(status: TrackStatus, hits: int, hit: bool, in_cover: bool, cfg: TrackerConfig) -> TrackStatus:
    """M-of-N confirmation of a tentative track; a mature track coasts through a miss in coverage."""
    if status is TrackStatus.TENTATIVE:
        return TrackStatus.CONFIRMED if hits >= cfg.confirm_m else status
    if hit:
        return TrackStatus.CONFIRMED
    return TrackStatus.COASTING if in_cover else status


def _record_plots(
    table: TrackTable, updated: dict[int, int], batch: list[Plot], geom: RadarGeometry, t_beam: FloatArray
) -> TrackTable:
    """Update times and counts, radars seen by, squawk and Mode C altitude (with a smoothed rate)."""
    last, n_updates = table.last_update_t_s.copy(), table.n_updates.copy()
    alt_m, alt_rate, alt_t = table.alt_m.copy(), table.alt_rate_mps.copy(), table.alt_t_s.copy()
    mode_a, radar_ids = list(table.mode_a), list(table.radar_ids)
    for i, j in updated.items():
        last[i] = t_beam[i]
        n_updates[i] += 1
        if geom.radar_id not in radar_ids[i]:
            radar_ids[i] = (*radar_ids[i], geom.radar_id)
        if j < 0:
            continue
        plot = batch[j]
        if plot.mode_a is not None or geom.has_ssr:
            mode_a[i] = plot.mode_a  # Mode A follows the current replies: none from an SSR radar clears it
        if plot.mode_c_alt_ft is not None:
            alt = ft_to_m(plot.mode_c_alt_ft)
            if not math.isnan(alt_m[i]) and t_beam[i] > alt_t[i]:
                rate = (alt - alt_m[i]) / (t_beam[i] - alt_t[i])
                alt_rate[i] = rate if math.isnan(alt_rate[i]) else 0.6 * alt_rate[i] + 0.4 * rate
            alt_m[i], alt_t[i] = alt, t_beam[i]
    return table.replace(
        last_update_t_s=last,
        n_updates=n_updates,
        alt_m=alt_m,
        alt_rate_mps=alt_rate,
        alt_t_s=alt_t,
        mode_a=tuple(mode_a),
        radar_ids=tuple(radar_ids),
    )


def _record(table: TrackTable, i: int, status: TrackStatus, t_s: float, x: FloatArray, P: FloatArray) -> TrackState:
    """The TrackState of row `i` with the given estimate."""
    alt = float(table.alt_m[i])
    rate = float(table.alt_rate_mps[i])
    return TrackState(
        track_id=table.ids[i],
        t_s=t_s,
        status=status,
        x=x[:4],
        P=P[:4, :4],
        created_t_s=float(table.created_t_s[i]),
        last_update_t_s=float(table.last_update_t_s[i]),
        n_updates=int(table.n_updates[i]),
        alt_m=None if math.isnan(alt) else alt,
        alt_rate_mps=None if math.isnan(rate) else rate,
        mode_a=table.mode_a[i],
        radar_ids=tuple(table.radar_ids[i]),
    )


def _subset(pairs: Pairs, keep: npt.NDArray[np.bool_]) -> Pairs:
    return Pairs(pairs.track[keep], pairs.plot[keep], pairs.y[keep], pairs.S[keep], pairs.d2[keep])


@dataclass(frozen=True)
class _Batch:
    """One stretch (lo_rad, hi_rad] of one radar's unwrapped sweep, at most one turn: its plots, when
    it began, and the marks (angle, time) the beam's times are interpolated from."""

    geom: RadarGeometry
    lo_rad: float
    hi_rad: float
    plots: list[Plot]
    t_start_s: float
    mark_theta: FloatArray
    mark_t: FloatArray
