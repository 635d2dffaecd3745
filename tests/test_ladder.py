"""Ladder invariants (hypothesis): gates hold for every recommended rung, nothing exceeds the ceiling,
civil indicators keep everything above VISUAL_ID shut."""

from __future__ import annotations

import os

import hypothesis.strategies as st
from hypothesis import given, settings

from interdict.ladder import GATES, NEXT, Rung, recommend
from interdict.safety import CHECKS, Action, CheckResult, Verdict

# INTERDICT_HYPOTHESIS_EXAMPLES lowers the count for mutation runs (README, developers).
_EXAMPLES = int(os.environ.get("INTERDICT_HYPOTHESIS_EXAMPLES", "300"))
verdicts = st.sampled_from(list(Verdict))
results = st.fixed_dictionaries({cid: verdicts for cid in CHECKS}).map(
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


def test_distress_de_escalates() -> None:
    rec = recommend("T1", Rung.VISUAL_ID, _all(Verdict.PASS, SC_11=Verdict.FAIL), 0.0)
    assert rec.rung is Rung.IDENTIFY and "de-escalate" in rec.note


def test_serialised_values_are_the_contract() -> None:
    # audit records and events carry these strings: they must not drift
    from interdict.safety import Verdict
    from interdict.scenario import RUNGS

    assert [v.value for v in Verdict] == ["PASS", "FAIL", "UNKNOWN"]
    assert tuple(r.value for r in Rung) == RUNGS and all(r.name == r.value for r in Rung)
    assert [r.level for r in Rung] == list(range(6))
