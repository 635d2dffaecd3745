"""Fit the destination model's stated parameters on generated training runs, by maximum likelihood.

The runs (closed-loop replays of a family, on seeds kept apart from the benchmark's) are made once;
the destination filter is then re-run over their tracks for each candidate model. The objective is
the mean negative log probability the filter (its own probabilities: the calibration map is left
out) gave the strip the aircraft really landed on, at every
minute from 1 minute to `--max-lead` before touchdown (default 10 minutes: where cues are made),
given that the aircraft lands: a proper scoring rule, which rewards calibrated and sharp
probabilities alike. Coordinate search: each parameter in turn is multiplied by each factor of
`--factors` and kept where the objective falls. Prints every step, the expected calibration error
(ECE) by lead band, the fitted values to put in `StripModel`, and, for smugglers tracked to within
five minutes of touchdown, how often the strip on top at their last plot had p >= 0.9 and was right.

`--fit-map` fits the calibration map instead (the fitted parameters held): the filter's own top
probability (given a landing) at every minute up to `--map-lead` (default 30 minutes) before
touchdown, against whether the aircraft landed there, by isotonic regression (scipy) over
`MAP_BINS` bins of equal counts; knots (mean p, fitted frequency) between (0, 0) and (1, 1). It
prints the knots for `CALIBRATION_MAP`, and the ECE by band of the map fitted on one half of the runs
and applied to the other (both ways), against the unmapped filter.

    python3 benchmarks/calibrate.py [--family traffic] [--seeds 1001-1080] [--rounds 2] [--workers 2]
                                    [--cache runs.pickle] [--parameters NAME,NAME,...]
                                    [--fit-map [--map-lead 1800]]
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import math
import pickle
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import isotonic_regression

from interdict.bench.suites import document_of
from interdict.engine.destinations import (
    IDENTITY_MAP,
    DestinationEstimate,
    StripDatabase,
    StripModel,
    initial_matcher_state,
    stated_top,
    strip_database,
    update_destinations,
)
from interdict.engine.tracking import TrackState
from interdict.evaluation.calibration import expected_calibration_error, reliability
from interdict.evaluation.landings import CALIBRATION_LEADS_S, landings
from interdict.replay.loop import run_replay
from interdict.scenario.load import scenario_of

PARAMETERS = (
    "correlation_time_s",
    "replan_time_s",
    "miss_sigma_m",
    "miss_sigma_per_m",
    "none_prior",
    "behind_factor",
    "approach_factor",
    "coverage_loss_factor",
)
BANDS_S = ((0, 120), (120, 600), (600, 1_800))
MAP_BINS = 20


@dataclass(frozen=True)
class Run:
    strips: StripDatabase
    times: tuple[float, ...]
    tracks: tuple[tuple[TrackState, ...], ...]
    holders: tuple[dict[str, str | None], ...]
    landings: tuple[tuple[str, str, float], ...]


def collect(family: str, seed: int) -> Run:
    scenario = scenario_of(document_of(family, seed), f"family {family}, seed {seed}")
    result = run_replay(scenario, seed=seed)
    return Run(
        strip_database(result.picture),
        tuple(s.t_s for s in result.steps),
        tuple(s.tracks for s in result.steps),
        tuple(dict(s.holder) for s in result.scored),
        tuple(x for x in landings(scenario) if x[2] <= scenario.duration_s),
    )


def training_runs(family: str, seeds: range, workers: int, cache: Path | None) -> list[Run]:
    """The training runs, replayed (or read from `cache`, a file this script wrote)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            runs: list[Run] = pickle.load(f)  # a file this script wrote
        return runs
    with ProcessPoolExecutor(workers) as pool:
        runs = list(pool.map(collect, [family] * len(seeds), seeds))
    if cache is not None:
        with cache.open("wb") as f:
            pickle.dump(runs, f)
    return runs


