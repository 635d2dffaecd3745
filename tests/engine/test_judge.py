"""Operator procedures are judged against the current recommendation before they are carried out."""

from __future__ import annotations

import numpy as np
import pytest

from interdict.contract.observations import VisualIdReport
from interdict.contract.procedures import (
    CueGround,
    Dissent,
    InstructLand,
    InterceptSignal,
    Procedure,
    QueryFlightPlans,
    RadioCall,
    VisualId,
)
from interdict.engine.evidence import gather_evidence
from interdict.engine.judge import judge_procedure
from interdict.engine.ladder import Rung, recommend
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Action, CheckResult, Verdict
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS

PIC = picture_of(load_scenario(SCENARIOS / "samair-medevac.yaml"))  # SPCL runway, two rivers, a clandestine strip


def _track() -> TrackState:
    return TrackState(
        track_id="T1",
        t_s=1000.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([0.0, 50.0, 0.0, 0.0]),
        P=np.eye(4) * 100.0,
        created_t_s=0.0,
        last_update_t_s=995.0,
        n_updates=40,
    )


def _results(**verdicts: Verdict) -> tuple[CheckResult, ...]:
    out = []
    for i in range(1, 26):
        cid = f"SC-{i:02d}"
        v = verdicts.get(cid.replace("-", "_"), Verdict.PASS)
        actions = (Action("cue_ground", {"strip": "cl-aguaytia-02"}),) if cid == "SC-17" else ()
        out.append(CheckResult(cid, v, "r", cid, "" if v is Verdict.PASS else "h", actions, 1000.0))
    return tuple(out)


def _judge(p: Procedure, rung: Rung, floats: bool | None = False, **verdicts: Verdict):  # type: ignore[no-untyped-def]
    results = _results(**verdicts)
    rec = recommend("T1", rung, results, 1000.0)
    obs = [VisualIdReport(900.0, "T1", None, "C206", floats)]
    ev = gather_evidence(_track(), PIC, BASELINE, obs, t_s=1000.0)
    return judge_procedure(p, rec, ev, {r.check_id: r for r in results}, PIC)


@pytest.mark.parametrize(
    "p", [QueryFlightPlans(1.0, "T1", ("lima-acc",)), RadioCall(1.0, "T1", 121.5, "es"), Dissent(1.0, "T1", "a", "b")]
)
def test_gathering_evidence_is_always_allowed(p: Procedure) -> None:
    assert _judge(p, Rung.MONITOR, SC_15=Verdict.FAIL).allowed


def test_interception_signals_while_the_engine_holds_are_refused_with_the_blocks() -> None:
    j = _judge(InterceptSignal(1.0, "T1", 1), Rung.IDENTIFY, SC_01=Verdict.UNKNOWN, SC_10=Verdict.FAIL)
    assert not j.allowed and "holds T1 at IDENTIFY" in j.reason and "SC-10" in [b.check_id for b in j.blocked_by]
    assert not _judge(VisualId(1.0, "T1"), Rung.RADIO_CONTACT, SC_03=Verdict.UNKNOWN).allowed


def test_a_cue_goes_only_to_the_predicted_clandestine_strip() -> None:
    assert _judge(CueGround(1.0, "T1", "cl-aguaytia-02"), Rung.RADIO_CONTACT).allowed  # the ladder grants GROUND_CUE
    j = _judge(CueGround(1.0, "T1", "rv-cashibococha"), Rung.RADIO_CONTACT)
    assert not j.allowed and "cl-aguaytia-02" in j.reason


def test_an_aerodrome_must_suit_the_aircraft() -> None:
    air = {"SC_17": Verdict.UNKNOWN}  # no strip predicted: the ladder takes the air branch to INTERCEPT_INSTRUCT
    land_plane = _judge(InstructLand(1.0, "T1", "SPCL"), Rung.VISUAL_ID, floats=False, **air)
    assert land_plane.allowed
    floatplane = _judge(InstructLand(1.0, "T1", "SPCL"), Rung.VISUAL_ID, floats=True, **air)
    assert not floatplane.allowed and "floatplane needs water" in floatplane.reason
    assert _judge(InstructLand(1.0, "T1", "rv-cashibococha"), Rung.VISUAL_ID, floats=True, **air).allowed
    unknown = _judge(InstructLand(1.0, "T1", "rv-cashibococha"), Rung.VISUAL_ID, floats=None, **air)
    assert not unknown.allowed and "not known" in unknown.reason
    clandestine = _judge(InstructLand(1.0, "T1", "cl-aguaytia-02"), Rung.VISUAL_ID, floats=False, **air)
    assert not clandestine.allowed
    waiting = _judge(InstructLand(1.0, "T1", "SPCL"), Rung.VISUAL_ID, floats=False, SC_06=Verdict.UNKNOWN, **air)
    assert not waiting.allowed


