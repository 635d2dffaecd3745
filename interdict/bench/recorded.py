"""The tracker on real trajectories: recorded flights (a scenario of `recorded: true` aircraft, made
by `interdict adsb`) seen by the scenario's radars, tracked, and scored against the recorded
positions, with the raw plot error as the reference line (`evaluation.tracking`).

Every error is against the recorded position at the instant the estimate is for. Two pictures of
the same run, each scored per scan:
- *at its own time*: every confirmed or coasting track as the beam last crossed it (just updated by
  its plot, or coasted when no plot came): what a radar display draws, and the like of the raw plot
  error (a plot's error at its own time). RMSE, identity switches, fragmentations, false tracks and
  coverage (the share of (aircraft, scan) pairs in which a track held the aircraft within 1 km) are
  of this picture;
- *forecast*: the tracks as the engine gets them at the end of each scan, every one predicted to
  that instant from its last plot (up to a scan and a half earlier, more when it coasts). Its
  reference line is the picture of plots at the same instant: each aircraft's latest plot. Both are
  scored alike (RMSE over the pairs within 1 km, coverage).

Per scenario and over its seeds: RMSEs and raw plot error (means over the runs), identity switches
per aircraft-hour (all switches over all flight hours of all runs), coverages (means over the runs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from interdict.contract.picture import Picture
from interdict.contract.plots import scans
from interdict.core.arrays import FloatArray
from interdict.engine.tracking import Tracker, TrackerConfig, TrackStatus
from interdict.engine.tracking.filters import imm_combine
from interdict.engine.tracking.table import TrackTable
from interdict.evaluation.metrics import DistanceFrame, score_distances
from interdict.evaluation.tracking import (
    GOSPA_C_M,
    Frame,
    plot_error_m,
    plot_positions,
    replay_frames,
    score_frames,
)
from interdict.scenario.document import Scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.radar import simulate
from interdict.world.trajectories import Trajectory, build_trajectories

__all__ = ["score_recorded"]

_MEANS = (
    "rmse_m",
    "raw_plot_error_m",
    "forecast_rmse_m",
    "latest_plot_rmse_m",
    "coverage",
    "forecast_coverage",
    "latest_plot_coverage",
)


def score_recorded(scenario: Scenario, seeds: Sequence[int], config: TrackerConfig | None = None) -> dict[str, Any]:
    """The tracking scores of one scenario over `seeds` (module docstring)."""
    picture, trajectories = picture_of(scenario), build_trajectories(scenario)
    hours = sum(t.t_end_s - t.t_start_s for t in trajectories) / 3600.0
    runs = [_run(scenario, picture, trajectories, seed, config) for seed in seeds]
    return {
        "scenario": scenario.name,
        "aircraft": len(trajectories),
        "flight_hours": hours,
        "runs": runs,
        **{k: float(np.mean([r[k] for r in runs])) for k in _MEANS},
        "switches_per_aircraft_hour": sum(r["identity_switches"] for r in runs) / (hours * len(runs)),
    }


def _run(
    scenario: Scenario, picture: Picture, trajectories: Sequence[Trajectory], seed: int, config: TrackerConfig | None
) -> dict[str, Any]:
    """One seed: simulate, track, and score both pictures (module docstring)."""
    sim = simulate(scenario, seed, trajectories=tuple(trajectories))
    tracker = Tracker(picture.frame, picture.radars, config)
    state, steps, tables = tracker.initial_state(), [], []
    step_s = min(r.scan_period_s for r in picture.radars)
    for t_s, batch in scans(sim.plots, step_s, t_end_s=scenario.duration_s):
        state, tracks = tracker.step(state, batch, t_s)
        steps.append((t_s, tracks))
        tables.append(state.table)
    frames = replay_frames(steps, trajectories)  # the aircraft in the air at each step, where they are
    by_id = {tr.aircraft_id: tr for tr in trajectories}
    own = [_own_time(t_s, air, table, by_id) for (t_s, air, _), table in zip(frames, tables, strict=True)]
    s = score_distances([f for f in own if len(f[1]) or len(f[2])], c=GOSPA_C_M, p=1.0, assoc_m=GOSPA_C_M)
    forecast = score_frames(frames)
    latest = _latest_plots(frames, plot_positions(picture, sim.plots, sim.plot_aircraft, trajectories))
    return {
        "seed": seed,
        "plots": len(sim.plots),
        "raw_plot_error_m": plot_error_m(picture, sim.plots, sim.plot_aircraft, trajectories),
        "rmse_m": s.rmse_m,
        "identity_switches": s.identity_switches,
        "fragmentations": s.fragmentations,
        "false_tracks": s.false_tracks,
        "coverage": s.coverage,
        "forecast_rmse_m": forecast.rmse_m,
        "forecast_coverage": forecast.coverage,
        **latest,
    }


def _own_time(
    t_s: float, air: Mapping[str, FloatArray], table: TrackTable, by_id: Mapping[str, Trajectory]
) -> DistanceFrame:
    """The aircraft in the air at `t_s`, the confirmed and coasting tracks, and the distance of each
    track from each aircraft at the track's own time (infinite where the aircraft was not flying)."""
    rows = [i for i in range(len(table)) if table.status[i] in (TrackStatus.CONFIRMED, TrackStatus.COASTING)]
    d = np.full((len(air), len(rows)), np.inf)
    if rows and air:
        x, _ = imm_combine(table.x[rows], table.P[rows], table.mu[rows])
        for a, aircraft_id in enumerate(air):
            truth = by_id[aircraft_id].positions_enu_at(table.t_s[rows])
            d[a] = np.nan_to_num(np.hypot(truth[:, 0] - x[:, 0], truth[:, 1] - x[:, 2]), nan=np.inf)
    return t_s, list(air), [table.ids[i] for i in rows], d


def _latest_plots(frames: Sequence[Frame], plots: Mapping[str, tuple[FloatArray, FloatArray]]) -> dict[str, float]:
    """The picture of plots at the end of each scan (each aircraft's latest plot) scored like the
    forecast: RMSE over the (aircraft, scan) pairs within 1 km, and the share of pairs within it."""
    errors, pairs = [], 0
    for t_s, air, _ in frames:
        for aircraft_id, here in air.items():
            pairs += 1
            t, z = plots.get(aircraft_id, (np.zeros(0), np.zeros((0, 2))))
            k = int(np.searchsorted(t, t_s, side="right")) - 1
            if k >= 0:
                d = float(np.hypot(*(z[k] - here)))
                errors += [d] if d <= GOSPA_C_M else []
    return {
        "latest_plot_rmse_m": float(np.sqrt(np.mean(np.square(errors)))) if errors else float("nan"),
        "latest_plot_coverage": len(errors) / pairs if pairs else float("nan"),
    }
