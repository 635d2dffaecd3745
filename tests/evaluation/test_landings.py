"""Where aircraft really landed, destination top-1 at lead times and cue records."""

from __future__ import annotations

from interdict.bench.suites import document_of
from interdict.engine.destinations import Candidate, DestinationEstimate
from interdict.evaluation.landings import cue_records, destination_scores, landings
from interdict.evaluation.score import ScoredStep
from interdict.scenario.load import scenario_of


def _scenario():  # type: ignore[no-untyped-def]
    doc = document_of("silent_taxi", 2)  # taxi-silent lands at cm-silent-01 at t = 1500 s
    return scenario_of(doc, "generated")


def test_landings_are_strip_waypoints_after_flight() -> None:
    assert landings(_scenario()) == [("taxi-silent", "cm-silent-01", 1500.0)]


def _estimate(track_id: str, top: str) -> DestinationEstimate:
    return DestinationEstimate(track_id, 0.0, (Candidate(top, 0.8, 100.0),), 0.2, top)


def test_top1_uses_the_track_that_holds_the_aircraft() -> None:
    scenario = _scenario()
    times = [900.0, 1200.0, 1380.0, 1440.0]
    holders = [{"T1": "taxi-silent"}, {"T1": None, "T2": "taxi-silent"}, {"T2": "taxi-silent"}, {}]
    tops = [
        [_estimate("T1", "cm-silent-01")],
        [_estimate("T1", "cm-silent-01"), _estimate("T2", "cl-silent-01")],
        [_estimate("T2", "cm-silent-01")],
        [_estimate("T9", "cm-silent-01")],
    ]
    scored = [ScoredStep(t, h, ()) for t, h in zip(times, holders, strict=True)]
    (row,) = destination_scores(scenario, scored, tops)
    assert row["role"] == "civil" and row["strip"] == "cm-silent-01"
    # leads 600 (t 900: T1 holds it, right), 300 (t 1200: T2 holds it, wrong), 120 (t 1380: right),
    # 60 (t 1440: nobody holds it: a miss); 1800 and 1200 fall before the replay
    assert row["top1"] == {"600": True, "300": False, "120": True, "60": False}
    assert row["p_true"]["600"] == 0.8 and row["p_true"]["60"] == 0.0


def test_cue_records_lead_to_the_next_landing() -> None:
    scenario = _scenario()
    first = {"strip": "cl-silent-01", "t_s": 1200.0, "correct": False, "actionable": False}
    moved = {**first, "strip": "cl-other", "t_s": 1600.0}  # after its only landing
    report = {"aircraft": {"taxi-silent": {"role": "civil", "cues": [first, moved]}}}
    a, b = cue_records(scenario, report)
    assert a["lead_to_landing_s"] == 300.0 and a["correct"] is False and a["role"] == "civil"
    assert b["strip"] == "cl-other" and b["lead_to_landing_s"] is None