def test_nothing_is_sent_after_a_track_that_is_not_confirmed() -> None:
    j = judge_procedure(InterceptSignal(1.0, "T9", 1), None, None, {}, PIC)
    assert not j.allowed and "not a confirmed track" in j.reason


def test_what_the_operator_reads_for_each_judgement() -> None:
    """The wording is part of the contract (operators read it in the timeline and the audit)."""
    q = QueryFlightPlans(1.0, "T1", ("lima-acc",))
    j = _judge(q, Rung.MONITOR)
    assert (j.procedure, j.allowed, j.reason, j.blocked_by) == (q, True, "gathers evidence or records a decision", ())
    v = VisualId(1.0, "T1")
    held = _judge(v, Rung.IDENTIFY, SC_01=Verdict.UNKNOWN, SC_03=Verdict.UNKNOWN)
    assert held.procedure is v and held.allowed is False
    assert held.reason == "the engine holds T1 at IDENTIFY; VISUAL_ID is blocked by SC-01, SC-03"
    assert [b.check_id for b in held.blocked_by] == ["SC-01", "SC-03"] and held.blocked_by[0].t_s == 1000.0
    skip = _judge(InterceptSignal(1.0, "T1", 1), Rung.MONITOR)  # every check passes: still one rung at a time
    assert (
        skip.reason == "the engine holds T1 at IDENTIFY; INTERCEPT_INSTRUCT is blocked by the one-rung-at-a-time rule"
    )
    cue = CueGround(1.0, "T1", "rv-cashibococha")
    wrong = _judge(cue, Rung.RADIO_CONTACT)
    assert (wrong.procedure, wrong.allowed, wrong.blocked_by) == (cue, False, ())
    assert wrong.reason == "the predicted clandestine strip is cl-aguaytia-02, not rv-cashibococha"
    ok = _judge(CueGround(1.0, "T1", "cl-aguaytia-02"), Rung.RADIO_CONTACT)
    assert (ok.allowed, ok.reason) == (True, "CueGround allowed at GROUND_CUE")
    air = {"SC_17": Verdict.UNKNOWN}
    land = InstructLand(1.0, "T1", "SPCL")
    window = _judge(land, Rung.VISUAL_ID, floats=False, SC_06=Verdict.UNKNOWN, **air)
    assert (window.procedure, window.allowed) == (land, False)
    assert window.reason == "series 1 not yet answered and its response window still running"
    assert [b.check_id for b in window.blocked_by] == ["SC-06"]
    cannot = _judge(land, Rung.VISUAL_ID, floats=False, SC_06=Verdict.FAIL, **air)
    assert cannot.reason == "the engine holds T1 at VISUAL_ID; INTERCEPT_INSTRUCT is blocked by SC-06"
    float_ = _judge(land, Rung.VISUAL_ID, floats=True, **air)
    assert (float_.procedure, float_.allowed, float_.blocked_by) == (land, False, ())
    assert float_.reason == "SPCL is a registered strip: a floatplane needs water (Annex 2 App. 2)"
    land_plane = _judge(InstructLand(1.0, "T1", "rv-cashibococha"), Rung.VISUAL_ID, floats=False, **air)
    assert (
        land_plane.reason
        == "rv-cashibococha is a river strip: a land plane needs a registered aerodrome (Annex 2 App. 2)"
    )
    nowhere = _judge(InstructLand(1.0, "T1", "SKBO"), Rung.VISUAL_ID, floats=False, **air)
    assert (
        nowhere.reason
        == "SKBO is not in the strip database: a land plane needs a registered aerodrome (Annex 2 App. 2)"
    )
    unknown = _judge(land, Rung.VISUAL_ID, floats=None, **air)
    assert unknown.reason == "whether the aircraft has floats is not known: no aerodrome can be designated"
    nothing = judge_procedure(land, None, None, {}, PIC)
    assert (nothing.procedure, nothing.allowed) == (land, False)
    assert nothing.reason == "T1 is not a confirmed track: nothing may be sent after it"


