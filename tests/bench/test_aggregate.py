"""Confidence intervals and the aggregate of run records."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from interdict.bench.aggregate import aggregate, ece_interval, mean_ci, wilson
from interdict.evaluation.calibration import expected_calibration_error, reliability


def test_mean_ci_is_students_t() -> None:
    x = [1.0, 2.0, 4.0, 7.0, float("nan"), None]
    ci = mean_ci(x)  # type: ignore[arg-type]
    lo, hi = stats.t.interval(0.95, 3, loc=3.5, scale=np.std([1, 2, 4, 7], ddof=1) / 2)
    assert ci["n"] == 4 and ci["mean"] == 3.5
    assert lo < 0 and ci["lo"] == 0.0 and ci["hi"] == pytest.approx(hi)  # a distance: never below zero
    signed = mean_ci(x, (-math.inf, math.inf))  # type: ignore[arg-type]
    assert signed["lo"] == pytest.approx(lo) and signed["hi"] == pytest.approx(hi)
    assert mean_ci([]) == {"mean": None, "lo": None, "hi": None, "sd": None, "n": 0}
    assert mean_ci([5.0])["lo"] is None


@given(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=30))
def test_mean_ci_stays_inside_the_quantitys_range_and_holds_the_mean(x: list[float]) -> None:
    for bounds in ((0.0, math.inf), (0.0, 1.0)):
        ci = mean_ci(x, bounds)
        assert bounds[0] <= ci["lo"] <= ci["mean"] <= ci["hi"] <= bounds[1]  # type: ignore[operator]


def test_wilson_known_values() -> None:
    w = wilson(0, 10)
    assert w["p"] == 0.0 and w["lo"] == 0.0 and w["hi"] == pytest.approx(0.2775, abs=1e-4)
    w = wilson(7, 10)
    assert (w["lo"], w["hi"]) == pytest.approx((0.3968, 0.8922), abs=1e-4)
    assert wilson(0, 0)["p"] is None


@given(k=st.integers(0, 500), extra=st.integers(0, 500))
def test_wilson_holds_its_proportion(k: int, extra: int) -> None:
    n = k + extra
    if n == 0:
        return
    w = wilson(k, n)
    assert 0.0 <= w["lo"] <= w["p"] <= w["hi"] <= 1.0  # type: ignore[operator]


def _record(run: int, family: str, *, harmed: bool = False) -> dict[str, object]:
    return {
        "index": run,
        "family": family,
        "seed": 10 + run,
        "aircraft": {"smuggler": 1, "civil": 1},
        "tracking": {"gospa_m": 100.0 * (run + 1), "rmse_m": float("nan") if run == 0 else 50.0},
        "gospa_by_bin": [10.0, None] if run else [30.0],
        "destinations": [
            {
                "aircraft": "s",
                "role": "smuggler",
                "strip": "cl",
                "t_land_s": 900.0,
                "top1": {"600": run % 2 == 0, "60": True},
                "p_true": {"600": 0.5, "60": 0.9},
                "forecasts": {"600": (0.5, run % 2 == 0), "60": (0.9, True)},
            },
        ],
        "cues": [
            {
                "aircraft": "s",
                "role": "smuggler",
                "strip": "cl",
                "t_s": 300.0,
                "correct": run != 1,
                "actionable": run == 0,
                "lead_to_landing_s": 600.0 if run != 2 else None,  # run 2: cued while already on the ground
            }
        ],
        "totals": {
            "wrongful_escalations": int(harmed),
            "civil_cued": 0,
            "civil_intercepted": int(harmed),
            "civil_instructed_to_land": 0,
            "state_cued": 0,
            "state_intercepted": 0,
            "state_instructed_to_land": 0,
            "refused_operator_actions": 2,
            "smugglers_cued": 1,
            "smugglers_cued_before_landing": int(run != 1),
            "sent_without_grounds": 0,
        },
        "ladder": {
            "s": {
                "role": "smuggler",
                "max_rung": "GROUND_CUE",
                "grounds": ["no_marks", *(["clandestine_origin"] if run else [])],
            },
            "c": {"role": "civil", "max_rung": None, "grounds": []},
        },
        "civil_harmed": ["c"] if harmed else [],
        "reproduce": f"interdict bench {family} --runs 1 --seed {10 + run}",
        "cost": {"plots": 1000, "scans": 10, "engine_s": 0.5, "run_s": 1.0},
    }


def test_aggregate_of_records() -> None:
    records = [_record(0, "a"), _record(1, "b", harmed=True), _record(2, "a")]
    agg = aggregate(records, wall_s=6.0, workers=2)
    res = agg["results"]
    assert res["tracking"]["gospa_m"]["mean"] == 200.0 and res["tracking"]["rmse_m"]["n"] == 2
    smuggler = res["destinations"]["smuggler"]
    assert smuggler["600"]["top1"]["k"] == 2 and smuggler["60"]["top1"]["p"] == 1.0
    assert res["destinations"]["smuggler"]["1800"]["top1"]["n"] == 0
    assert res["cues"]["precision"]["k"] == 2 and res["cues"]["precision"]["n"] == 3
    assert res["cues"]["precision_by_lead_s"]["600-1200"]["n"] == 2
    assert res["cues"]["actionable"]["k"] == 1 and res["cues"]["median_lead_s"] == 600.0
    calibration = res["calibration"]
    assert calibration["120-600"]["n"] == 3 and calibration["120-600"]["ece"] == pytest.approx(2 / 3 - 0.5)
    assert calibration["0-120"]["ece"] == pytest.approx(0.1) and calibration["600-1800"]["ece"] is None
    assert res["safety"]["wrongful_escalations"] == 1 and res["safety"]["civil_intercepted"] == 1
    (failure,) = res["safety"]["failures"]
    assert failure["seed"] == 11 and failure["reproduce"].endswith("--seed 11") and failure["aircraft"] == ["c"]
    assert res["ladder"] == {"smuggler": {"GROUND_CUE": 3}, "civil": {"never confirmed": 3}}
    assert res["grounds"] == {"smugglers_sent": 3, "by_ground": {"no_marks": 3, "clandestine_origin": 2}}
    assert res["gospa_over_time"][0]["mean"] == pytest.approx(50 / 3) and res["gospa_over_time"][1]["n"] == 0
    assert res["by_family"]["a"]["runs"] == 2 and res["by_family"]["b"]["civil_harm"] == 1
    assert agg["cost"]["runs_per_minute"] == 30.0 and agg["cost"]["engine_plots_per_s"] == 2000.0
    assert agg["cost"]["tracker_alone_plots_per_s"] is None
    assert math.isclose(res["safety"]["runs_without_civil_harm"]["p"], 2 / 3)


forecast_runs = st.lists(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), max_size=8), min_size=2, max_size=12)


@given(runs=forecast_runs)
def test_the_ece_bootstrap_resamples_runs_and_brackets_the_possible_values(
    runs: list[list[tuple[float, bool]]],
) -> None:
    """The interval lies within [0, 1], is the same on every call (fixed seed), is None with fewer
    than two runs holding forecasts, and collapses onto the ECE when every run is the same."""
    interval = ece_interval(runs)
    if sum(1 for run in runs if run) < 2:
        assert interval is None
        return
    assert interval is not None and 0.0 <= interval[0] <= interval[1] <= 1.0
    assert ece_interval(runs) == interval
    same = [runs[0] or [(0.7, True)]] * 3
    ece = expected_calibration_error(reliability(f for run in same for f in run))
    assert ece_interval(same) == pytest.approx([ece, ece])
