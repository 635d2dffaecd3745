"""Each safety check on hand-built evidence: pass, fail and unknown; the 2001 case."""

from __future__ import annotations

import dataclasses
from typing import Any

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from interdict.contract.observations import (
    AtcContactAnswer,
    FlightPlanAnswer,
    InterceptReply,
    InterceptResponse,
    Phrase,
    RadioReply,
    VisualIdReport,
)
from interdict.contract.procedures import Dissent, RadioCall, Resolve
from interdict.engine.destinations import Candidate, DestinationEstimate
from interdict.engine.evidence import gather_evidence
from interdict.engine.rules import BASELINE
from interdict.engine.safety import CHECKS, Action, CheckContext, CheckResult, Verdict, run_checks
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS, make_track

BOWERS = load_scenario(SCENARIOS / "bowers-2001.yaml")
PIC = picture_of(BOWERS)


def _track(status: TrackStatus = TrackStatus.CONFIRMED, mode_a: str | None = None) -> TrackState:
    e, n, _ = PIC.frame.point_to_enu(-3.35, -71.9, 0.0)  # near Pebas, flying west
    return TrackState(
        track_id="T7",
        t_s=1000.0,
        status=status,
        x=np.array([e, -70.0, n, -5.0]),
        P=np.eye(4) * 400.0,
        created_t_s=0.0,
        last_update_t_s=995.0,
        n_updates=40,
        alt_m=1370.0,
        alt_rate_mps=0.0,
        mode_a=mode_a,
    )


def _plain(**changes: Any) -> TrackState:
    """The test track without altitude or squawk: confirmed, 40 updates, last 5 s ago, sigma 20 m."""
    base = {"track_id": "T7", "t_s": 1000.0, "x": _track().x, "P": np.eye(4) * 400.0, "last_update_t_s": 995.0}
    return make_track(**(base | {"n_updates": 40} | changes))


def _ctx(t_s: float = 1000.0, neighbours: dict[str, float] | None = None) -> CheckContext:
    return CheckContext(PIC, BASELINE, t_s, True, neighbours or {}, None)


def _checks(
    obs: list,
    track: TrackState | None = None,
    destination: DestinationEstimate | None = None,
    ctx: CheckContext | None = None,
) -> dict[str, object]:
    ctx = ctx or _ctx()
    ev = gather_evidence(track or _track(), PIC, BASELINE, obs, t_s=1000.0, destination=destination)
    results = run_checks(ev, ctx)
    assert [r.check_id for r in results] == list(CHECKS)
    for r in results:  # every result is complete; every block says what would resolve it
        assert isinstance(r.verdict, Verdict) and r.requirement.startswith(r.check_id)
        assert isinstance(r.reason, str) and r.reason and r.t_s == ctx.t_s
        assert isinstance(r.resolve_hint, str) and all(isinstance(a, Action) for a in r.actions)
        assert r.verdict is Verdict.PASS or r.resolve_hint
    return {r.check_id: r for r in results}


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
        RadioCall(t, "T7", f, lang)
        for f in (121.5, 243.0, 118.1, 128.3)
        for lang in ("es", "en")
        for t in (100.0, 200.0)
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


def test_dissent_blocks_and_names_its_fact() -> None:
    d = Dissent(900.0, "T7", "safety monitor", "profile looks civil")
    assert _checks([d])["SC-12"].verdict is Verdict.FAIL
    # a resolution never acts inside the checks: resolutions.py applies it to the FAIL's facts
    r = _checks([d, Resolve(950.0, "T7", "SC-12", "reviewed", "Gen. X")])["SC-12"]
    assert r.verdict is Verdict.FAIL and r.facts == ("dissent by safety monitor at t = 900 s: profile looks civil",)


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
    assert len(CHECKS) == 25


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
    from interdict.engine.safety import Action, CheckResult

    plain = CheckResult("SC-99", Verdict.PASS, "r", "q")
    assert (plain.t_s, plain.resolve_hint, plain.actions, plain.blocks) == (0.0, "", (), False)
    assert CheckResult("SC-99", Verdict.UNKNOWN, "r", "q").blocks
    assert Action("visual_id").params == {} and Action("visual_id").key() == "visual_id:"
    call = Action("radio_call", {"language": "es", "frequency_mhz": 121.5})
    assert call.key() == "radio_call:frequency_mhz=121.5,language=es"


UNITS = ("iquitos-twr", "lima-acc")
ALL_CALLS = [
    RadioCall(t, "T7", f, lang) for f in (121.5, 243.0, 118.1, 128.3) for lang in ("es", "en") for t in (100.0, 200.0)
]


def test_sc01_sc02_pass_when_every_unit_answered_in_time() -> None:
    obs = [FlightPlanAnswer(100.0, "T7", u, ()) for u in UNITS] + [
        AtcContactAnswer(100.0, "T7", u, False, None) for u in UNITS
    ]
    checks = _checks(obs)  # exactly query_max_age_s (900 s) old still counts
    assert checks["SC-01"].verdict is Verdict.PASS and "all 2 ATS units" in checks["SC-01"].reason
    assert checks["SC-02"].verdict is Verdict.PASS
    stale = [AtcContactAnswer(99.0, "T7", u, False, None) for u in UNITS]
    r = _checks(stale)["SC-02"]
    assert r.verdict is Verdict.UNKNOWN and r.actions == (Action("query_atc_contact", {"units": list(UNITS)}),)
    assert "iquitos-twr, lima-acc" in r.reason and r.resolve_hint.startswith("ask iquitos-twr, lima-acc")


