"""The tracker on real trajectories: recorded flights (a scenario of `recorded: true` aircraft, made
by `interdict adsb`) seen by the scenario's radars, tracked, and scored against the recorded
positions, with the raw plot error as the reference line (`evaluation.tracking`).

Two errors, both against the truth at the same instant:
- *filtered*: each track's estimate just after a plot updated it, at that plot's time: the like of
  the raw plot error (a plot's error at its own time), and what the tracker adds to a plot;
- *reported*: the tracks as the engine gets them at the end of each scan, predicted from their last
  plot (up to a scan and a half earlier): what the operator's picture shows.

Per scenario and over its seeds: RMSEs and raw plot error (means over the runs), identity switches
per aircraft-hour (all switches over all flight hours of all runs), coverage (the share of
(aircraft, scan) pairs in which a reported track held the aircraft within 1 km, over all runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from interdict.contract.plots import scans
from interdict.engine.tracking import Tracker, TrackerConfig, TrackStatus
from interdict.engine.tracking.filters import imm_combine
from interdict.engine.tracking.table import TrackerState
from interdict.evaluation.tracking import GOSPA_C_M, plot_error_m, replay_frames, score_frames
from interdict.scenario.document import Scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.radar import simulate
from interdict.world.trajectories import Trajectory, build_trajectories

__all__ = ["score_recorded"]


def score_recorded(scenario: Scenario, seeds: Sequence[int], config: TrackerConfig | None = None) -> dict[str, Any]:
    """The tracking scores of one scenario over `seeds` (module docstring)."""
    picture, trajectories = picture_of(scenario), build_trajectories(scenario)
    step_s = min(r.scan_period_s for r in picture.radars)
    hours = sum(t.t_end_s - t.t_start_s for t in trajectories) / 3600.0
    runs = []
    for seed in seeds:
        sim = simulate(scenario, seed, trajectories=trajectories)
        tracker = Tracker(picture.frame, picture.radars, config)
        state, steps, filtered = tracker.initial_state(), [], []
        scored: dict[str, float] = {}  # track id -> the time of the update last scored
        for t_s, batch in scans(sim.plots, step_s, t_end_s=scenario.duration_s):
            state, tracks = tracker.step(state, batch, t_s)
            steps.append((t_s, tracks))
            filtered += _filtered_errors(state, scored, trajectories)
        s = score_frames(replay_frames(steps, trajectories))
        runs.append(
            {
                "seed": seed,
                "plots": len(sim.plots),
                "rmse_m": s.rmse_m,
                "filtered_rmse_m": float(np.sqrt(np.mean(np.square(filtered)))) if filtered else float("nan"),
                "raw_plot_error_m": plot_error_m(picture, sim.plots, sim.plot_aircraft, trajectories),
                "identity_switches": s.identity_switches,
                "fragmentations": s.fragmentations,
                "false_tracks": s.false_tracks,
                "coverage": s.coverage,
            }
        )
    return {
        "scenario": scenario.name,
        "aircraft": len(trajectories),
        "flight_hours": hours,
        "runs": runs,
        **{k: float(np.mean([r[k] for r in runs])) for k in ("rmse_m", "filtered_rmse_m", "raw_plot_error_m")},
        "switches_per_aircraft_hour": sum(r["identity_switches"] for r in runs) / (hours * len(runs)),
        "coverage": float(np.mean([r["coverage"] for r in runs])),
    }


def _filtered_errors(state: TrackerState, scored: dict[str, float], trajectories: Sequence[Trajectory]) -> list[float]:
    """The distance to the nearest aircraft (within GOSPA's 1 km) of every confirmed or coasting
    track whose state is just after an update not scored yet, at the time of that update; `scored`
    is brought up to date."""
    table = state.table
    rows = [
        i
        for i in range(len(table))
        if table.status[i] is not TrackStatus.TENTATIVE
        and table.last_update_t_s[i] == table.t_s[i]
        and scored.get(table.ids[i]) != table.t_s[i]
    ]
    scored.update({table.ids[i]: float(table.t_s[i]) for i in rows})
    if not rows:
        return []
    x, _ = imm_combine(table.x[rows], table.P[rows], table.mu[rows])
    t = table.t_s[rows]
    truth = np.stack([tr.positions_enu_at(t)[:, :2] for tr in trajectories])  # (aircraft, rows, 2)
    d = np.hypot(truth[..., 0] - x[:, 0], truth[..., 1] - x[:, 2])
    nearest = np.nanmin(np.where(np.isnan(d), np.inf, d), axis=0)
    return [float(v) for v in nearest if v <= GOSPA_C_M]