def forecasts(run: Run, model: StripModel) -> list[tuple[int, float, float, bool]]:
    """(lead_s, p of the true strip, p of the most likely strip, whether it is the true one) for each
    landing and calibration lead; probabilities given that the aircraft lands (as the bench reports them)."""
    state = initial_matcher_state()
    estimates: list[tuple[DestinationEstimate, ...]] = []
    for t_s, tracks in zip(run.times, run.tracks, strict=True):
        state, est, _ = update_destinations(run.strips, model, state, tracks, t_s)
        estimates.append(est)
    out = []
    for aircraft, strip, t_land in run.landings:
        for lead in CALIBRATION_LEADS_S:
            t = t_land - lead
            if not run.times or t < run.times[0] or t > run.times[-1]:
                continue
            k = min(bisect.bisect_left(run.times, t), len(run.times) - 1)
            held = [e for e in estimates[k] if run.holders[k].get(e.track_id) == aircraft]
            if not held:
                continue
            tops = [(e.p_given_landing(e.candidates[0].strip_id), e) for e in held if e.candidates]
            if not tops:
                continue
            p_top, best = max(tops, key=lambda x: (x[0], x[1].track_id))
            p_true = max(e.p_given_landing(strip) for e in held)
            out.append((lead, p_true, p_top, best.candidates[0].strip_id == strip))
    return out


def last_plot(runs: Sequence[Run], model: StripModel, level: float = 0.9) -> tuple[int, int, int]:
    """Smugglers tracked to within five minutes of touchdown: (how many, how many had their landing
    strip's rival-free top at p >= `level` at their last plot, how many of those were right)."""
    n = firm = right = 0
    for run in runs:
        state = initial_matcher_state()
        steps = []
        for t_s, tracks in zip(run.times, run.tracks, strict=True):
            state, est, _ = update_destinations(run.strips, model, state, tracks, t_s)
            steps.append(({e.track_id: e for e in est}, {t.track_id: t for t in tracks}))
        for aircraft, strip, t_land in run.landings:
            if not aircraft.startswith("narco"):
                continue
            last = None
            for k, t_s in enumerate(run.times):
                if t_s > t_land + 30:
                    break
                for tid, who in run.holders[k].items():
                    track = steps[k][1].get(tid)
                    updated = (
                        track is not None and t_s - track.last_update_t_s < 10 and track.status.name == "CONFIRMED"
                    )
                    if who == aircraft and tid in steps[k][0] and updated:
                        last = (t_s, steps[k][0][tid])
            if last is None or t_land - last[0] > 300:
                continue
            n += 1
            if last[1].top_p >= level:
                firm += 1
                right += last[1].top == strip
    return n, firm, right


def objective(runs: Sequence[Run], model: StripModel, max_lead_s: float) -> tuple[float, dict[str, float | None]]:
    rows = [f for run in runs for f in forecasts(run, model)]
    fitted = [p for lead, p, _, _ in rows if lead <= max_lead_s]
    nll = sum(-math.log(max(p, 1e-3)) for p in fitted) / max(len(fitted), 1)
    ece = {
        f"{lo}-{hi}": expected_calibration_error(reliability((p, hit) for lead, _, p, hit in rows if lo < lead <= hi))
        for lo, hi in BANDS_S
    }
    return nll, ece


def fit_map(forecast_pairs: Sequence[tuple[float, bool]]) -> tuple[tuple[float, float], ...]:
    """Knots of the isotonic (non-decreasing) map from p to the frequency of hits, over `MAP_BINS`
    bins of equal counts, between (0, 0) and (1, 1)."""
    p = np.array([x for x, _ in forecast_pairs])
    hit = np.array([h for _, h in forecast_pairs], dtype=float)
    order = np.argsort(p, kind="stable")
    bins = [b for b in np.array_split(order, MAP_BINS) if len(b)]
    fitted = isotonic_regression([hit[b].mean() for b in bins], weights=[float(len(b)) for b in bins]).x
    knots = [(round(float(p[b].mean()), 3), round(float(f), 3)) for b, f in zip(bins, fitted, strict=True)]
    return ((0.0, 0.0), *knots, (1.0, 1.0))


