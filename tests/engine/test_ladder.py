"""Ladder invariants (hypothesis): gates hold for every recommended rung, nothing exceeds the ceiling,
civil indicators keep everything above VISUAL_ID shut."""

from __future__ import annotations

import math
import os

import hypothesis.strategies as st
from hypothesis import given, settings

from interdict.engine.assess import settling
from interdict.engine.ladder import GATES, NEXT, Rung, blocking, recommend
from interdict.engine.rules import BASELINE
from interdict.engine.safety import CHECKS, Action, CheckContext, CheckResult, Verdict
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS

# INTERDICT_HYPOTHESIS_EXAMPLES lowers the count for mutation runs (README, developers).
_EXAMPLES = int(os.environ.get("INTERDICT_HYPOTHESIS_EXAMPLES", "300"))
verdicts = st.sampled_from(list(Verdict))
results = st.fixed_dictionaries(dict.fromkeys(CHECKS, verdicts)).map(
    lambda d: tuple(
        CheckResult(cid, v, f"{cid} is {v.value}", cid, "hint", (Action("visual_id"),)) for cid, v in d.items()
    )
)
requests = st.one_of(st.none(), st.sampled_from([r.value for r in Rung] + ["SHOOT_DOWN", "WARNING_SHOTS", "FIRE"]))


@settings(max_examples=_EXAMPLES, deadline=None)
@given(checks=results, current=st.sampled_from(list(Rung)), requested=requests)
def test_recommended_rung_always_has_its_gate(
    checks: tuple[CheckResult, ...], current: Rung, requested: str | None
) -> None:
    rec = recommend("T1", current, checks, 100.0, requested=requested, land_at="SPMF")
    verdict = {c.check_id: c.verdict for c in checks}
    assert isinstance(rec.rung, Rung)
    assert all(verdict[c] is Verdict.PASS for c in GATES[rec.rung])  # UNKNOWN blocks like FAIL
    if rec.rung != current and rec.allowed:
        assert rec.rung in NEXT[current]  # one rung at a time
    if requested is not None and requested not in Rung.__members__:
        assert rec.refused is not None  # nothing above the ceiling
    if rec.refused is not None:
        assert rec.rung.value != rec.refused.requested or rec.rung == current


@settings(max_examples=_EXAMPLES, deadline=None)
@given(checks=results, current=st.sampled_from(list(Rung)), requested=requests)
def test_civil_indicator_shuts_everything_above_visual_id(
    checks: tuple[CheckResult, ...], current: Rung, requested: str | None
) -> None:
    civil = tuple(
        CheckResult(c.check_id, Verdict.FAIL if c.check_id == "SC-10" else c.verdict, c.reason, c.requirement)
        for c in checks
    )
    rec = recommend("T1", current, civil, 100.0, requested=requested)
    assert rec.rung.level <= Rung.VISUAL_ID.level


@settings(max_examples=_EXAMPLES, deadline=None)
@given(checks=results, current=st.sampled_from(list(Rung)))
def test_blocks_name_check_reason_and_requirement(checks: tuple[CheckResult, ...], current: Rung) -> None:
    rec = recommend("T1", current, checks, 100.0)
    for b in rec.blocked_by:
        assert b.check_id.startswith("SC-") and b.reason and b.requirement and b.verdict is not Verdict.PASS


def _all(verdict: Verdict, **overrides: Verdict) -> tuple[CheckResult, ...]:
    return tuple(CheckResult(cid, overrides.get(cid.replace("-", "_"), verdict), "r", cid) for cid in CHECKS)


def test_all_pass_climbs_one_rung_per_step_and_prefers_the_ground_cue() -> None:
    rung = Rung.MONITOR
    seen = []
    for _ in range(6):
        rung = recommend("T1", rung, _all(Verdict.PASS), 0.0).rung
        seen.append(rung)
    assert seen[:4] == [Rung.IDENTIFY, Rung.RADIO_CONTACT, Rung.GROUND_CUE, Rung.GROUND_CUE]


