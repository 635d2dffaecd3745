"""Each safety check on hand-built evidence: pass, fail and unknown; the 2001 case."""

from __future__ import annotations

import numpy as np
import pytest

from interdict.identify import gather_evidence
from interdict.observations import (
    AtcContactAnswer,
    Dissent,
    FlightPlanAnswer,
    Phrase,
    RadioCall,
    RadioReply,
    Resolve,
    VisualIdReport,
)
from interdict.picture import picture_of
from interdict.rules import BASELINE
from interdict.safety import CHECKS, CheckContext, Verdict, run_checks
from interdict.scenario import load_scenario
from interdict.strips import Candidate, DestinationEstimate
from interdict.tracking import TrackState, TrackStatus

from .conftest import SCENARIOS

BOWERS = load_scenario(SCENARIOS / "bowers-2001.yaml")
PIC = picture_of(BOWERS)


def _track(status: TrackStatus = TrackStatus.CONFIRMED, mode_a: str | None = None) -> TrackState:
    e, n, _ = PIC.frame.point_to_enu(-3.35, -71.9, 0.0)  # near Pebas, flying west
    return TrackState(
        "T7", 1000.0, status, np.array([e, -70.0, n, -5.0]), np.eye(4) * 400.0, 0.0, 995.0, 40, 1370.0, 0.0, mode_a
    )


def _ctx(t_s: float = 1000.0, neighbours: dict[str, float] | None = None) -> CheckContext:
    return CheckContext(PIC, BASELINE, t_s, True, neighbours or {}, None)


def _checks(
    obs: list,
    track: TrackState | None = None,
    destination: DestinationEstimate | None = None,
    ctx: CheckContext | None = None,
) -> dict[str, object]:
    ev = gather_evidence(track or _track(), PIC, BASELINE, obs, t_s=1000.0, destination=destination)
    return {r.check_id: r for r in run_checks(ev, ctx or _ctx())}


def test_2001_flight_plan_not_asked_of_iquitos_is_unknown() -> None:
    r = _checks([FlightPlanAnswer(900.0, "T7", "lima-acc", ())])["SC-01"]
    assert r.verdict is Verdict.UNKNOWN and "query iquitos-twr" in r.resolve_hint
    assert r.actions[0].params["units"] == ["iquitos-twr"]


def test_flight_plan_held_by_iquitos_matches_and_fails() -> None:
    obs = [
        FlightPlanAnswer(900.0, "T7", u, tuple(p for p in BOWERS.flight_plans if u in p.held_by))
        for u in ("iquitos-twr", "lima-acc")
    ]
    checks = _checks(obs)
    assert checks["SC-01"].verdict is Verdict.FAIL and "OB1408" in checks["SC-01"].reason
    assert checks["SC-10"].verdict is Verdict.FAIL


def test_no_plan_anywhere_passes() -> None:
    obs = [FlightPlanAnswer(900.0, "T7", u, ()) for u in ("iquitos-twr", "lima-acc")]
    assert _checks(obs)["SC-01"].verdict is Verdict.PASS


def test_stale_negative_does_not_count() -> None:
    obs = [FlightPlanAnswer(10.0, "T7", u, ()) for u in ("iquitos-twr", "lima-acc")]
    assert _checks(obs)["SC-01"].verdict is Verdict.UNKNOWN


def test_2001_calls_on_the_wrong_frequency_leave_sc03_blocking() -> None:
    calls = [RadioCall(t, "T7", 123.45, "es") for t in (100.0, 200.0, 300.0)]
    r = _checks(calls)["SC-03"]
    assert r.verdict is Verdict.UNKNOWN
    assert "118.1 MHz (iquitos-twr)" in r.resolve_hint and "121.5 MHz" in r.resolve_hint


def test_complete_radio_attempts_pass() -> None:
    calls = [
        RadioCall(t, "T7", f, lang) for f in (121.5, 118.1, 128.3) for lang in ("es", "en") for t in (100.0, 200.0)
    ]
    checks = _checks(calls)
    assert checks["SC-03"].verdict is Verdict.PASS and checks["SC-07"].verdict is Verdict.PASS


def test_atc_contact_fails_and_names_the_frequency() -> None:
    obs = [
        AtcContactAnswer(900.0, "T7", "iquitos-twr", True, "OB1408"),
        AtcContactAnswer(900.0, "T7", "lima-acc", False, None),
    ]
    r = _checks(obs)["SC-02"]
    assert r.verdict is Verdict.FAIL and "118.1 MHz" in r.resolve_hint


def test_repeat_reply_is_not_a_confirmation() -> None:
    obs = [RadioCall(900.0, "T7", 118.1, "en"), RadioReply(915.0, "T7", 118.1, "en", Phrase.REPEAT, "OB1408")]
    assert _checks(obs)["SC-04"].verdict is Verdict.UNKNOWN


def test_registration_read_and_registry_civil_indicator() -> None:
    checks = _checks([VisualIdReport(900.0, "T7", "OB-1408", "C185", True)])
    assert checks["SC-05"].verdict is Verdict.PASS and "ABWE" in checks["SC-05"].reason
    assert checks["SC-10"].verdict is Verdict.FAIL
    assert _checks([])["SC-05"].verdict is Verdict.UNKNOWN