def _mapped_ece(rows: Sequence[tuple[int, float, float, bool]], knots: tuple[tuple[float, float], ...]) -> list[float]:
    out = []
    for lo, hi in BANDS_S:
        pairs = [(stated_top(p, knots), hit) for lead, _, p, hit in rows if lo < lead <= hi]
        ece = expected_calibration_error(reliability(pairs))
        out.append(math.nan if ece is None else ece)
    return out


def map_fit(runs: Sequence[Run], model: StripModel, max_lead_s: float) -> None:
    """Fit the calibration map of `model` (unmapped) on all runs; check it half against half."""
    per_run = [forecasts(run, model) for run in runs]
    half = len(per_run) // 2
    for name, train, test in (
        ("first half -> second", per_run[:half], per_run[half:]),
        ("second half -> first", per_run[half:], per_run[:half]),
    ):
        knots = fit_map([(p, hit) for rows in train for lead, _, p, hit in rows if lead <= max_lead_s])
        rows = [r for rows in test for r in rows]
        shown = "  ".join(
            f"{lo}-{hi} s {a:.3f} -> {b:.3f}"
            for (lo, hi), a, b in zip(BANDS_S, _mapped_ece(rows, IDENTITY_MAP), _mapped_ece(rows, knots), strict=True)
        )
        print(f"ECE unmapped -> mapped, {name}: {shown}")
    knots = fit_map([(p, hit) for rows in per_run for lead, _, p, hit in rows if lead <= max_lead_s])
    print("CALIBRATION_MAP =", knots)


def _show(nll: float, ece: dict[str, float | None], note: str) -> None:
    bands = "  ".join(f"ECE {k} s {v:.3f}" if v is not None else f"ECE {k} s –" for k, v in ece.items())
    print(f"{note:<40} nll {nll:.4f}  {bands}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", default="traffic")
    parser.add_argument("--seeds", default="1001-1080")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="keep the training runs in this pickle file (reused when present)")
    parser.add_argument("--factors", default="0.5,0.7,1.4,2")
    parser.add_argument("--parameters", default=",".join(PARAMETERS), help="the StripModel fields searched, in order")
    parser.add_argument("--max-lead", type=float, default=600.0, help="seconds before touchdown fitted (default 600)")
    parser.add_argument("--fit-map", action="store_true", help="fit the calibration map instead of the parameters")
    parser.add_argument("--map-lead", type=float, default=1_800.0, help="seconds before touchdown the map is fitted on")
    args = parser.parse_args()
    lo, hi = (int(x) for x in args.seeds.split("-"))
    factors = [float(x) for x in args.factors.split(",")]
    names = [x.strip() for x in args.parameters.split(",") if x.strip()]
    unknown = [x for x in names if x not in {f.name for f in dataclasses.fields(StripModel)}]
    if unknown:
        parser.error(f"--parameters: not StripModel fields: {', '.join(unknown)}")
    started = time.perf_counter()
    runs = training_runs(args.family, range(lo, hi + 1), args.workers, args.cache)
    took_s = time.perf_counter() - started
    print(f"{len(runs)} training runs of {args.family} (seeds {lo}-{hi}) in {took_s:.0f} s", flush=True)
    model = dataclasses.replace(StripModel(), calibration_map=IDENTITY_MAP)
    if args.fit_map:
        map_fit(runs, model, args.map_lead)
        return
    best, ece = objective(runs, model, args.max_lead)
    _show(best, ece, "start (StripModel defaults, unmapped)")
    for _ in range(args.rounds):
        for name in names:
            for f in factors:
                trial = dataclasses.replace(model, **{name: getattr(model, name) * f})
                nll, trial_ece = objective(runs, trial, args.max_lead)
                if nll < best:
                    model, best, ece = trial, nll, trial_ece
                    _show(nll, ece, f"{name} = {getattr(model, name):.4g}")
    print("fitted:", {name: round(getattr(model, name), 4) for name in names})
    _show(best, ece, "fitted")
    n, firm, right = last_plot(runs, model)
    print(f"smugglers tracked to within 5 min of touchdown: {n}; top p >= 0.9 at the last plot: {firm}, right: {right}")


if __name__ == "__main__":
    main()