def test_floats_come_from_the_register_when_the_crew_could_not_tell() -> None:
    from interdict.scenario.document import Scenario

    data = load_scenario(SCENARIOS / "samair-medevac.yaml").model_dump(mode="json")
    pic = picture_of(Scenario.model_validate(data))  # OB-1962 is registered with floats
    results = _results(SC_17=Verdict.UNKNOWN)
    rec = recommend("T1", Rung.VISUAL_ID, results, 1000.0)
    by_id = {r.check_id: r for r in results}
    ev = gather_evidence(_track(), pic, BASELINE, [VisualIdReport(900.0, "T1", "OB-1962", "C206", None)], t_s=1000.0)
    assert not judge_procedure(InstructLand(1.0, "T1", "SPCL"), rec, ev, by_id, pic).allowed
    assert judge_procedure(InstructLand(1.0, "T1", "rv-cashibococha"), rec, ev, by_id, pic).allowed
    # the crew's own reading wins over the register
    ev = gather_evidence(_track(), pic, BASELINE, [VisualIdReport(900.0, "T1", "OB-1962", "C206", False)], t_s=1000.0)
    assert judge_procedure(InstructLand(1.0, "T1", "SPCL"), rec, ev, by_id, pic).allowed
    # a recommendation without evidence (or evidence without one) sends nobody
    assert not judge_procedure(InstructLand(1.0, "T1", "SPCL"), rec, None, by_id, pic).allowed
    assert not judge_procedure(InstructLand(1.0, "T1", "SPCL"), None, ev, by_id, pic).allowed


def test_missing_results_and_evidence_never_send_anyone() -> None:
    air = {"SC_17": Verdict.UNKNOWN}
    results = {r.check_id: r for r in _results(**air) if r.check_id not in ("SC-06", "SC-17")}
    rec = recommend("T1", Rung.VISUAL_ID, tuple(results.values()), 1000.0)
    assert rec.rung is Rung.INTERCEPT_INSTRUCT
    ev = gather_evidence(_track(), PIC, BASELINE, [VisualIdReport(900.0, "T1", None, "C206", False)], t_s=1000.0)
    j = judge_procedure(InstructLand(1.0, "T1", "SPCL"), rec, ev, results, PIC)
    assert not j.allowed and j.blocked_by == ()  # no SC-06 result: series 1 not answered
    cue = judge_procedure(
        CueGround(1.0, "T1", "cl-aguaytia-02"), recommend("T1", Rung.GROUND_CUE, _results(), 1000.0), ev, results, PIC
    )
    assert not cue.allowed and cue.reason == "the predicted clandestine strip is None, not cl-aguaytia-02"
    no_visual = gather_evidence(_track(), PIC, BASELINE, [], t_s=1000.0)
    land = InstructLand(1.0, "T1", "SPCL")
    assert not judge_procedure(land, rec, no_visual, {**results, **{r.check_id: r for r in _results()}}, PIC).allowed
    held = recommend("T1", Rung.IDENTIFY, tuple(r for r in _results() if r.check_id != "SC-03"), 1000.0)
    missing = judge_procedure(VisualId(1.0, "T1"), held, ev, {}, PIC)
    assert [b.check_id for b in missing.blocked_by][:2] == ["SC-01", "SC-02"]
    assert all(b.verdict is Verdict.UNKNOWN and b.t_s == held.t_s for b in missing.blocked_by)
    allowed = _judge(land, Rung.VISUAL_ID, floats=False, **air)
    assert (
        allowed.allowed and allowed.procedure is land and allowed.reason == "InstructLand allowed at INTERCEPT_INSTRUCT"
    )


def _meet(aerodrome: str, p: float = 0.8, **verdicts: Verdict):  # type: ignore[no-untyped-def]
    from interdict.contract.procedures import MeetOnArrival
    from interdict.engine.destinations import Candidate, DestinationEstimate

    results = _results(**verdicts)
    rec = recommend("T1", Rung.VISUAL_ID, results, 1000.0)
    where = DestinationEstimate("T1", 1000.0, (Candidate(aerodrome, p, 1500.0),), 1.0 - p, aerodrome)
    obs = [VisualIdReport(900.0, "T1", "OB-1962", "C206", False)]
    ev = gather_evidence(_track(), PIC, BASELINE, obs, t_s=1000.0, destination=where)
    return judge_procedure(MeetOnArrival(1000.0, "T1", aerodrome), rec, ev, {r.check_id: r for r in results}, PIC)


def test_police_meet_an_aircraft_on_arrival_only_at_a_registered_aerodrome_it_is_bound_for() -> None:
    assert _meet("SPCL").allowed and "no one at risk in the air" in _meet("SPCL").reason
    assert not _meet("cl-aguaytia-02").allowed  # a clandestine strip is a cue, judged by SC-17
    assert not _meet("SPCL", p=0.01).allowed  # not where it is going
    assert not _meet("SPCL", SC_11=Verdict.FAIL).allowed  # distress or medevac: assist it


def test_the_release_is_allowed_at_any_rung_and_the_intercepted_aircraft_signals_never() -> None:
    assert _judge(InterceptSignal(1.0, "T1", 2), Rung.MONITOR, SC_15=Verdict.FAIL).allowed
    for series in (4, 5, 6):
        assert not _judge(InterceptSignal(1.0, "T1", series), Rung.INTERCEPT_INSTRUCT).allowed