def test_civil_indicator_resolved_in_writing_by_a_named_authority() -> None:
    obs = [
        VisualIdReport(900.0, "T7", "OB-1408", "C185", True),
        Resolve(950.0, "T7", "SC-10", "called the operator", ""),
    ]
    assert _checks(obs)["SC-10"].verdict is Verdict.FAIL  # no name: does not count
    obs[1] = Resolve(950.0, "T7", "SC-10", "aircraft sold, register outdated", "Cmdr. FAP Ops")
    assert _checks(obs)["SC-10"].verdict is Verdict.PASS


def test_dissent_blocks_until_resolved() -> None:
    d = Dissent(900.0, "T7", "safety monitor", "profile looks civil")
    assert _checks([d])["SC-12"].verdict is Verdict.FAIL
    assert _checks([d, Resolve(950.0, "T7", "SC-12", "reviewed", "Gen. X")])["SC-12"].verdict is Verdict.PASS


@pytest.mark.parametrize("squawk", ["7700", "7600", "7500"])
def test_emergency_squawk_forces_de_escalation(squawk: str) -> None:
    assert _checks([], track=_track(mode_a=squawk))["SC-11"].verdict is Verdict.FAIL


def test_medevac_mayday() -> None:
    obs = [RadioReply(950.0, "T7", 121.5, "es", Phrase.MAYDAY, None)]
    assert _checks(obs)["SC-11"].verdict is Verdict.FAIL


def test_track_quality_and_ambiguity() -> None:
    assert _checks([], ctx=_ctx(neighbours={"T9": 1200.0}))["SC-15"].verdict is Verdict.FAIL
    assert _checks([], track=_track(TrackStatus.TENTATIVE))["SC-15"].verdict is Verdict.UNKNOWN
    assert _checks([])["SC-15"].verdict is Verdict.PASS


@pytest.mark.parametrize(("strip", "p", "verdict"), [("SPQT", 0.9, Verdict.FAIL), ("rv-pebas", 0.9, Verdict.FAIL)])
def test_ground_cue_never_at_registered_or_river(strip: str, p: float, verdict: Verdict) -> None:
    dest = DestinationEstimate("T7", 1000.0, (Candidate(strip, p, 2000.0),), 1 - p, strip)
    assert _checks([], destination=dest)["SC-17"].verdict is verdict
    assert _checks([])["SC-17"].verdict is Verdict.UNKNOWN


def test_innocent_profile_blocks() -> None:
    dest = DestinationEstimate("T7", 1000.0, (Candidate("SPQT", 0.9, 2000.0),), 0.1, "SPQT")
    r = _checks([], destination=dest)["SC-09"]
    assert r.verdict is Verdict.FAIL and "registered aerodrome" in r.reason


def test_every_check_names_id_reason_requirement() -> None:
    for cid, r in _checks([]).items():
        assert r.check_id == cid and r.reason and r.requirement.startswith(cid)
    assert len(CHECKS) == 18


def test_unaudited_engine_fails_sc18() -> None:
    ctx = CheckContext(PIC, BASELINE, 1000.0, False, {}, None)
    assert _checks([], ctx=ctx)["SC-18"].verdict is Verdict.FAIL


def test_escape_risk_never_compresses() -> None:
    ctx = CheckContext(PIC, BASELINE, 1000.0, True, {}, 120.0)
    r = _checks([], ctx=ctx)["SC-08"]
    assert r.verdict is Verdict.FAIL and "hand off" in r.resolve_hint


def test_passing_checks_carry_no_hint_or_action_and_do_not_block() -> None:
    for r in _checks([]).values():
        assert r.blocks is (r.verdict is not Verdict.PASS)
        if r.verdict is Verdict.PASS:
            assert r.resolve_hint == "" and r.actions == ()
        assert r.t_s == 1000.0


def test_defaults_and_action_keys() -> None:
    from interdict.safety import Action, CheckResult

    plain = CheckResult("SC-99", Verdict.PASS, "r", "q")
    assert (plain.t_s, plain.resolve_hint, plain.actions, plain.blocks) == (0.0, "", (), False)
    assert CheckResult("SC-99", Verdict.UNKNOWN, "r", "q").blocks
    assert Action("visual_id").params == {} and Action("visual_id").key() == "visual_id:"
    call = Action("radio_call", {"language": "es", "frequency_mhz": 121.5})
    assert call.key() == "radio_call:frequency_mhz=121.5,language=es"


def test_written_resolution_only_where_allowed() -> None:
    fp = [FlightPlanAnswer(900.0, "T7", "lima-acc", ())]
    assert _checks([*fp, Resolve(950.0, "T7", "SC-01", "phoned Iquitos", "")])["SC-01"].verdict is Verdict.UNKNOWN
    r = _checks([*fp, Resolve(950.0, "T7", "SC-01", "phoned Iquitos", "Maj. Ruiz")])["SC-01"]
    assert r.verdict is Verdict.PASS and "Maj. Ruiz" in r.reason and r.resolve_hint == ""
    distress = [RadioReply(950.0, "T7", 121.5, "es", Phrase.MAYDAY, None), Resolve(960.0, "T7", "SC-11", "x", "Gen. X")]
    assert _checks(distress)["SC-11"].verdict is Verdict.FAIL  # distress can never be overridden