def test_request_above_gate_is_refused_with_blocking_checks() -> None:
    checks = _all(Verdict.PASS, SC_01=Verdict.UNKNOWN, SC_03=Verdict.FAIL)
    rec = recommend("T1", Rung.IDENTIFY, checks, 0.0, requested="INTERCEPT_INSTRUCT")
    assert rec.refused is not None
    assert {"SC-01", "SC-03"} <= {b.check_id for b in rec.refused.blocked_by}
    assert rec.rung is Rung.IDENTIFY


def test_shoot_down_request_is_refused_as_outside_the_ladder() -> None:
    rec = recommend("T1", Rung.INTERCEPT_INSTRUCT, _all(Verdict.PASS), 0.0, requested="SHOOT_DOWN")
    assert rec.refused is not None and "not a rung of the ladder" in rec.refused.reason
    assert set(Rung.__members__) == {
        "MONITOR",
        "IDENTIFY",
        "RADIO_CONTACT",
        "VISUAL_ID",
        "INTERCEPT_INSTRUCT",
        "GROUND_CUE",
    }


def test_distress_de_escalates_to_assist_and_escort() -> None:
    """Distress closes the rungs that send people after an aircraft, not the radio or the shadowing
    aircraft: they are how assistance and escort begin."""
    rec = recommend("T1", Rung.INTERCEPT_INSTRUCT, _all(Verdict.PASS, SC_11=Verdict.FAIL), 0.0)
    assert rec.rung is Rung.VISUAL_ID and "de-escalate" in rec.note
    held = recommend("T1", Rung.VISUAL_ID, _all(Verdict.PASS, SC_11=Verdict.FAIL), 0.0)
    assert held.rung is Rung.VISUAL_ID and not held.allowed
    assert {b.check_id for b in held.blocked_by} >= {"SC-11"}


def test_serialised_values_are_the_contract() -> None:
    # audit records and events carry these strings: they must not drift
    from interdict.engine.safety import Verdict

    assert [v.value for v in Verdict] == ["PASS", "FAIL", "UNKNOWN"]
    assert [r.value for r in Rung] == [
        "MONITOR",
        "IDENTIFY",
        "RADIO_CONTACT",
        "VISUAL_ID",
        "INTERCEPT_INSTRUCT",
        "GROUND_CUE",
    ] and all(r.name == r.value for r in Rung)
    assert [r.level for r in Rung] == list(range(6))


def _with(
    verdicts: dict[str, Verdict], actions: dict[str, tuple[Action, ...]] | None = None
) -> tuple[CheckResult, ...]:
    actions = actions or {}
    return tuple(
        CheckResult(cid, verdicts.get(cid, Verdict.PASS), "r", cid, "h", actions.get(cid, ())) for cid in CHECKS
    )


def test_procedures_are_filtered_by_what_the_rung_allows() -> None:
    call = (Action("radio_call", {"frequency_mhz": 121.5, "language": "es"}),)
    query = (Action("query_flight_plans", {"units": ["a"]}),)
    checks = _with({"SC-01": Verdict.UNKNOWN, "SC-03": Verdict.UNKNOWN}, {"SC-01": query, "SC-03": call})
    at_identify = recommend("T1", Rung.IDENTIFY, checks, 0.0)
    assert at_identify.procedures == query and at_identify.next_rung is Rung.RADIO_CONTACT
    at_radio = recommend("T1", Rung.RADIO_CONTACT, _with({"SC-03": Verdict.UNKNOWN}, {"SC-03": call}), 0.0)
    assert at_radio.procedures == call and not at_radio.allowed and at_radio.rung is Rung.RADIO_CONTACT
    assert {o.rung for o in at_radio.options} == {Rung.GROUND_CUE, Rung.VISUAL_ID}


