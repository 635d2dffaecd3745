"""The engine never reads truth: no truth types in its signatures (the import contracts are in
test_architecture.py); a step without plots; judging against the last output."""

from __future__ import annotations

import dataclasses
import inspect

from interdict.contract.picture import Picture
from interdict.engine.assess import Assessment
from interdict.engine.engine import Engine
from interdict.engine.ladder import Recommendation, Rung
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS, make_recommendation, make_track

VRAEM_PIC = picture_of(load_scenario(SCENARIOS / "vraem-shuttle.yaml"))
ENGINE = Engine(VRAEM_PIC)


def test_engine_signatures_take_no_truth() -> None:
    params = inspect.signature(Engine.__init__).parameters
    assert params["picture"].annotation in (Picture, "Picture")
    for name in ("step", "initial_state"):
        for p in inspect.signature(getattr(Engine, name)).parameters.values():
            assert not any(word in str(p.annotation) for word in ("Scenario", "AircraftSpec", "Trajectory", "Truth"))
    assert not {f.name for f in dataclasses.fields(Picture)} & {"aircraft", "operator"}


def test_engine_steps_without_plots() -> None:
    engine = Engine(picture_of(load_scenario(SCENARIOS / "crossing-pair.yaml")))
    state = engine.initial_state()
    state, out = engine.step(state, [], [], 10.0)
    assert out.tracks == () and out.recommendations == () and state.t_s == 10.0


def test_the_engine_judges_against_its_last_output() -> None:
    from interdict.contract.procedures import InterceptSignal, QueryFlightPlans

    state = ENGINE.initial_state()
    _, out = ENGINE.step(state, [], [], 10.0)
    judged = ENGINE.judge(out, [InterceptSignal(10.0, "T1", 1), QueryFlightPlans(10.0, "T1", ("lima-acc",))])
    assert [j.allowed for j in judged] == [False, True]
    assert judged[0].reason == "T1 is not a confirmed track: nothing may be sent after it"


def test_the_audit_record_of_an_assessment_carries_results_only_when_they_change() -> None:
    from interdict.engine.engine import _assessment_record, _where
    from interdict.engine.safety import CheckResult, Verdict

    state = ENGINE.initial_state()
    _, out = ENGINE.step(state, [], [], 10.0)
    assert out.audit == ()  # nothing observed, no live track: nothing to record
    check = CheckResult("SC-01", Verdict.UNKNOWN, "not asked", "SC-01; F1", t_s=10.0)
    rec = make_recommendation(track_id="T3", t_s=10.0)
    a = dataclasses.replace(_fake_assessment(rec), checks=(check,))
    where = _where(VRAEM_PIC.frame, make_track(track_id="T3", t_s=10.0))
    assert set(where) == {"status", "lat_deg", "lon_deg", "alt_m", "speed_mps", "course_deg"}
    first, sha = _assessment_record(a, "", where)
    assert first["track_id"] == "T3" and first["results"] == (check,) and first["results_sha256"] == sha
    assert first["track"] == where
    again, same = _assessment_record(a, sha, where)
    assert same == sha and again["results"] == "unchanged" and again["recommendation"] is rec
    other = dataclasses.replace(a, checks=(dataclasses.replace(check, verdict=Verdict.PASS),))
    assert _assessment_record(other, sha, where)[1] != sha


def _fake_assessment(rec: Recommendation) -> Assessment:
    from interdict.engine.evidence import gather_evidence
    from interdict.engine.identity import IdentityFile
    from interdict.engine.lineage import TrackMemory
    from interdict.engine.rules import BASELINE

    track = make_track(track_id="T3", t_s=10.0)
    ev = gather_evidence(track, VRAEM_PIC, BASELINE, [], t_s=10.0)
    return Assessment(TrackMemory(Rung.MONITOR, IdentityFile("T3")), ev, (), rec, ())
