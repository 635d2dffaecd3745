"""The engine never reads truth: no truth types in its signatures (the import contracts are in
test_architecture.py); a step without plots; judging against the last output; decisions that do not
depend on the order in which a scan's observations arrive."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import random
from typing import Any

import hypothesis.strategies as st
from hypothesis import given, settings

from interdict.contract.picture import Picture
from interdict.engine.assess import Assessment
from interdict.engine.engine import Engine, EngineState, StepOutput
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


@functools.cache
def _recorded(name: str, until_s: float) -> tuple[Picture, tuple[tuple[Any, ...], ...], tuple[StepOutput, ...]]:
    """A closed-loop replay's engine inputs (plots, observations, time, north markers) and outputs, per scan."""
    from interdict.replay.loop import ClosedLoop

    loop = ClosedLoop(load_scenario(SCENARIOS / "adversarial" / name), until_s=until_s)
    inputs: list[tuple[Any, ...]] = []
    outputs: list[StepOutput] = []
    real = loop.engine.step

    def recording(state: EngineState, plots: Any, observations: Any, t_s: float, north: Any = ()) -> Any:
        inputs.append((tuple(plots), tuple(observations), t_s, tuple(north)))
        new, out = real(state, plots, observations, t_s, north)
        outputs.append(out)
        return new, out

    loop.engine.step = recording  # type: ignore[method-assign]
    while not loop.done:
        loop.advance()
    return loop.picture, tuple(inputs), tuple(outputs)


@settings(max_examples=4, deadline=None)
@given(name=st.sampled_from(["bowers-crew.yaml", "invented-marks.yaml"]), rng=st.randoms(use_true_random=False))
def test_decisions_do_not_depend_on_the_order_in_which_a_scans_observations_arrive(
    name: str, rng: random.Random
) -> None:
    picture, inputs, outputs = _recorded(name, 1_500.0)
    assert sum(len(obs) > 1 for _, obs, _, _ in inputs) >= 3  # radio calls, queries and answers arrive together
    engine = Engine(picture)
    state = engine.initial_state()
    for (plots, observations, t_s, north), expected in zip(inputs, outputs, strict=True):
        mixed = list(observations)
        rng.shuffle(mixed)
        state, out = engine.step(state, plots, mixed, t_s, north)
        assert (out.recommendations, out.events, out.results) == (
            expected.recommendations,
            expected.events,
            expected.results,
        )