def test_intercept_rung_signals_first_then_instructs_to_land() -> None:
    series1 = (Action("intercept_signal", {"series": 1}),)
    waiting = _with({"SC-06": Verdict.UNKNOWN, "SC-17": Verdict.UNKNOWN}, {"SC-06": series1})
    assert recommend("T1", Rung.INTERCEPT_INSTRUCT, waiting, 0.0, land_at="SPMF").procedures == series1
    done = _with({"SC-17": Verdict.UNKNOWN})
    rec = recommend("T1", Rung.INTERCEPT_INSTRUCT, done, 0.0, land_at="SPMF")
    assert rec.procedures == (Action("instruct_land", {"aerodrome": "SPMF"}),)
    assert recommend("T1", Rung.INTERCEPT_INSTRUCT, done, 0.0).procedures == ()  # no aerodrome, no instruction
    quiet = _with({"SC-07": Verdict.UNKNOWN, "SC-17": Verdict.UNKNOWN})
    assert not any(
        a.action == "instruct_land"
        for a in recommend("T1", Rung.INTERCEPT_INSTRUCT, quiet, 0.0, land_at="SPMF").procedures
    )


def test_ground_cue_carries_the_cue_and_advances_from_visual_id() -> None:
    cue = (Action("cue_ground", {"strip": "cl-1"}),)
    rec = recommend("T1", Rung.VISUAL_ID, _with({}, {"SC-17": cue}), 5.0)
    assert rec.rung is Rung.GROUND_CUE and rec.allowed and rec.procedures == cue and rec.previous_rung is Rung.VISUAL_ID
    assert recommend("T1", Rung.GROUND_CUE, _with({}, {"SC-17": cue}), 5.0).procedures == cue


def test_a_track_lost_where_it_landed_moves_across_to_the_ground_cue_when_its_gate_holds() -> None:
    cue = (Action("cue_ground", {"strip": "cl-1", "team": "near"}),)
    lost = _with({"SC-15": Verdict.UNKNOWN}, {"SC-17": cue})  # SC-20 passes: lost where it landed
    rec = recommend("T1", Rung.INTERCEPT_INSTRUCT, lost, 5.0)
    assert rec.rung is Rung.GROUND_CUE and rec.allowed and rec.procedures == cue
    assert recommend("T1", Rung.GROUND_CUE, lost, 15.0).rung is Rung.GROUND_CUE  # and stays there
    gone = _with({"SC-15": Verdict.UNKNOWN, "SC-20": Verdict.UNKNOWN}, {"SC-17": cue})
    assert recommend("T1", Rung.INTERCEPT_INSTRUCT, gone, 5.0).rung is Rung.MONITOR  # lost anywhere else
    assert recommend("T1", Rung.IDENTIFY, lost, 5.0).rung is Rung.MONITOR  # never across from below


def test_de_escalation_goes_to_the_highest_rung_that_still_holds() -> None:
    rec = recommend("T1", Rung.VISUAL_ID, _with({"SC-03": Verdict.UNKNOWN}), 0.0)
    assert rec.rung is Rung.RADIO_CONTACT and not rec.allowed and "SC-03" in rec.note
    assert [b.check_id for b in rec.blocked_by] == ["SC-03"]
    assert recommend("T1", Rung.IDENTIFY, _with({"SC-15": Verdict.UNKNOWN}), 0.0).rung is Rung.MONITOR


def test_request_answers() -> None:
    all_pass = _with({})
    assert recommend("T1", Rung.IDENTIFY, all_pass, 0.0, requested="RADIO_CONTACT").refused is None
    granted = recommend("T1", Rung.RADIO_CONTACT, all_pass, 0.0, requested="VISUAL_ID")
    assert granted.rung is Rung.VISUAL_ID and granted.refused is None  # the request chooses the branch
    skip = recommend("T1", Rung.MONITOR, all_pass, 0.0, requested="VISUAL_ID")
    assert skip.refused is not None and "one rung at a time" in skip.refused.reason and skip.rung is Rung.IDENTIFY
    assert recommend("T1", Rung.VISUAL_ID, all_pass, 0.0, requested="IDENTIFY").refused is None
    missing = tuple(c for c in all_pass if c.check_id != "SC-14")
    rec = recommend("T1", Rung.RADIO_CONTACT, missing, 0.0)
    assert rec.rung is Rung.VISUAL_ID  # ground cue needs SC-14, which was not evaluated: unknown blocks
    assert any(b.check_id == "SC-14" and b.reason == "check not evaluated" for o in rec.options for b in o.blocked_by)