def test_sc02_contact_suggests_a_call_on_the_units_frequency() -> None:
    r = _checks([AtcContactAnswer(900.0, "T7", "iquitos-twr", True, None)])["SC-02"]
    assert r.actions == (Action("radio_call", {"frequency_mhz": 118.1, "language": "es"}),)
    assert "iquitos-twr (callsign unknown)" in r.reason


def test_sc03_counts_spacing_languages_and_asks_only_what_is_due() -> None:
    close = [RadioCall(t, "T7", 121.5, "es") for t in (100.0, 110.0)]  # 10 s apart: one attempt
    r = _checks(close)["SC-03"]
    assert "121.5 MHz es 1/2" in r.reason and "118.1 MHz en 0/2" in r.reason
    assert Action("radio_call", {"frequency_mhz": 121.5, "language": "es"}) in r.actions
    recent = [RadioCall(990.0, "T7", 121.5, "es")]  # called 10 s ago: not due again yet
    assert Action("radio_call", {"frequency_mhz": 121.5, "language": "es"}) not in _checks(recent)["SC-03"].actions
    portuguese = [c if c.language == "es" else RadioCall(c.t_s, c.track_id, c.frequency_mhz, "pt") for c in ALL_CALLS]
    assert _checks(portuguese)["SC-03"].verdict is Verdict.PASS  # pt stands in for en
    only_es = [c for c in ALL_CALLS if c.language == "es"]
    assert _checks(only_es)["SC-03"].verdict is Verdict.UNKNOWN


def test_sc04_sc07_branches() -> None:
    assert _checks([])["SC-07"].verdict is Verdict.UNKNOWN and _checks([])["SC-04"].verdict is Verdict.UNKNOWN
    lost = [RadioCall(900.0, "T7", 118.1, "es"), RadioReply(915.0, "T7", 118.1, "es", Phrase.AM_LOST, None)]
    r = _checks(lost)["SC-04"]
    assert r.verdict is Verdict.UNKNOWN and r.actions == (
        Action("radio_call", {"frequency_mhz": 118.1, "language": "en"}),
    )
    fine = [RadioCall(900.0, "T7", 118.1, "es"), RadioReply(915.0, "T7", 118.1, "es", Phrase.CALL_SIGN, "OB1408")]
    assert _checks(fine)["SC-04"].verdict is Verdict.PASS
    assert _checks([RadioCall(940.0, "T7", 121.5, "es")])["SC-07"].verdict is Verdict.PASS  # exactly 60 s
    assert _checks([RadioCall(941.0, "T7", 121.5, "es")])["SC-07"].verdict is Verdict.UNKNOWN


def test_sc05_no_marks_and_sc06_interception_branches() -> None:
    from interdict.contract.observations import InterceptReply, InterceptResponse
    from interdict.contract.procedures import InterceptSignal

    r = _checks([VisualIdReport(900.0, "T7", None, "C210", False)])["SC-05"]
    assert r.verdict is Verdict.PASS and "no registration marks" in r.reason
    assert _checks([VisualIdReport(900.0, "T7", "CP-2890", "C210", False)])["SC-05"].reason.endswith(
        "not in the civil register"
    )
    none = _checks([])["SC-06"]
    assert none.verdict is Verdict.UNKNOWN and none.actions == (Action("intercept_signal", {"series": 1}),)
    assert _checks([InterceptSignal(900.0, "T7", 1)])["SC-06"].verdict is Verdict.UNKNOWN  # 100 s of 120 s
    once = _checks([InterceptSignal(880.0, "T7", 1)])["SC-06"]  # unanswered once: perhaps not seen
    assert once.verdict is Verdict.UNKNOWN and "not have seen" in once.reason
    assert once.actions == (Action("intercept_signal", {"series": 1}),)
    twice = [InterceptSignal(700.0, "T7", 1), InterceptSignal(860.0, "T7", 1)]
    assert _checks(twice)["SC-06"].verdict is Verdict.PASS  # repeated from another position, timed out again
    close = [InterceptSignal(800.0, "T7", 1), InterceptSignal(860.0, "T7", 1)]
    assert _checks(close)["SC-06"].verdict is Verdict.UNKNOWN  # a repeat within the window is no second look
    release = _checks([InterceptSignal(700.0, "T7", 1), InterceptSignal(800.0, "T7", 2)])["SC-06"]
    assert release.verdict is Verdict.FAIL and "series 2" in release.reason  # the release ends it
    answered = [
        InterceptSignal(950.0, "T7", 1),
        InterceptResponse(980.0, "T7", 1, InterceptReply.SERIES_5_CANNOT_COMPLY),
    ]
    r = _checks(answered)["SC-06"]  # series 5: interception instructions stop (no instruction to land)
    assert r.verdict is Verdict.FAIL and "cannot comply" in r.reason and "do not repeat" in r.resolve_hint
    followed = [InterceptSignal(950.0, "T7", 1), InterceptResponse(980.0, "T7", 1, InterceptReply.ROCKS_WINGS_FOLLOWS)]
    r = _checks(followed)["SC-06"]
    assert r.verdict is Verdict.PASS and "ROCKS_WINGS_FOLLOWS" in r.reason
    cannot = [RadioCall(900.0, "T7", 121.5, "es"), RadioReply(915.0, "T7", 121.5, "es", Phrase.CAN_NOT, None)]
    assert _checks([*followed, *cannot])["SC-06"].verdict is Verdict.FAIL


