"""One benchmark run: its record, and the runs where the bench once found a civil aircraft scored as
escalated (a smuggler over a parked civil aircraft), kept as cases that must stay clean."""

from __future__ import annotations

import json
import math

import pytest

from interdict.bench.run import CIVIL_HARM, reproduce_command, run_one
from interdict.bench.suites import RunSpec
from interdict.evaluation.landings import LEADS_S


@pytest.mark.parametrize(
    "spec",
    [RunSpec(0, "traffic", 914), RunSpec(0, "traffic-busy", 388)],
    ids=["smuggler-coasting-over-a-parked-taxi", "smuggler-over-a-parked-taxi"],
)
def test_runs_the_bench_once_failed_stay_clean(spec: RunSpec) -> None:
    record = run_one(spec)
    assert record["civil_harmed"] == [] and all(record["totals"][k] == 0 for k in CIVIL_HARM)
    assert all(
        e["max_rung"] not in ("INTERCEPT_INSTRUCT", "GROUND_CUE")
        for e in record["ladder"].values()
        if e["role"] == "civil"
    )


def test_a_record_is_complete_and_json() -> None:
    record = run_one(RunSpec(3, "late_plan", 11, (("tracker.gate_d2", "16"),), time_tracker=True))
    text = json.dumps(record)  # JSON-ready (NaN allowed: a score without data)
    assert json.loads(text)["seed"] == 11
    assert record["reproduce"] == reproduce_command(RunSpec(3, "late_plan", 11, (("tracker.gate_d2", "16"),)))
    assert record["aircraft"] == {"smuggler": 0, "civil": 1}
    t = record["tracking"]
    assert 0 < t["rmse_m"] < t["raw_plot_error_m"] and t["truths"] == 1 and t["scans"] > 100
    assert math.isclose(t["gospa_m"], t["gospa_localisation_m"] + t["gospa_missed_m"] + t["gospa_false_m"])
    assert len(record["gospa_by_bin"]) == 8  # 2,400 s in 5-minute bins
    assert record["destinations"] == [] and record["cues"] == []  # it flies through, lands nowhere
    assert {"plots", "scans", "engine_s", "run_s", "tracker_alone_s"} <= set(record["cost"])
    assert set(LEADS_S) == {1800, 1200, 600, 300, 120, 60}


@pytest.mark.parametrize(
    "seed",
    [1187, 1282, 6172],
    ids=[
        "decoy-overflight-of-cl-00-to-land-at-cl-01",
        "firm-at-cruise-before-the-final-to-cl-00",
        "judged-slowing-at-cruise-from-an-overshooting-track-start",
    ],
)
def test_training_runs_where_a_firm_prediction_sent_police_to_the_wrong_strip(seed: int) -> None:
    """Training seeds (kept apart from the bench's) where a smuggler was cued, at cruise speed, to a
    strip it did not land on: 3-5 minutes out at a strip of its cluster (1187, 1282), or 21 minutes
    out at another cluster's, its cruise taken from its track's overshooting first speeds (6172).
    Now the cue waits until the aircraft really slows to land, and whatever is cued is where it landed."""
    record = run_one(RunSpec(0, "traffic", seed))
    cues = [c for c in record["cues"] if c["aircraft"] == "narco-0"]
    assert all(c["correct"] for c in cues)