def test_every_return_path_fills_the_recommendation() -> None:
    checks = _with({"SC-03": Verdict.UNKNOWN})
    down = recommend("T5", Rung.VISUAL_ID, checks, 42.0)
    assert (down.track_id, down.t_s, down.previous_rung, down.rung, down.next_rung, down.allowed) == (
        "T5",
        42.0,
        Rung.VISUAL_ID,
        Rung.RADIO_CONTACT,
        Rung.VISUAL_ID,
        False,
    )
    assert [(o.rung, o.allowed) for o in down.options] == [(Rung.GROUND_CUE, False), (Rung.VISUAL_ID, False)]
    assert down.refused is None
    up = recommend("T5", Rung.MONITOR, _with({}), 7.0)
    assert (up.track_id, up.t_s, up.previous_rung, up.rung, up.next_rung, up.allowed, up.blocked_by, up.note) == (
        "T5",
        7.0,
        Rung.MONITOR,
        Rung.IDENTIFY,
        Rung.IDENTIFY,
        True,
        (),
        "",
    )
    assert [(o.rung, o.allowed) for o in up.options] == [(Rung.IDENTIFY, True)]
    hold = recommend("T5", Rung.IDENTIFY, _with({"SC-01": Verdict.FAIL}), 9.0)
    assert (hold.track_id, hold.t_s, hold.previous_rung, hold.rung, hold.next_rung, hold.allowed) == (
        "T5",
        9.0,
        Rung.IDENTIFY,
        Rung.IDENTIFY,
        Rung.RADIO_CONTACT,
        False,
    )
    assert [b.check_id for b in hold.blocked_by] == ["SC-01"] and hold.note == ""
    top = recommend("T5", Rung.GROUND_CUE, _with({}), 9.0)
    assert top.next_rung is None and top.blocked_by == () and top.options == ()


def test_two_distinct_actions_both_survive_deduplication() -> None:
    two = (
        Action("radio_call", {"frequency_mhz": 121.5, "language": "es"}),
        Action("radio_call", {"frequency_mhz": 121.5, "language": "en"}),
    )
    rec = recommend("T1", Rung.RADIO_CONTACT, _with({"SC-03": Verdict.UNKNOWN}, {"SC-03": two}), 0.0)
    assert rec.procedures == two
    series = (Action("intercept_signal", {"series": 1}), Action("intercept_signal", {"series": 3}))
    rec = recommend(
        "T1",
        Rung.INTERCEPT_INSTRUCT,
        _with({"SC-06": Verdict.UNKNOWN, "SC-17": Verdict.UNKNOWN}, {"SC-06": series}),
        0.0,
    )
    assert rec.procedures == series
    cues = (Action("cue_ground", {"strip": "a"}), Action("cue_ground", {"strip": "b"}))
    assert recommend("T1", Rung.GROUND_CUE, _with({}, {"SC-17": cues}), 0.0).procedures == cues
    assert (
        recommend(
            "T1", Rung.VISUAL_ID, _with({"SC-05": Verdict.UNKNOWN, "SC-17": Verdict.UNKNOWN}, {"SC-17": cues}), 0.0
        ).procedures
        == ()
    )


