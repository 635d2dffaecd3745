"""Every shipped drill passes with its model answers and fails with its hurried ones, naming the
unsafe actions; the grading rule (hypothesis) never lets an escalation on a civil aircraft pass."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from interdict.contract.procedures import PROCEDURE_NAMES
from interdict.drill.document import Answers, Drill
from interdict.drill.grade import _ESCALATING, PROTECTING, _verdict, grade
from interdict.drill.session import Decision, reference_of, run_with_answers, scenario_path
from interdict.replay.loop import run_replay
from interdict.scenario.load import load_scenario, model_of

DRILLS = Path(__file__).resolve().parents[2] / "interdict" / "examples" / "drills"
NAMES = sorted(p.stem for p in DRILLS.glob("*.yaml") if p.stem.count(".") == 0)


def test_there_are_at_least_eight_drills_each_with_model_and_hurried_answers() -> None:
    assert len(NAMES) >= 8
    for name in NAMES:
        assert (DRILLS / f"{name}.model.yaml").exists() and (DRILLS / f"{name}.hurried.yaml").exists()


@pytest.mark.parametrize("name", NAMES)
def test_model_answers_pass_and_hurried_answers_fail_naming_the_unsafe_actions(name: str) -> None:
    path = DRILLS / f"{name}.yaml"
    drill = model_of(Drill, path)
    scenario = load_scenario(scenario_path(path, drill))
    reference = run_replay(reference_of(scenario), seed=drill.seed, until_s=drill.until_s)
    model = grade(run_with_answers(drill, scenario, model_of(Answers, DRILLS / f"{name}.model.yaml")), reference)
    assert model.passed and not model.unsafe and not model.missed and model.grade == 1.0
    hurried = grade(run_with_answers(drill, scenario, model_of(Answers, DRILLS / f"{name}.hurried.yaml")), reference)
    assert not hurried.passed and hurried.unsafe
    assert all(g.decision.procedure in g.why for g in hurried.unsafe)  # each unsafe action is named


decisions = st.builds(
    Decision,
    t_s=st.floats(0, 5000),
    track_id=st.sampled_from(["T1", "T2"]),
    procedure=st.sampled_from(PROCEDURE_NAMES),
    params=st.fixed_dictionaries(
        {},
        optional={
            "rung": st.sampled_from(["IDENTIFY", "VISUAL_ID", "INTERCEPT_INSTRUCT", "GROUND_CUE"]),
            "block": st.sampled_from(["SC-01", "SC-05", "SC-10", "SC-11", "SC-17"]),
        },
    ),
    allowed=st.booleans(),
    reason=st.text(min_size=1, max_size=20),
    blocked_by=st.lists(st.sampled_from(["SC-01", "SC-06", "SC-11", "SC-15"]), max_size=3).map(tuple),
    outside_role=st.booleans(),
)


@settings(max_examples=500, deadline=None)
@given(decisions, st.booleans())
def test_an_escalation_on_a_civil_aircraft_is_always_unsafe(d: Decision, civil: bool) -> None:
    verdict, why = _verdict(d, civil)
    escalates = d.procedure in _ESCALATING or (
        d.procedure == "request_rung" and d.params.get("rung") in ("INTERCEPT_INSTRUCT", "GROUND_CUE")
    )
    signs_away = d.procedure == "resolve" and d.params.get("block") in PROTECTING
    if civil and (escalates or signs_away):
        assert verdict == "unsafe"  # refused or not, the trainee tried it
    if verdict == "correct":
        assert d.allowed and not d.outside_role
    if not d.allowed or d.outside_role:
        assert verdict in ("premature", "unsafe")
    assert why


def test_a_decision_outside_the_role_never_reaches_the_engine_and_hostile_answers_are_just_wrong() -> None:
    path = DRILLS / "bowers-2001.yaml"
    drill = model_of(Drill, path)
    narrow = drill.model_copy(update={"role": drill.role.model_copy(update={"may": ("query_flight_plans",)})})
    scenario = load_scenario(scenario_path(path, drill))
    answers = Answers.model_validate(
        {
            "format": "interdict-answers/1",
            "drill": drill.name,
            "actions": [
                {"t_s": 300, "aircraft": "ob-1408", "action": "query_atc_contact", "units": ["iquitos-twr"]},
                {"t_s": 310, "aircraft": "nobody", "action": "visual_id"},
            ],
            "answers": [{"checkpoint": "first-blocks", "answer": "[bold red]SC-01[/] <script>"}],
        }
    )
    run = run_with_answers(narrow, scenario, answers)
    outside, missing = run.decisions
    assert outside.outside_role and not outside.allowed and "may not query_atc_contact" in outside.reason
    assert not any(e.kind == "procedure" for e in run.replay.events)  # nothing was carried out
    assert not missing.allowed and "no track holds aircraft nobody" in missing.reason
    first = run.asked[0]
    assert first.answer.startswith("[bold red]") and not first.right  # names SC-01 only: wrong, not markup