def test_sc08_sc09_sc16_pass_branches() -> None:
    assert _checks([], ctx=CheckContext(PIC, BASELINE, 1000.0, True, {}, 600.0))["SC-08"].verdict is Verdict.PASS
    assert _checks([], ctx=CheckContext(PIC, BASELINE, 1000.0, True, {}, 599.0))["SC-08"].verdict is Verdict.FAIL
    r = _checks([])["SC-09"]
    assert r.verdict is Verdict.PASS and "below 2.0" in r.reason
    assert _checks([])["SC-16"].verdict is Verdict.PASS


def test_sc11_other_distress_signals() -> None:
    from interdict.contract.observations import InterceptReply, InterceptResponse

    assert _checks([RadioReply(950.0, "T7", 121.5, "es", Phrase.HIJACK, None)])["SC-11"].verdict is Verdict.FAIL
    six = [InterceptResponse(950.0, "T7", 1, InterceptReply.SERIES_6_DISTRESS)]
    assert "series 6" in _checks(six)["SC-11"].reason
    data = BOWERS.model_dump(mode="json")
    data["registry"][0]["category"] = "medevac"
    pic = picture_of(type(BOWERS).model_validate(data))
    ev = gather_evidence(_track(), pic, BASELINE, [VisualIdReport(900.0, "T7", "OB-1408", "C185", True)], t_s=1000.0)
    r = {c.check_id: c for c in run_checks(ev, CheckContext(pic, BASELINE, 1000.0, True, {}, None))}["SC-11"]
    assert r.verdict is Verdict.FAIL and "medevac" in r.reason


def test_sc13_changed_rules_fail() -> None:
    import dataclasses

    eroded = dataclasses.replace(BASELINE, radio_min_spacing_s=5.0)
    assert _checks([], ctx=CheckContext(PIC, eroded, 1000.0, True, {}, None))["SC-13"].verdict is Verdict.FAIL
    assert _checks([])["SC-13"].verdict is Verdict.PASS


def test_sc14_names_each_missing_log() -> None:
    r = _checks([])["SC-14"]
    assert r.verdict is Verdict.UNKNOWN and "ATS query log" in r.reason and "radio log" in r.reason
    assert "track history" not in r.reason
    complete = [
        FlightPlanAnswer(900.0, "T7", "lima-acc", ()),
        AtcContactAnswer(900.0, "T7", "lima-acc", False, None),
        RadioCall(900.0, "T7", 121.5, "es"),
    ]
    assert _checks(complete)["SC-14"].verdict is Verdict.PASS
    young = _plain(n_updates=3)
    assert "track history" in _checks(complete, track=young)["SC-14"].reason


def test_sc15_quality_thresholds() -> None:
    wide = _plain(P=np.eye(4) * 1600.0**2)
    assert _checks([], track=wide)["SC-15"].verdict is Verdict.UNKNOWN
    young = _plain(n_updates=5)
    assert _checks([], track=young)["SC-15"].verdict is Verdict.UNKNOWN
    brief = _plain(status=TrackStatus.COASTING, last_update_t_s=970.0)
    assert _checks([], track=brief)["SC-15"].verdict is Verdict.PASS  # coasting 30 s: still identifiable
    long = _plain(status=TrackStatus.COASTING, last_update_t_s=969.0)
    assert _checks([], track=long)["SC-15"].verdict is Verdict.UNKNOWN
    assert _checks([], ctx=_ctx(neighbours={"T9": 3000.0}))["SC-15"].verdict is Verdict.PASS