def test_refusals_are_complete() -> None:
    blocked = _with({"SC-03": Verdict.UNKNOWN})
    r = recommend("T1", Rung.RADIO_CONTACT, blocked, 3.0, requested="VISUAL_ID").refused
    assert r is not None and (r.requested, r.reason) == ("VISUAL_ID", "VISUAL_ID is blocked by SC-03")
    assert [b.check_id for b in r.blocked_by] == ["SC-03"]
    r = recommend("T1", Rung.MONITOR, _with({}), 3.0, requested="GROUND_CUE").refused
    assert (
        r is not None
        and r.requested == "GROUND_CUE"
        and r.reason.startswith("GROUND_CUE is not the next rung from MONITOR")
    )
    r = recommend("T1", Rung.VISUAL_ID, blocked, 3.0, requested="VISUAL_ID").refused
    assert r is not None and (r.requested, r.reason) == ("VISUAL_ID", "VISUAL_ID is already reached or below")
    assert [b.check_id for b in r.blocked_by] == ["SC-03"]
    r = recommend("T1", Rung.IDENTIFY, _with({}), 3.0, requested="FIRE").refused
    assert r is not None and r.requested == "FIRE" and [b.check_id for b in r.blocked_by] == ["SC-16"]
    missing = tuple(c for c in _with({}) if c.check_id != "SC-16")
    r = recommend("T1", Rung.IDENTIFY, missing, 3.0, requested="FIRE").refused
    assert r is not None and r.blocked_by == ()


def test_unevaluated_checks_block_as_unknown() -> None:
    missing = tuple(c for c in _with({}) if c.check_id != "SC-01")
    rec = recommend("T1", Rung.IDENTIFY, missing, 12.0)
    (b,) = rec.blocked_by
    assert (b.check_id, b.verdict, b.reason, b.requirement, b.resolve_hint, b.actions, b.t_s) == (
        "SC-01",
        Verdict.UNKNOWN,
        "check not evaluated",
        "SC-01",
        "",
        (),
        12.0,
    )


def test_missing_checks_are_dated_in_every_path() -> None:
    rec = recommend("T1", Rung.VISUAL_ID, (), 77.0, requested="INTERCEPT_INSTRUCT")
    assert rec.rung is Rung.MONITOR and rec.blocked_by and all(b.t_s == 77.0 for b in rec.blocked_by)
    assert all(b.t_s == 77.0 for o in rec.options for b in o.blocked_by) and rec.options
    assert rec.refused is not None and all(b.t_s == 77.0 for b in rec.refused.blocked_by) and rec.refused.blocked_by
    assert rec.note.startswith("de-escalate: SC-01 check not evaluated; SC-02 check not evaluated; SC-03")


def test_advancing_to_interception_instructs_to_land_at_the_designated_aerodrome() -> None:
    rec = recommend("T1", Rung.VISUAL_ID, _with({"SC-17": Verdict.UNKNOWN}), 0.0, land_at="SPMF")
    assert rec.rung is Rung.INTERCEPT_INSTRUCT and rec.procedures == (Action("instruct_land", {"aerodrome": "SPMF"}),)


def test_messages_list_every_item() -> None:
    two = _with({"SC-01": Verdict.FAIL, "SC-02": Verdict.FAIL})
    assert recommend("T1", Rung.RADIO_CONTACT, two, 0.0).note == "de-escalate: SC-01 r; SC-02 r"
    refused = recommend("T1", Rung.IDENTIFY, two, 0.0, requested="RADIO_CONTACT").refused
    assert refused is not None and refused.reason == "RADIO_CONTACT is blocked by SC-01, SC-02"


def test_a_request_to_stand_down_is_applied() -> None:
    rec = recommend("T1", Rung.VISUAL_ID, _with({}), 3.0, requested="IDENTIFY")
    assert rec.rung is Rung.IDENTIFY and rec.refused is None and "stood down" in rec.note
    held = recommend("T1", Rung.VISUAL_ID, _with({"SC-15": Verdict.FAIL}), 3.0, requested="RADIO_CONTACT")
    assert held.rung is Rung.MONITOR  # standing down never lands on a rung whose gate does not hold


def test_rungs_that_send_people_need_the_aircraft_looked_at_and_the_units_asked_again() -> None:
    for rung in (Rung.INTERCEPT_INSTRUCT, Rung.GROUND_CUE):
        assert {"SC-05", "SC-10", "SC-19"} <= GATES[rung]


