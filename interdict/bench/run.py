"""One benchmark run: a family's scenario at a seed, replayed in closed loop with the engine settings
given, and scored against its truth. A pure function of its spec (but for the `cost` part, which is
wall-clock time), so that a process pool and a Dask cluster give the same records.
"""

from __future__ import annotations

import math
import shlex
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from interdict.bench.settings import engine_config
from interdict.bench.suites import RunSpec, document_of
from interdict.contract.plots import Plot
from interdict.core.errors import InterdictError
from interdict.engine.tracking import Tracker, TrackerConfig
from interdict.evaluation.landings import cue_records, destination_scores
from interdict.evaluation.score import HARM, TOTALS, VIOLATIONS, wrongful
from interdict.evaluation.tracking import plot_error_m, replay_frames, score_frames, scores_of
from interdict.replay.loop import ReplayResult, run_replay
from interdict.scenario.load import scenario_of

__all__ = ["run_one", "reproduce_command", "CIVIL_HARM", "SAFETY_ZERO", "GOSPA_BIN_S"]

CIVIL_HARM = HARM  # harm to an aircraft that is not a smuggler (civil or state)
SAFETY_ZERO = VIOLATIONS  # any: exit 1 (the harm, and a climb onto a rung that sends people without a ground)
GOSPA_BIN_S = 300.0  # GOSPA over time is kept per 5-minute bin


def reproduce_command(spec: RunSpec) -> str:
    sets = "".join(f" --set {shlex.quote(f'{k}={v}')}" for k, v in spec.settings)
    return f"interdict bench {spec.family} --runs 1 --seed {spec.seed}{sets}"


def run_one(spec: RunSpec) -> dict[str, Any]:
    """The record of one run (JSON-ready)."""
    started = time.perf_counter()
    try:
        scenario = scenario_of(document_of(spec.family, spec.seed), f"family {spec.family}, seed {spec.seed}")
    except InterdictError as exc:  # a plain error crosses process boundaries (pickled) intact
        raise InterdictError(str(exc)) from None
    config = engine_config(spec.settings)
    result = run_replay(scenario, seed=spec.seed, config=config)
    trajectories = result.trajectories
    score = score_frames(replay_frames([(s.t_s, s.tracks) for s in result.steps], trajectories))
    sim = result.simulation
    report: dict[str, Any] = result.report
    cost = {
        "plots": len(sim.plots),
        "scans": len(result.steps),
        "engine_s": result.engine_s,
        "run_s": time.perf_counter() - started,
    }
    if spec.time_tracker:
        cost["tracker_alone_s"] = _tracker_alone_s(result, sim.plots, config.tracker)
    return {
        "index": spec.index,
        "family": spec.family,
        "seed": spec.seed,
        "scenario": scenario.name,
        "duration_s": scenario.duration_s,
        "aircraft": {role: sum(a.role == role for a in scenario.aircraft) for role in ("smuggler", "civil")},
        "tracking": scores_of(score, plot_error_m(result.picture, sim.plots, sim.plot_aircraft, trajectories)),
        "gospa_by_bin": _binned(score.gospa_series, scenario.duration_s),
        "destinations": destination_scores(scenario, result.scored, [s.estimates for s in result.steps]),
        "cues": cue_records(scenario, report),
        "totals": {k: report["totals"][k] for k in TOTALS},
        "ladder": {
            aid: {"role": e["role"], "max_rung": e["max_rung"], "grounds": e["grounds"]}
            for aid, e in report["aircraft"].items()
        },
        "civil_harmed": [aid for aid, e in report["aircraft"].items() if wrongful(e)],
        "reproduce": reproduce_command(spec),
        "cost": cost,
    }


def _binned(series: Sequence[tuple[float, float]], duration_s: float) -> list[float | None]:
    """Mean GOSPA per GOSPA_BIN_S of scenario time (None: nothing in the air or tracked in that bin)."""
    n_bins = max(1, math.ceil(duration_s / GOSPA_BIN_S))
    sums, counts = np.zeros(n_bins), np.zeros(n_bins)
    for t_s, g in series:
        k = min(int(t_s // GOSPA_BIN_S), n_bins - 1)
        sums[k] += g
        counts[k] += 1
    return [float(s / c) if c else None for s, c in zip(sums, counts, strict=True)]


def _tracker_alone_s(result: ReplayResult, plots: tuple[Plot, ...], config: TrackerConfig) -> float:
    """Seconds the tracker alone (with the run's settings) takes on the run's plots."""
    picture = result.picture
    tracker = Tracker(picture.frame, picture.radars, config)
    step_s = min(r.scan_period_s for r in picture.radars)
    started = time.perf_counter()
    for _ in tracker.run(list(plots), step_s, t_end_s=result.scenario.duration_s):
        pass
    return time.perf_counter() - started