def _sc17_picture(teams: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    data = BOWERS.model_dump(mode="json")
    data["strips"].append({"id": "cl-x", "kind": "clandestine", "at": {"lat": -3.4, "lon": -72.0, "alt_m": 100}})
    data["police_teams"] = teams
    return picture_of(type(BOWERS).model_validate(data))


def _sc17(pic, p: float, firm_since_s: float | None, eta_s: float = 1500.0, slowing: bool = True, ahead: bool = True):  # type: ignore[no-untyped-def]
    dest = DestinationEstimate(
        "T7", 1000.0, (Candidate("cl-x", p, eta_s),), 1 - p, "cl-x", firm_since_s, slowing, ahead
    )
    ev = gather_evidence(_track(), pic, BASELINE, [], t_s=1000.0, destination=dest)
    return {c.check_id: c for c in run_checks(ev, CheckContext(pic, BASELINE, 1000.0, True, {}, None))}["SC-17"]


# a team 11 km from cl-x (about 180 s at 120 kt, plus 300 s to lift off) and one 500 km away
NEAR = {"id": "near", "base": {"lat": -3.5, "lon": -72.0}, "cruise_speed_kt": 120, "readiness_s": 300}
FAR = {"id": "far", "base": {"lat": -8.0, "lon": -74.0}, "cruise_speed_kt": 120, "readiness_s": 300}


def test_sc17_cues_only_a_firm_prediction() -> None:
    pic = _sc17_picture([NEAR])
    firm = BASELINE.ground_cue_firm_s
    assert _sc17(pic, 0.95, None).verdict is Verdict.UNKNOWN  # never firm
    young = _sc17(pic, 0.95, 1000.0 - firm + 10)
    assert young.verdict is Verdict.UNKNOWN and "not yet firm" in young.reason and young.actions == ()
    ok = _sc17(pic, 0.95, 1000.0 - firm)
    assert ok.verdict is Verdict.PASS and ok.actions == (Action("cue_ground", {"strip": "cl-x", "team": "near"}),)
    # ETA 1500 s, 500 s to go: the window is +-120 s (the minimum); the team is there at about 1480 s,
    # the earliest departure is 1380 + 600 s
    assert "ETA t = 1380-1620 s" in ok.reason and "near can be there at t = 14" in ok.reason
    # firm, but at cruise speed: a decoy overflight looks the same until the aircraft passes the strip, so
    # a team that a cue at the approach still brings there in time waits for it ...
    at_strip = _sc17_picture([{**NEAR, "id": "at", "base": {"lat": -3.4, "lon": -72.0}}])
    cruising = _sc17(at_strip, 0.95, 1000.0 - firm, slowing=False)
    assert cruising.verdict is Verdict.UNKNOWN and "not slowing to land" in cruising.reason
    assert cruising.actions == () and "slows to approach speed" in cruising.resolve_hint
    # ... and one that would then be late (about 480 s from a cue to the strip; the aircraft leaves from
    # 480 s after its ETA) is cued now: waiting would lose the smuggler for certain
    early = _sc17(pic, 0.95, 1000.0 - firm, slowing=False)
    assert early.verdict is Verdict.PASS and "at cruise speed (a cue held back" in early.reason
    assert early.actions == (Action("cue_ground", {"strip": "cl-x", "team": "near"}),)
    # firm, but the aircraft has flown over it (its probability lags a scan or two behind)
    past = _sc17(pic, 0.95, 1000.0 - firm, ahead=False)
    assert past.verdict is Verdict.UNKNOWN and "flown past cl-x" in past.reason and past.actions == ()


def test_sc17_advises_a_stand_by_before_the_cue_and_a_team_on_stand_by_arrives_sooner() -> None:
    """A clandestine strip predicted at the stand-by level (not yet firm) brings the advice to put the team
    that would be there first on stand-by; once it is (`alert_team` filed), no more advice, and the cue
    that follows counts its shorter lift-off. A team without `standby_s` is never advised, nor one
    against an aircraft in distress."""
    from interdict.contract.procedures import AlertTeam

    ready = {**NEAR, "standby_s": 60}
    pic = _sc17_picture([ready])
    level = BASELINE.standby_min_probability
    young = _sc17(pic, level, None)
    assert young.verdict is Verdict.UNKNOWN and young.actions == (
        Action("alert_team", {"team": "near", "strip": "cl-x"}),
    )
    assert "put near on stand-by for cl-x (p = 0.30)" in young.resolve_hint
    assert _sc17(pic, level - 0.01, None).actions == ()
    assert _sc17(_sc17_picture([NEAR]), 0.5, None).actions == ()  # no stand-by to offer

    def checked(p: float, firm_since_s: float | None, *obs: object):  # type: ignore[no-untyped-def]
        dest = DestinationEstimate(
            "T7", 1000.0, (Candidate("cl-x", p, 1500.0),), 1 - p, "cl-x", firm_since_s, True, True
        )
        ev = gather_evidence(_track(), pic, BASELINE, list(obs), t_s=1000.0, destination=dest)  # type: ignore[arg-type]
        return {c.check_id: c for c in run_checks(ev, CheckContext(pic, BASELINE, 1000.0, True, {}, None))}["SC-17"]

    alerted = AlertTeam(400.0, "T7", "near", "cl-x")
    assert checked(level, None, alerted).actions == ()
    mayday = RadioReply(950.0, "T7", 121.5, "es", Phrase.MAYDAY, None)
    assert checked(level, None, mayday).actions == ()  # no team readied against an aircraft in distress
    firm = 1000.0 - BASELINE.ground_cue_firm_s
    cold, warm = checked(0.95, firm), checked(0.95, firm, alerted)
    assert "near can be there at t = 14" in cold.reason  # 300 s to lift off
    assert "near can be there at t = 12" in warm.reason  # 60 s: on stand-by for 600 s before the cue


def test_sc17_names_the_team_or_says_intelligence_not_a_cue() -> None:
    firm = 1000.0 - BASELINE.ground_cue_firm_s
    nobody = _sc17(_sc17_picture([]), 0.95, firm)
    assert nobody.verdict is Verdict.UNKNOWN and "names no police team" in nobody.reason
    late = _sc17(_sc17_picture([FAR]), 0.95, firm)
    assert late.verdict is Verdict.FAIL and "intelligence, not a cue" in late.reason and late.actions == ()
    both = _sc17(_sc17_picture([FAR, NEAR]), 0.95, firm)
    assert both.verdict is Verdict.PASS and both.actions[0].params["team"] == "near"


def test_sc17_unknown_result_is_complete() -> None:
    dest = DestinationEstimate("T7", 1000.0, (Candidate("SPQT", 0.3, 1500.0),), 0.7, "SPQT")
    r = _sc17(_sc17_picture([NEAR]), 0.3, None)
    assert (r.verdict, r.reason, r.resolve_hint, r.requirement, r.t_s) == (
        Verdict.UNKNOWN,
        "cl-x predicted with p = 0.30, not yet firm (p >= 0.90 for 30 s; held 0 s)",
        "keep tracking until the prediction firms up",
        "SC-17; F8; P1",
        1000.0,
    )
    assert _checks([], destination=dest)["SC-17"].reason == "predicted strip SPQT is a registered strip, never cued"


def test_unasked_units_are_unknown_and_frequency_tolerance() -> None:
    assert _checks([])["SC-02"].verdict is Verdict.UNKNOWN
    assert _checks([])["SC-01"].verdict is Verdict.UNKNOWN
    off = [
        RadioCall(t, "T7", f + 0.5, lang)
        for f in (121.5, 118.1, 128.3)
        for lang in ("es", "en")
        for t in (100.0, 200.0)
    ]
    assert _checks(off)["SC-03"].verdict is Verdict.UNKNOWN  # 0.5 MHz off is another frequency


def test_sc03_spacing_boundaries_and_language_pairs() -> None:
    exact = [c for c in ALL_CALLS if c.t_s == 100.0] + [
        RadioCall(130.0, "T7", c.frequency_mhz, c.language) for c in ALL_CALLS if c.t_s == 100.0
    ]
    assert _checks(exact)["SC-03"].verdict is Verdict.PASS  # exactly 30 s apart: two attempts
    due = [RadioCall(970.0, "T7", 121.5, "es")]  # 30 s ago: due again
    r = _checks(due)["SC-03"]
    assert Action("radio_call", {"frequency_mhz": 121.5, "language": "es"}) in r.actions
    recent = _checks([RadioCall(990.0, "T7", 121.5, "es")])["SC-03"]
    assert "121.5 MHz (guard)" in recent.resolve_hint  # incomplete, even if not due yet
    assert "243 MHz (guard)" in recent.resolve_hint and "243 MHz es 0/2" in recent.reason  # the UHF guard too
    no_uhf = [c for c in ALL_CALLS if c.frequency_mhz != 243.0]
    assert _checks(no_uhf)["SC-03"].verdict is Verdict.UNKNOWN
    pt_only = [RadioCall(c.t_s, c.track_id, c.frequency_mhz, "pt") for c in ALL_CALLS]
    assert _checks(pt_only)["SC-03"].verdict is Verdict.UNKNOWN  # Portuguese never replaces Spanish


def test_sc04_repeat_in_english_is_retried_in_spanish() -> None:
    obs = [RadioCall(900.0, "T7", 118.1, "en"), RadioReply(915.0, "T7", 118.1, "en", Phrase.REPEAT, None)]
    assert _checks(obs)["SC-04"].actions == (Action("radio_call", {"frequency_mhz": 118.1, "language": "es"}),)


def test_sc05_asks_for_visual_identification() -> None:
    r = _checks([])["SC-05"]
    assert r.actions == (Action("visual_id"),) and "shadow" in r.resolve_hint


def test_sc09_threshold_is_inclusive() -> None:
    import dataclasses

    from interdict.engine.evidence import Behaviour
    from interdict.engine.safety.identity import sc09_profile

    ev = gather_evidence(_track(), PIC, BASELINE, [], t_s=1000.0)
    at = dataclasses.replace(ev, behaviour=Behaviour(True, False, None, None, None, 2.0, ("a",)))
    assert sc09_profile(at, _ctx()).verdict is Verdict.FAIL
    below = dataclasses.replace(ev, behaviour=Behaviour(False, False, None, None, None, 1.5, ("daylight",)))
    r = sc09_profile(below, _ctx())
    assert r.verdict is Verdict.PASS and r.reason == "profile score 1.5 below 2.0 (daylight)"
    none = dataclasses.replace(ev, behaviour=Behaviour(False, False, None, None, None, 0.0, ()))
    assert sc09_profile(none, _ctx()).reason == "profile score 0.0 below 2.0"


def test_sc14_and_sc15_boundaries() -> None:
    complete = [
        FlightPlanAnswer(900.0, "T7", "lima-acc", ()),
        AtcContactAnswer(900.0, "T7", "lima-acc", False, None),
        RadioCall(900.0, "T7", 121.5, "es"),
    ]
    six = _plain(P=np.eye(4) * 1500.0**2, n_updates=6)
    checks = _checks(complete, track=six)
    assert checks["SC-14"].verdict is Verdict.PASS and checks["SC-15"].verdict is Verdict.PASS
    assert _checks(complete[:1] + complete[2:])["SC-14"].verdict is Verdict.UNKNOWN  # no contact query
    for i in (0, 2):  # east or north uncertainty alone is enough to refuse
        P = np.diag([10.0, 10.0, 10.0, 10.0])
        P[i, i] = 1600.0**2
        wide = _plain(P=P)
        assert _checks([], track=wide)["SC-15"].verdict is Verdict.UNKNOWN
    P = np.diag([10.0, 1600.0**2, 10.0, 1600.0**2])  # velocity uncertainty alone is not position
    fast = _plain(P=P)
    assert _checks([], track=fast)["SC-15"].verdict is Verdict.PASS


def test_sc19_asks_every_unit_again_after_the_visual_identification() -> None:
    visual = VisualIdReport(900.0, "T7", None, "C210", False, 300.0)
    r = _checks([])["SC-19"]
    assert r.verdict is Verdict.UNKNOWN and r.actions == () and "once the visual identification" in r.reason

    def answers(asked_plans: float, asked_atc: float) -> list:  # type: ignore[type-arg]
        return [FlightPlanAnswer(asked_plans + 30, "T7", u, (), asked_plans) for u in UNITS] + [
            AtcContactAnswer(asked_atc + 30, "T7", u, False, None, asked_atc) for u in UNITS
        ]

    ok = _checks([visual, *answers(900.0, 950.0)])["SC-19"]  # asked exactly when the report arrived: counts
    assert (ok.verdict, ok.reason, ok.requirement) == (
        Verdict.PASS,
        "every ATS unit was asked again after the visual identification",
        "SC-19; F1; F2",
    )
    before = _checks([visual, *answers(850.0, 950.0)])["SC-19"]
    assert before.verdict is Verdict.UNKNOWN and "(plans: iquitos-twr, lima-acc)" in before.reason
    assert before.actions == (Action("query_flight_plans", {"units": ["iquitos-twr", "lima-acc"]}),)
    contact = _checks([visual, *answers(950.0, 850.0)])["SC-19"]
    assert "(contact: iquitos-twr, lima-acc)" in contact.reason
    assert contact.actions == (Action("query_atc_contact", {"units": ["iquitos-twr", "lima-acc"]}),)
    old_visual = VisualIdReport(100.0, "T7", None, "C210", False, 0.0)
    stale = _checks([old_visual, *answers(810.0, 819.0)])["SC-19"]  # after the report but 190 s and 181 s ago
    assert stale.verdict is Verdict.UNKNOWN and stale.reason.startswith(
        "not every ATS unit has been asked since the visual identification (t = 100 s) and in the last 180 s"
    )
    assert _checks([old_visual, *answers(820.0, 820.0)])["SC-19"].verdict is Verdict.PASS


def test_sc04_tries_every_language_then_says_there_is_none_in_common() -> None:
    calls = [RadioCall(900.0, "T7", 118.1, "es"), RadioCall(930.0, "T7", 118.104, "en")]
    repeat = RadioReply(945.0, "T7", 118.1, "en", Phrase.REPEAT, None)
    r = _checks([*calls, repeat])["SC-04"]
    assert r.actions == (Action("radio_call", {"frequency_mhz": 118.1, "language": "pt"}),)
    assert r.resolve_hint == "repeat in pt with standard phrases"
    other_freq = _checks([RadioCall(930.0, "T7", 121.5, "pt"), *calls, repeat])["SC-04"]
    assert other_freq.actions[0].params["language"] == "pt"  # a call on another frequency does not count
    every = _checks([*calls, RadioCall(960.0, "T7", 118.1, "pt"), repeat])["SC-04"]
    assert (every.verdict, every.reason, every.resolve_hint, every.actions) == (
        Verdict.UNKNOWN,
        "reply REPEAT on 118.1 MHz in every language of the rule set: no common language",
        "identify visually (SC-05); the exchange cannot be confirmed by radio",
        (),
    )
    assert every.check_id == "SC-04" and every.requirement == "SC-04; F3; Annex 2 phrase table"
    cleared = _checks([*calls, repeat, RadioReply(990.0, "T7", 118.1, "pt", Phrase.CALL_SIGN, "PTKXA")])["SC-04"]
    assert cleared.verdict is Verdict.PASS


def test_sc06_names_how_the_aircraft_said_it_cannot_comply() -> None:
    from interdict.contract.observations import InterceptReply, InterceptResponse
    from interdict.contract.procedures import InterceptSignal

    given = InterceptSignal(900.0, "T7", 1)
    lights = _checks([given, InterceptResponse(960.0, "T7", 1, InterceptReply.SERIES_5_CANNOT_COMPLY)])["SC-06"]
    assert lights.reason == (
        "the aircraft answered series 5 (lights on and off: cannot comply); interception instructions stop"
    )
    assert lights.resolve_hint == (
        "guide it: ask what it can do and assist it to a suitable aerodrome; do not repeat the instruction"
    )
    radio = _checks(
        [given, RadioCall(950.0, "T7", 121.5, "es"), RadioReply(965.0, "T7", 121.5, "es", Phrase.CAN_NOT, None)]
    )
    assert radio["SC-06"].reason == "the aircraft answered CAN_NOT on 121.5 MHz; interception instructions stop"


_SIGNALS = st.lists(
    st.tuples(st.floats(0.0, 990.0), st.integers(1, 3)), max_size=5
)  # (t_s, series) the interceptor gave
_REPLIES = st.lists(st.tuples(st.integers(1, 3), st.sampled_from(list(InterceptReply))), max_size=3)


@settings(max_examples=200, deadline=None)
@given(signals=_SIGNALS, replies=_REPLIES)
def test_sc06_never_confuses_one_series_for_another(
    signals: list[tuple[float, int]], replies: list[tuple[int, InterceptReply]]
) -> None:
    """Series 1 is the only signal that opens the instruction to land: a release (series 2) ends the
    interception whatever came before or after; series 3 and the answers to series 2 or 3 never count
    as series 1 given or answered; an unanswered series 1 counts only when repeated over the window."""
    from interdict.contract.procedures import InterceptSignal

    obs: list[object] = [InterceptSignal(t, "T7", series) for t, series in signals]
    obs += [InterceptResponse(995.0, "T7", series, reply) for series, reply in replies]
    sc06 = _checks(obs)["SC-06"]
    window = BASELINE.intercept_response_window_s
    follow = sorted(t for t, series in signals if series == 1)
    cannot = any(reply is InterceptReply.SERIES_5_CANNOT_COMPLY for _, reply in replies)
    if any(series == 2 for _, series in signals):
        assert sc06.verdict is Verdict.FAIL and "series 2" in sc06.reason
    elif not follow:
        assert sc06.verdict is Verdict.UNKNOWN and sc06.actions == (Action("intercept_signal", {"series": 1}),)
    elif cannot:
        assert sc06.verdict is Verdict.FAIL
    else:
        answered = any(series == 1 for series, _ in replies)
        repeated = follow[-1] - follow[0] >= window and 1000.0 - follow[-1] >= window
        assert (sc06.verdict is Verdict.PASS) is (answered or repeated)


def test_sc10_asks_the_sources_of_quarantined_evidence_again() -> None:
    from interdict.engine.evidence import CivilIndicator

    quarantined = (
        CivilIndicator("atc_contact", "lima-acc is in two-way contact with OB1544", 100.0, "atc:lima-acc", "T3"),
        CivilIndicator("flight_plan", "plan X held by iquitos-twr matches", 100.0, "plans:iquitos-twr", "T3"),
        CivilIndicator("call_sign", "gave call sign OB1544 on 118.1 MHz", 100.0, "radio:118.1", "T3"),
        CivilIndicator("registry", "OB-1544 is registered", 100.0, "visual", "T3"),
        CivilIndicator("complied", "WILCO", 100.0, "intercept", "T3"),
    )
    ev = gather_evidence(_track(), PIC, BASELINE, [], t_s=1000.0, quarantined=quarantined)
    r = run_checks(ev, _ctx())[9]
    assert r.check_id == "SC-10" and r.verdict is Verdict.FAIL
    assert r.reason.startswith(
        "civil indicator: lima-acc is in two-way contact with OB1544 (quarantined: gathered on T3)"
    )
    assert r.resolve_hint == (
        "treat as civil traffic; only named authorities may resolve this in writing; "
        "ask the sources of the quarantined evidence again for this aircraft"
    )
    assert r.actions == (
        Action("query_atc_contact", {"units": ["lima-acc"]}),
        Action("query_flight_plans", {"units": ["iquitos-twr"]}),
        Action("radio_call", {"frequency_mhz": 118.1, "language": "es"}),
        Action("visual_id"),
    )
    assert r.facts[0] == "quarantined atc_contact: lima-acc is in two-way contact with OB1544"
    own = run_checks(gather_evidence(_track(mode_a="0437"), PIC, BASELINE, [], t_s=1000.0), _ctx())[9]
    assert own.resolve_hint == "treat as civil traffic; only named authorities may resolve this in writing"
    assert own.actions == ()


def test_sc11_and_sc12_list_every_reason() -> None:
    from interdict.engine.evidence import CivilIndicator

    q = (CivilIndicator("distress", "MAYDAY on 121.5 MHz", 100.0, "radio:121.5", "T3"),)
    ev = gather_evidence(_track(), PIC, BASELINE, [], t_s=1000.0, quarantined=q)
    assert run_checks(ev, _ctx())[10].reason == "distress or medevac: MAYDAY on 121.5 MHz (quarantined: gathered on T3)"
    two = [Dissent(900.0, "T7", "A", "one"), Dissent(950.0, "T7", "B", "two")]
    r = _checks(two)["SC-12"]
    assert r.reason == "dissent by A: one; dissent by B: two" and len(r.facts) == 2


def test_sc04_counts_only_calls_on_the_same_frequency_as_tried() -> None:
    near = [RadioCall(900.0, "T7", 118.1, "es"), RadioCall(930.0, "T7", 118.3, "en")]  # en on another frequency
    repeat = RadioReply(945.0, "T7", 118.1, "es", Phrase.REPEAT, None)
    assert _checks([*near, repeat])["SC-04"].actions[0].params["language"] == "en"


def test_the_catalogue_registers_every_check_once_in_id_order() -> None:
    from interdict.engine.safety.base import Finding, check

    assert list(CHECKS) == [f"SC-{i:02d}" for i in range(1, 26)]
    with pytest.raises(ValueError, match="two checks registered as SC-07"):
        check("SC-07", "again")(lambda ev, ctx: Finding(Verdict.PASS, "twice"))


def test_sc20_accepts_a_track_lost_where_it_landed_and_nothing_else_sc15_refuses() -> None:
    pic = _sc17_picture([NEAR])
    lost = _plain(status=TrackStatus.COASTING, last_update_t_s=950.0, P=np.eye(4) * 3000.0**2)
    dest = DestinationEstimate("T7", 1000.0, (Candidate("cl-x", 0.95, 1000.0),), 0.05, "cl-x", slowing=True)

    def checks(landed_at: dict[str, float], neighbours: dict[str, float] | None = None) -> dict[str, CheckResult]:
        ev = gather_evidence(lost, pic, BASELINE, [], t_s=1000.0, destination=dest)
        ctx = CheckContext(pic, BASELINE, 1000.0, True, neighbours or {}, None, landed_at)
        return {c.check_id: c for c in run_checks(ev, ctx)}

    air = checks({})
    assert air["SC-15"].verdict is Verdict.UNKNOWN and air["SC-20"].verdict is Verdict.UNKNOWN
    ground = checks({"cl-x": 0.93})  # the probability when it was last seen
    assert ground["SC-15"].verdict is Verdict.UNKNOWN  # the air branch stays shut
    assert ground["SC-20"].verdict is Verdict.PASS and "inferred to land at cl-x" in ground["SC-20"].reason
    cue = ground["SC-17"]
    assert cue.verdict is Verdict.PASS and "inferred landed (p = 0.93" in cue.reason
    assert "landed about t = 950-1070 s" in cue.reason and cue.actions[0].params == {"strip": "cl-x", "team": "near"}
    unsure = checks({"cl-x": 0.7})["SC-17"]
    assert unsure.verdict is Verdict.UNKNOWN and "p = 0.70 when last seen" in unsure.reason
    dest = dataclasses.replace(dest, slowing=False)  # lost at cruise speed: out of cover, not landing
    cruising = checks({"cl-x": 0.93})["SC-17"]
    assert cruising.verdict is Verdict.UNKNOWN and "was not slowing to land" in cruising.reason
    dest = dataclasses.replace(dest, slowing=True)
    aerodrome = checks({"SPQT": 0.99})["SC-17"]  # landed at a registered aerodrome: never cued
    assert aerodrome.verdict is Verdict.FAIL and "inferred landing strip SPQT" in aerodrome.reason
    crowded = checks({"cl-x": 0.93}, {"T9": 1_000.0})
    assert crowded["SC-20"].verdict is Verdict.FAIL  # another aircraft by the strip: whose landing was it?
    young = dataclasses.replace(lost, n_updates=3)
    ev = gather_evidence(young, pic, BASELINE, [], t_s=1000.0, destination=dest)
    ctx = CheckContext(pic, BASELINE, 1000.0, True, {}, None, {"cl-x": 0.93})
    assert {c.check_id: c for c in run_checks(ev, ctx)}["SC-20"].verdict is Verdict.UNKNOWN


def _cluster_picture(teams: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    """cl-x and cl-y, 4 km apart (one cluster), and cl-far, 40 km away (a cluster of its own)."""
    data = BOWERS.model_dump(mode="json")
    for sid, lat in (("cl-x", -3.40), ("cl-y", -3.436), ("cl-far", -3.76)):
        data["strips"].append({"id": sid, "kind": "clandestine", "at": {"lat": lat, "lon": -72.0, "alt_m": 100}})
    data["police_teams"] = teams
    return picture_of(type(BOWERS).model_validate(data))


def _cluster_sc17(pic, cluster_firm_since_s: float | None, landed: dict[str, float] | None = None):  # type: ignore[no-untyped-def]
    from interdict.engine.clusters import strip_clusters
    from interdict.engine.destinations import strip_database

    dest = DestinationEstimate(
        "T7",
        1000.0,
        (Candidate("cl-x", 0.5, 1500.0), Candidate("cl-y", 0.45, 1560.0)),
        0.05,
        "cl-x",
        None,
        True,
        True,
        ("cl-x", "cl-y"),
        0.95,
        cluster_firm_since_s,
    )
    clusters = strip_clusters(strip_database(pic), BASELINE.cue_cluster_radius_m)
    assert clusters["cl-x"] == clusters["cl-y"] == ("cl-x", "cl-y") and clusters["cl-far"] == ("cl-far",)
    ev = gather_evidence(_track(), pic, BASELINE, [], t_s=1000.0, destination=dest)
    ctx = CheckContext(pic, BASELINE, 1000.0, True, {}, None, landed_at=landed or {}, clusters=clusters)
    return {c.check_id: c for c in run_checks(ev, ctx)}["SC-17"]


def test_sc17_cues_a_firm_cluster_to_its_staging_point_when_no_strip_is_firm() -> None:
    pic = _cluster_picture([NEAR])
    firm = 1000.0 - BASELINE.ground_cue_firm_s
    young = _cluster_sc17(pic, firm + 10)
    assert young.verdict is Verdict.UNKNOWN and "its cluster cl-x, cl-y: p = 0.95, held 20 s" in young.reason
    ok = _cluster_sc17(pic, firm)
    assert ok.verdict is Verdict.PASS and "the cluster cl-x, cl-y (clandestine) predicted firmly" in ok.reason
    (cue,) = ok.actions
    assert cue.params["strip"] == "cl-x" and cue.params["strips"] == ["cl-x", "cl-y"] and cue.params["team"] == "near"
    assert cue.params["staging_lat"] == pytest.approx(-3.418) and cue.params["staging_lon"] == pytest.approx(-72.0)
    assert "farthest strip from the staging point" in ok.reason
    # a team that reaches cl-x alone in time, but not the cluster's farthest strip through the staging point
    tight = {**NEAR, "readiness_s": 1_300}
    late = _cluster_sc17(_cluster_picture([tight]), firm)
    assert late.verdict is Verdict.FAIL and "intelligence, not a cue" in late.reason


def test_sc17_cues_the_cluster_a_lost_track_was_inferred_to_land_in() -> None:
    pic = _cluster_picture([NEAR])
    split = _cluster_sc17(pic, None, landed={"cl-x": 0.5, "cl-y": 0.45})
    assert split.verdict is Verdict.PASS and split.actions[0].params["strips"] == ["cl-x", "cl-y"]
    weak = _cluster_sc17(pic, None, landed={"cl-x": 0.5, "cl-far": 0.45})  # the rest lies in another cluster
    assert weak.verdict is Verdict.UNKNOWN and "its cluster cl-x, cl-y: p = 0.50" in weak.reason