def test_cannot_comply_stops_interception_and_prevents_it() -> None:
    cannot = _with({"SC-06": Verdict.FAIL, "SC-17": Verdict.UNKNOWN})
    on = recommend("T1", Rung.INTERCEPT_INSTRUCT, cannot, 3.0)
    assert on.rung is Rung.VISUAL_ID and "SC-06" in on.note
    assert recommend("T1", Rung.VISUAL_ID, cannot, 3.0).rung is Rung.VISUAL_ID
    waiting = _with({"SC-06": Verdict.UNKNOWN, "SC-17": Verdict.UNKNOWN})
    assert recommend("T1", Rung.INTERCEPT_INSTRUCT, waiting, 3.0).rung is Rung.INTERCEPT_INSTRUCT
    assert recommend("T1", Rung.VISUAL_ID, waiting, 3.0).rung is Rung.INTERCEPT_INSTRUCT


def test_staying_on_a_rung_does_not_need_the_step_only_checks() -> None:
    waiting = _with({"SC-19": Verdict.UNKNOWN, "SC-17": Verdict.UNKNOWN})
    on = recommend("T1", Rung.INTERCEPT_INSTRUCT, waiting, 3.0)
    assert on.rung is Rung.INTERCEPT_INSTRUCT and on.note == ""
    up = recommend("T1", Rung.VISUAL_ID, waiting, 3.0)
    assert up.rung is Rung.VISUAL_ID and [b.check_id for b in up.blocked_by] == ["SC-19"]
    assert [b.check_id for b in blocking(Rung.INTERCEPT_INSTRUCT, {r.check_id: r for r in waiting}, 3.0)] == ["SC-19"]
    assert blocking(Rung.INTERCEPT_INSTRUCT, {r.check_id: r for r in waiting}, 3.0, staying=True) == ()


def test_a_stand_down_recommendation_in_full() -> None:
    results = _with({}, {"SC-17": (Action("cue_ground", {"strip": "cl-1"}),)})
    rec = recommend("T1", Rung.GROUND_CUE, results, 7.0, requested="RADIO_CONTACT", land_at="SPCL")
    assert (rec.track_id, rec.t_s, rec.previous_rung, rec.rung, rec.next_rung, rec.allowed) == (
        "T1",
        7.0,
        Rung.GROUND_CUE,
        Rung.RADIO_CONTACT,
        None,
        False,
    )
    assert (rec.blocked_by, rec.refused, rec.note) == (
        (),
        None,
        "stood down to RADIO_CONTACT at the operator's request",
    )
    assert [o.rung for o in rec.options] == [Rung.GROUND_CUE, Rung.VISUAL_ID]
    assert all(not o.allowed for o in rec.options) and rec.procedures == ()
    blocked = _with({"SC-01": Verdict.FAIL})
    down = recommend("T1", Rung.VISUAL_ID, blocked, 7.0, requested="RADIO_CONTACT")
    assert down.rung is Rung.IDENTIFY and [o.rung for o in down.options] == [Rung.RADIO_CONTACT]
    assert [b.check_id for b in down.options[0].blocked_by] == ["SC-01"]


def test_asking_for_the_rung_held_is_no_refusal_while_its_gate_holds() -> None:
    assert recommend("T1", Rung.VISUAL_ID, _with({}), 3.0, requested="VISUAL_ID").refused is None


def test_stand_down_options_are_not_allowed_and_name_missing_checks() -> None:
    partial = tuple(r for r in _with({}) if r.check_id != "SC-03")
    rec = recommend("T1", Rung.VISUAL_ID, partial, 9.0, requested="RADIO_CONTACT")
    assert all(o.allowed is False for o in rec.options)
    missing = [b for o in rec.options for b in o.blocked_by if b.check_id == "SC-03"]
    assert missing and all(b.verdict is Verdict.UNKNOWN and b.t_s == 9.0 for b in missing)


