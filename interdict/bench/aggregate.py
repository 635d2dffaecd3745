"""The aggregate of a suite's runs, with 95 % confidence intervals.

A mean over runs carries Student's t interval (mean ± t(0.975, n-1)·s/√n), clipped to the
quantity's range (every mean here is of a distance, count or time, never below zero, or of a
probability, inside [0, 1]: an interval reaching outside says nothing more); a proportion (top-1
destination, cue precision, runs without a civil escalation) carries Wilson's score interval, which
stays inside [0, 1] and is honest at 0 or n successes. Scores that are NaN in a run (an RMSE with no
track on any truth) are left out of that score's n. Wall-clock costs are reported as totals and
rates, outside the deterministic part (`results`), which a process pool and a Dask cluster must
give identically for the same seeds.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy import stats

from interdict.bench.run import SAFETY_ZERO
from interdict.evaluation.calibration import bin_totals, expected_calibration_error, reliability
from interdict.evaluation.landings import LEADS_S

__all__ = ["mean_ci", "wilson", "aggregate"]

_Z95 = 1.959963984540054


def mean_ci(values: Iterable[float], bounds: tuple[float, float] = (0.0, math.inf)) -> dict[str, float | int | None]:
    """Mean, its 95 % t interval (clipped to `bounds`, the quantity's range), standard deviation and n of
    the finite values."""
    x = np.array([v for v in values if v is not None and math.isfinite(v)], dtype=float)
    n = len(x)
    if n == 0:
        return {"mean": None, "lo": None, "hi": None, "sd": None, "n": 0}
    mean = float(x.mean())
    if n == 1:
        return {"mean": mean, "lo": None, "hi": None, "sd": None, "n": 1}
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    lo, hi = bounds
    return {"mean": mean, "lo": max(lo, mean - half), "hi": min(hi, mean + half), "sd": sd, "n": n}


def wilson(successes: int, n: int) -> dict[str, float | int | None]:
    """A proportion and its 95 % Wilson score interval."""
    if n == 0:
        return {"p": None, "lo": None, "hi": None, "k": 0, "n": 0}
    p = successes / n
    z2 = _Z95**2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return {
        "p": p,
        "lo": min(p, max(0.0, centre - half)),
        "hi": max(p, min(1.0, centre + half)),
        "k": successes,
        "n": n,
    }


def _tracking(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    keys = list(records[0]["tracking"]) if records else []
    return {k: mean_ci(r["tracking"].get(k) for r in records) for k in keys}


def _destinations(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for role in ("smuggler", "civil"):
        landings = [d for r in records for d in r["destinations"] if d["role"] == role]
        out[role] = {
            str(lead): {
                "top1": wilson(
                    sum(d["top1"][str(lead)] for d in landings if str(lead) in d["top1"]),
                    sum(str(lead) in d["top1"] for d in landings),
                ),
                "p_true": mean_ci((d["p_true"][str(lead)] for d in landings if str(lead) in d["p_true"]), (0.0, 1.0)),
            }
            for lead in LEADS_S
        }
    return out


CUE_BINS_S = (0, 300, 600, 1_200, 1_800, math.inf)
# lead bands for calibration (s, lower bound exclusive): the last two minutes, 2-10 minutes, 10-30 minutes
CALIBRATION_BANDS_S = ((0, 120), (120, 600), (600, 1_800))


def _calibration(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Per lead band, over every landing (smugglers and civil): reliability rows and the ECE of the
    most likely destination's probability, with a 95 % bootstrap interval (`ece_interval`)."""
    out = {}
    for lo, hi in CALIBRATION_BANDS_S:
        per_run = [
            [(p, hit) for d in r["destinations"] for lead, (p, hit) in d["forecasts"].items() if lo < int(lead) <= hi]
            for r in records
        ]
        forecasts = [f for run in per_run for f in run]
        rows = reliability(forecasts)
        out[f"{lo}-{hi}"] = {
            "n": len(forecasts),
            "ece": expected_calibration_error(rows),
            "ece_interval": ece_interval(per_run),
            "bins": rows,
        }
    return out


BOOTSTRAP_RESAMPLES = 1_000
BOOTSTRAP_SEED = 20_011_120  # fixed: the interval is part of the deterministic results


def ece_interval(per_run: Sequence[Sequence[tuple[float, bool]]]) -> list[float] | None:
    """95 % percentile-bootstrap interval of the ECE, resampling whole runs (a run's forecasts are
    correlated: one landing is forecast at every minute of its approach). None with fewer than two
    runs holding forecasts. The ECE is biased upwards on few forecasts, so the interval is too: it
    says how far the figure could move on another set of seeds, not how calibrated the filter is."""
    runs = [run for run in per_run if run]
    if len(runs) < 2:
        return None
    sums = np.stack([bin_totals(run) for run in runs])  # (runs, bins, 3): count, sum of p, hits
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    picks = rng.integers(len(runs), size=(BOOTSTRAP_RESAMPLES, len(runs)))
    total = sums[picks].sum(axis=1)  # (resamples, bins, 3)
    n = total[..., 0]
    gap = np.abs(total[..., 2] - total[..., 1])  # n * |frequency - confidence| per bin
    draws = gap.sum(axis=1) / n.sum(axis=1)
    lo, hi = np.nanpercentile(draws, [2.5, 97.5])
    return [float(lo), float(hi)]


def _cues(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Cues to smugglers: precision (the smuggler landed at the cued strip after the cue), the share a
    team could act on, leads; cues to civil aircraft are counted apart (each one is a civil harm)."""
    everyone = [c for r in records for c in r["cues"]]
    cues = [c for c in everyone if c["role"] == "smuggler"]
    smugglers_landed = sum(len({d["aircraft"] for d in r["destinations"] if d["role"] == "smuggler"}) for r in records)
    useful = [c for c in cues if c["correct"]]
    bins = {}
    for lo, hi in itertools.pairwise(CUE_BINS_S):
        inside = [c for c in cues if c["lead_to_landing_s"] is not None and lo <= c["lead_to_landing_s"] < hi]
        bins[f"{lo}-{hi if math.isfinite(hi) else ''}"] = wilson(sum(c["correct"] for c in inside), len(inside))
    leads = [c["lead_to_landing_s"] for c in useful if c["lead_to_landing_s"] is not None]  # None: cued on the ground
    return {
        "cues_to_civil": len(everyone) - len(cues),
        "precision": wilson(len(useful), len(cues)),
        "actionable": wilson(sum(c.get("actionable", False) for c in cues), len(cues)),
        "median_lead_s": float(np.median(leads)) if leads else None,
        "smugglers_usefully_cued": wilson(
            len({(r["index"], c["aircraft"]) for r in records for c in r["cues"] if c["correct"]}), smugglers_landed
        ),
        "lead_s": mean_ci(c["lead_to_landing_s"] for c in useful),
        "precision_by_lead_s": bins,
    }


def _safety(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    harmed = [r for r in records if any(r["totals"][k] for k in SAFETY_ZERO)]
    return {
        **{k: sum(r["totals"][k] for r in records) for k in SAFETY_ZERO},
        "runs_without_civil_harm": wilson(len(records) - len(harmed), len(records)),
        "failures": [
            {
                "run": r["index"],
                "family": r["family"],
                "seed": r["seed"],
                "aircraft": r["civil_harmed"],
                "sent_without_grounds": r["totals"]["sent_without_grounds"],
                "reproduce": r["reproduce"],
            }
            for r in harmed
        ],
        "refused_operator_actions": sum(r["totals"]["refused_operator_actions"] for r in records),
    }


def _ladder(records: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {"smuggler": Counter(), "civil": Counter()}
    for r in records:
        for entry in r["ladder"].values():
            if entry["role"] in counts:
                counts[entry["role"]][entry["max_rung"] or "never confirmed"] += 1
    return {role: dict(sorted(c.items())) for role, c in counts.items()}


def _grounds(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The grounds for suspicion stated when smugglers were sent after (each smuggler counted once per
    ground it was sent on)."""
    sent = [e["grounds"] for r in records for e in r["ladder"].values() if e["role"] == "smuggler" and e["grounds"]]
    counts = Counter(g for grounds in sent for g in grounds)
    return {"smugglers_sent": len(sent), "by_ground": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))}


