"""One rule for written resolutions: facts that existed when written, never UNKNOWN, roster and roles,
two different people for civil indicators, hostile names refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interdict.contract.procedures import Resolve
from interdict.engine.resolutions import (
    apply_resolutions,
    author_problem,
    judge_resolution,
    normalise_name,
    update_fact_since,
)
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Action, CheckResult, Verdict
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS

_DATA = load_scenario(SCENARIOS / "bowers-2001.yaml").model_dump(mode="json")
_DATA["authorities"] = [
    {"name": "Cmdr. Ortiz", "role": "duty_commander"},
    {"name": "Maj. Ruiz", "role": "ats_coordinator"},
    {"name": "Lt. Vega", "role": "safety_monitor"},
    {"name": "trainee", "role": "trainee"},
]
PIC = picture_of(Scenario.model_validate(_DATA))
PLAN = "flight_plan: plan OB1408 held by iquitos-twr matches the track's route and time"


def _fail(check_id: str = "SC-10", facts: tuple[str, ...] = (PLAN,)) -> CheckResult:
    return CheckResult(check_id, Verdict.FAIL, "civil indicator", check_id, "hint", (), 500.0, facts)


def _apply(result: CheckResult, resolutions: list[Resolve], since_s: float = 360.0) -> CheckResult:
    since = {f"{result.check_id}|{f}": since_s for f in result.facts}
    return apply_resolutions([result], resolutions, since, PIC, BASELINE)[0]


def test_two_named_people_with_allowed_roles_resolve_a_civil_indicator() -> None:
    one = [Resolve(400.0, "T1", "SC-10", "plan belongs to another aircraft", "Cmdr. Ortiz")]
    assert _apply(_fail(), one).verdict is Verdict.FAIL  # one signature is not enough for a civil indicator
    two = [*one, Resolve(410.0, "T1", "SC-10", "confirmed with Iquitos", "Maj. Ruiz")]
    r = _apply(_fail(), two)
    assert r.verdict is Verdict.PASS and "Cmdr. Ortiz, Maj. Ruiz" in r.reason and r.actions == ()
    same_person_twice = [*one, Resolve(410.0, "T1", "SC-10", "again", "Cmdr.  Ortiz")]
    assert _apply(_fail(), same_person_twice).verdict is Verdict.FAIL


def test_the_2001_sign_off_before_the_block_does_not_cover_it() -> None:
    """A sign-off at t = 340 s, the plan and the tower contact found at t = 360 s: still blocked."""
    early = [Resolve(340.0, "T1", "SC-01", "no plan", "Cmdr. Ortiz"), Resolve(340.0, "T1", "SC-01", "ok", "Maj. Ruiz")]
    assert _apply(_fail("SC-01"), early, since_s=360.0).verdict is Verdict.FAIL
    j = judge_resolution(early[0], {"SC-01": _fail("SC-01")}, {f"SC-01|{PLAN}": 360.0}, early, PIC, BASELINE)
    assert not j.accepted and "before the block" in j.reason


def test_a_fact_that_arises_later_blocks_again() -> None:
    later = "atc_contact: iquitos-twr is in two-way contact with OB1408"
    result = _fail(facts=(PLAN, later))
    signed = [Resolve(400.0, "T1", "SC-10", "x", "Cmdr. Ortiz"), Resolve(400.0, "T1", "SC-10", "y", "Lt. Vega")]
    since = {f"SC-10|{PLAN}": 360.0, f"SC-10|{later}": 450.0}
    assert apply_resolutions([result], signed, since, PIC, BASELINE)[0].verdict is Verdict.FAIL


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "empty"),
        ("\u200b", "invisible"),
        ("Cmdr.\u200bOrtiz", "invisible"),
        ("Cmdr. Ortiz\x07", "control"),
        ("Gen. Nobody", "not on the roster"),
        ("trainee", "holds the role trainee"),
    ],
)
def test_authors_refused(name: str, why: str) -> None:
    problem = author_problem(name, "SC-10", PIC, BASELINE)
    assert problem is not None and why in problem
    assert (
        _apply(
            _fail(), [Resolve(400.0, "T1", "SC-10", "x", name), Resolve(400.0, "T1", "SC-10", "y", "Maj. Ruiz")]
        ).verdict
        is Verdict.FAIL
    )


def test_nfkc_makes_lookalike_names_the_same_person() -> None:
    assert normalise_name("Ｃｍｄｒ. Ortiz") == "Cmdr. Ortiz"  # full-width letters
    assert author_problem("Ｃｍｄｒ. Ortiz", "SC-10", PIC, BASELINE) is None


def test_unknown_is_never_signed_away_and_distress_never_resolved() -> None:
    unknown = CheckResult("SC-02", Verdict.UNKNOWN, "not every ATS unit asked", "SC-02", "ask", (), 500.0)
    signed = [
        Resolve(400.0, "T1", "SC-02", "no answer on guard", "Cmdr. Ortiz"),
        Resolve(400.0, "T1", "SC-02", "ok", "Maj. Ruiz"),
    ]
    assert apply_resolutions([unknown], signed, {}, PIC, BASELINE)[0] == unknown
    j = judge_resolution(signed[0], {"SC-02": unknown}, {}, signed, PIC, BASELINE)
    assert not j.accepted and "never signed away" in j.reason
    assert "never resolved in writing" in (author_problem("Cmdr. Ortiz", "SC-11", PIC, BASELINE) or "")


def test_fact_since_keeps_the_first_time_and_forgets_facts_that_went_away() -> None:
    a = update_fact_since({}, [_fail()], 100.0)
    assert a == {f"SC-10|{PLAN}": 100.0}
    assert update_fact_since(a, [_fail()], 200.0) == a
    assert update_fact_since(a, [], 300.0) == {}


_NAMES = st.sampled_from(["Cmdr. Ortiz", "Maj. Ruiz", "Lt. Vega", "trainee", "", "\u200b", "X"])
_CHECKS = st.sampled_from(["SC-01", "SC-02", "SC-09", "SC-10", "SC-11", "SC-12", "SC-05"])


@given(
    verdict=st.sampled_from(list(Verdict)),
    check=_CHECKS,
    since=st.floats(0, 1000),
    resolutions=st.lists(
        st.builds(Resolve, st.floats(0, 1000), st.just("T1"), _CHECKS, st.just("how"), _NAMES), max_size=6
    ),
)
def test_resolution_invariants(verdict: Verdict, check: str, since: float, resolutions: list[Resolve]) -> None:
    raw = CheckResult(check, verdict, "r", check, "h", (), 1000.0, (PLAN,) if verdict is Verdict.FAIL else ())
    out = apply_resolutions([raw], resolutions, {f"{check}|{PLAN}": since}, PIC, BASELINE)[0]
    if verdict is not Verdict.FAIL:
        assert out == raw  # UNKNOWN and PASS are never touched
    if all(r.t_s < since for r in resolutions):
        assert out == raw  # a resolution older than the block never clears it
    if out.verdict is Verdict.PASS and verdict is Verdict.FAIL:
        signers = {normalise_name(r.by) for r in resolutions if r.block == check and r.t_s >= since}
        assert check in ("SC-01", "SC-02", "SC-09", "SC-10", "SC-12")
        assert len(signers) >= (2 if check in ("SC-01", "SC-02", "SC-10") else 1)
        assert "trainee" not in signers


def _judged(resolution: Resolve, result: CheckResult | None, since_s: float = 360.0, others: tuple = ()):  # type: ignore[no-untyped-def,type-arg]
    raw = {} if result is None else {result.check_id: result}
    since = {} if result is None else {f"{result.check_id}|{f}": since_s for f in result.facts}
    return judge_resolution(resolution, raw, since, [*others, resolution], PIC, BASELINE)


def test_each_judgement_names_the_resolution_and_why() -> None:
    ortiz = Resolve(400.0, "T1", "SC-10", "plan of another aircraft", "Cmdr. Ortiz")
    cases = [
        (Resolve(400.0, "T1", "SC-10", "x", "Nobody"), _fail(), False, "'Nobody' is not on the roster"),
        (Resolve(400.0, "T1", "SC-10", "x", "Cmdr. Ortiz"), None, False, "SC-10 does not block: there is nothing"),
        (
            Resolve(400.0, "T1", "SC-10", "x", "Cmdr. Ortiz"),
            CheckResult("SC-10", Verdict.PASS, "none", "SC-10"),
            False,
            "SC-10 does not block",
        ),
        (ortiz, _fail(), True, "recorded; SC-10 needs 2 different named people (1 so far)"),
        (Resolve(300.0, "T1", "SC-10", "x", "Cmdr. Ortiz"), _fail(), False, "written at t = 300 s, before the block"),
    ]
    for resolution, result, accepted, reason in cases:
        j = _judged(resolution, result)
        assert j.resolution is resolution and j.accepted is accepted and j.reason.startswith(reason), j.reason
    second = _judged(Resolve(410.0, "T1", "SC-10", "confirmed", "Maj. Ruiz"), _fail(), others=(ortiz,))
    assert (second.accepted, second.reason) == (True, "recorded")
    dissent = CheckResult("SC-12", Verdict.FAIL, "dissent", "SC-12", "h", (), 500.0, ("dissent by A at t = 1 s: b",))
    assert _judged(Resolve(400.0, "T1", "SC-12", "reviewed", "Cmdr. Ortiz"), dissent).reason == "recorded"


def test_a_judgement_says_when_later_facts_still_block() -> None:
    later = "atc_contact: iquitos-twr is in two-way contact with OB1408"
    result = _fail(facts=(PLAN, later))
    since = {f"SC-10|{PLAN}": 360.0, f"SC-10|{later}": 450.0}
    signed = [Resolve(400.0, "T1", "SC-10", "x", "Cmdr. Ortiz"), Resolve(400.0, "T1", "SC-10", "y", "Maj. Ruiz")]
    j = judge_resolution(signed[1], {"SC-10": result}, since, signed, PIC, BASELINE)
    assert j.accepted and j.reason == "recorded; 1 fact(s) arose after it and still block"


def test_an_applied_resolution_says_who_and_how_and_what_it_was() -> None:
    two = [
        Resolve(400.0, "T1", "SC-10", "plan belongs to OB1409", "Maj. Ruiz"),
        Resolve(410.0, "T1", "SC-10", "confirmed by phone", "Cmdr. Ortiz"),
        Resolve(420.0, "T1", "SC-12", "not this one", "Lt. Vega"),
    ]
    r = _apply(_fail(), two)
    assert r.reason == (
        "resolved in writing by Cmdr. Ortiz, Maj. Ruiz: confirmed by phone; plan belongs to OB1409 "
        "(was: civil indicator)"
    )
    assert (r.check_id, r.verdict, r.resolve_hint, r.actions, r.facts) == ("SC-10", Verdict.PASS, "", (), (PLAN,))
    assert r.t_s == 500.0 and r.requirement == "SC-10"
    untouched = CheckResult("SC-05", Verdict.FAIL, "r", "SC-05", "h", (), 500.0, ("x",))
    assert apply_resolutions([untouched], two, {"SC-05|x": 0.0}, PIC, BASELINE) == (untouched,)
    no_facts = CheckResult("SC-10", Verdict.FAIL, "r", "SC-10", "h", (), 500.0, ())
    assert apply_resolutions([no_facts], two, {}, PIC, BASELINE) == (no_facts,)


def test_boundaries_of_the_one_rule() -> None:
    at_once = [Resolve(360.0, "T1", "SC-10", "x", "Cmdr. Ortiz"), Resolve(360.0, "T1", "SC-10", "y", "Maj. Ruiz")]
    assert _apply(_fail(), at_once, since_s=360.0).verdict is Verdict.PASS  # signed the scan the block appeared
    j = _judged(at_once[0], _fail(), since_s=360.0)
    assert j.accepted and j.resolution is at_once[0]
    unseen = judge_resolution(at_once[0], {"SC-10": _fail()}, {}, at_once, PIC, BASELINE)
    assert not unseen.accepted and unseen.reason.endswith(
        "a resolution applies only to a block that exists when it is written"
    )
    assert apply_resolutions([_fail()], at_once, {}, PIC, BASELINE)[0].verdict is Verdict.FAIL
    with_actions = CheckResult("SC-10", Verdict.FAIL, "r", "SC-10", "h", (Action("visual_id"),), 500.0, (PLAN,))
    assert _apply(with_actions, at_once).actions == ()
    last = _judged(Resolve(410.0, "T1", "SC-10", "y", "Maj. Ruiz"), _fail(), others=(at_once[0],))
    assert last.resolution.by == "Maj. Ruiz" and last.accepted


def test_what_a_refused_author_reads() -> None:
    assert author_problem("\u200b", "SC-10", PIC, BASELINE) == (
        "the author's name is empty or holds invisible or control characters"
    )
    assert author_problem("trainee", "SC-10", PIC, BASELINE) == (
        "trainee holds the role trainee; SC-10 may be resolved by duty_commander, ats_coordinator, safety_monitor"
    )


def test_an_unknown_check_refusal_in_full() -> None:
    unknown = CheckResult("SC-01", Verdict.UNKNOWN, "not every unit asked", "SC-01", "ask", (), 500.0)
    r = Resolve(400.0, "T1", "SC-01", "phoned", "Cmdr. Ortiz")
    j = judge_resolution(r, {"SC-01": unknown}, {}, [r], PIC, BASELINE)
    assert (j.resolution, j.accepted) == (r, False)
    assert j.reason == "SC-01 is UNKNOWN (not every unit asked): missing evidence is gathered, never signed away"