def test_a_stand_down_recommends_nothing_that_climbs_again() -> None:
    """The operator asked for a lower rung: the recommendation names no procedure that would gather
    evidence for the rungs above it (the stand-down is the decision; climbing again is a new one)."""
    query = (Action("query_flight_plans", {"units": ["a"]}),)
    checks = _with({"SC-01": Verdict.UNKNOWN}, {"SC-01": query})
    down = recommend("T1", Rung.RADIO_CONTACT, checks, 0.0, requested="IDENTIFY")
    assert down.rung is Rung.IDENTIFY and down.next_rung is None and not down.allowed
    assert down.procedures == () and down.note == "stood down to IDENTIFY at the operator's request"
    assert {o.rung for o in down.options} == {Rung.RADIO_CONTACT}
    # without the request the same results keep asking for the plans
    assert recommend("T1", Rung.IDENTIFY, checks, 0.0).procedures == query


PIC = picture_of(load_scenario(SCENARIOS / "bowers-2001.yaml"))
_FLAPPING = ("SC-08", "SC-15", "SC-11", "SC-05")


@settings(max_examples=_EXAMPLES // 3, deadline=None)
@given(st.lists(st.fixed_dictionaries(dict.fromkeys(_FLAPPING, st.booleans())), min_size=5, max_size=40))
def test_after_a_step_down_the_air_branch_climbs_only_once_its_reasons_passed(scans: list[dict[str, bool]]) -> None:
    """Checks that come and go every 10 s (SC-21, SC-25): no climb within `settle_s` of a step down,
    never while a check behind it failed in the last `settle_s`, and never onto a rung that sends people
    within `settle_s` of a scan on which evidence of innocence (SC-11 here) was seen."""
    settle = BASELINE.settle_s
    rung, unsettled = Rung.MONITOR, dict[str, float]()
    last_down: float | None = None
    down_by: tuple[CheckResult, ...] = ()
    failed_at: dict[str, float] = {}
    for i, passing in enumerate(scans):
        t_s = 10.0 * i
        ctx = CheckContext(PIC, BASELINE, t_s, True, {}, None, unsettled=unsettled)
        settled = {c: CHECKS[c](None, ctx) for c in ("SC-21", "SC-25")}  # type: ignore[arg-type]  # context only
        verdict = {c: Verdict.PASS if passing.get(c, True) else Verdict.FAIL for c in CHECKS}
        checks = tuple(
            settled.get(c) or CheckResult(c, v, f"{c} is {v.value}", c, "", (), t_s) for c, v in verdict.items()
        )
        rec = recommend("T1", rung, checks, t_s)
        if rec.rung.level > rung.level and rec.rung in (Rung.INTERCEPT_INSTRUCT, Rung.GROUND_CUE):
            assert t_s - failed_at.get("SC-11", -math.inf) >= settle
        failed_at |= {c: t_s for c, ok in passing.items() if not ok}
        if rec.rung.level > rung.level and rec.rung is not Rung.GROUND_CUE and last_down is not None:
            assert t_s - last_down >= settle
            assert all(t_s - failed_at.get(c.check_id, -math.inf) >= settle for c in down_by)
        if rec.rung.level < rung.level:
            last_down, down_by = t_s, rec.blocked_by
        unsettled = settling(unsettled, rung, rec, checks, settle)
        rung = rec.rung


def test_identity_established_ends_the_interception_and_advises_the_release_at_any_rung() -> None:
    release = (Action("intercept_signal", {"series": 2}),)
    identified = _with({"SC-24": Verdict.FAIL}, {"SC-24": release})
    stepped = recommend("T1", Rung.INTERCEPT_INSTRUCT, identified, 0.0, land_at="SPMF")
    assert stepped.rung is Rung.VISUAL_ID and "SC-24" in stepped.note and stepped.procedures == release
    for rung in (Rung.IDENTIFY, Rung.RADIO_CONTACT, Rung.VISUAL_ID):
        rec = recommend("T1", rung, identified, 0.0)
        assert release[0] in rec.procedures and rec.rung.level <= Rung.VISUAL_ID.level
        assert not any(a.action in ("instruct_land", "cue_ground") for a in rec.procedures)
    assert recommend("T1", Rung.VISUAL_ID, identified, 0.0, requested="INTERCEPT_INSTRUCT").refused is not None