def _gospa_over_time(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    width = max((len(r["gospa_by_bin"]) for r in records), default=0)
    return [
        {"bin": k, **mean_ci(r["gospa_by_bin"][k] for r in records if k < len(r["gospa_by_bin"]))} for k in range(width)
    ]


def _by_family(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    out = {}
    for family in dict.fromkeys(r["family"] for r in records):
        mine = [r for r in records if r["family"] == family]
        out[family] = {
            "runs": len(mine),
            "gospa_m": mean_ci(r["tracking"]["gospa_m"] for r in mine),
            "rmse_over_plot_error": mean_ci(r["tracking"].get("rmse_over_plot_error") for r in mine),
            "civil_harm": sum(r["totals"]["wrongful_escalations"] for r in mine),
            "smugglers_cued_before_landing": sum(r["totals"]["smugglers_cued_before_landing"] for r in mine),
            "smugglers": sum(r["aircraft"]["smuggler"] for r in mine),
        }
    return out


def _cost(records: Sequence[Mapping[str, Any]], wall_s: float, workers: int) -> dict[str, Any]:
    plots = sum(r["cost"]["plots"] for r in records)
    engine_s = sum(r["cost"]["engine_s"] for r in records)
    timed = [r for r in records if "tracker_alone_s" in r["cost"]]
    tracker_s = sum(r["cost"]["tracker_alone_s"] for r in timed)
    return {
        "wall_s": wall_s,
        "workers": workers,
        "runs_per_minute": 60.0 * len(records) / wall_s if wall_s > 0 else None,
        "engine_plots_per_s": plots / engine_s if engine_s > 0 else None,
        "tracker_alone_plots_per_s": sum(r["cost"]["plots"] for r in timed) / tracker_s if tracker_s > 0 else None,
        "tracker_timed_runs": len(timed),
        "run_s": mean_ci(r["cost"]["run_s"] for r in records),
    }


def aggregate(records: Sequence[Mapping[str, Any]], wall_s: float, workers: int) -> dict[str, Any]:
    """`results` (deterministic for the seeds) and `cost` (wall-clock) of a suite's records."""
    return {
        "results": {
            "runs": len(records),
            "tracking": _tracking(records),
            "gospa_over_time": _gospa_over_time(records),
            "destinations": _destinations(records),
            "calibration": _calibration(records),
            "cues": _cues(records),
            "safety": _safety(records),
            "ladder": _ladder(records),
            "grounds": _grounds(records),
            "by_family": _by_family(records),
        },
        "cost": _cost(records, wall_s, workers),
    }
