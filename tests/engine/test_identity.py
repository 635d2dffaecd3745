"""Evidence per aircraft identity: quarantine on ambiguity, lineage, and the whole per-track decision
path (evidence -> checks -> resolutions -> ladder) under random observation streams."""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.contract.observations import (
    AtcContactAnswer,
    FlightPlanAnswer,
    InterceptReply,
    InterceptResponse,
    Observation,
    Phrase,
    RadioReply,
    VisualIdReport,
)
from interdict.contract.procedures import Dissent, InterceptSignal, QueryFlightPlans, RadioCall, RequestRung, Resolve
from interdict.engine.assess import Around, assess
from interdict.engine.engine import Engine
from interdict.engine.evidence import CivilIndicator
from interdict.engine.identity import IdentityFile, contradiction, file_observations, inherit, quarantine
from interdict.engine.ladder import Rung
from interdict.engine.lineage import TrackMemory
from interdict.engine.resolutions import normalise_name
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Verdict, run_checks
from interdict.engine.setting import setting_of
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS

# CI draws 1,000 repeatable examples; INTERDICT_SAFETY_EXAMPLES=100000 is the long profile (README).
_EXAMPLES = int(os.environ.get("INTERDICT_SAFETY_EXAMPLES", os.environ.get("INTERDICT_HYPOTHESIS_EXAMPLES", "1000")))

_SCENARIO = load_scenario(SCENARIOS / "bowers-2001.yaml")
_DATA = _SCENARIO.model_dump(mode="json")
_DATA["authorities"] = [
    {"name": "Cmdr. Ortiz", "role": "duty_commander"},
    {"name": "Maj. Ruiz", "role": "ats_coordinator"},
    {"name": "trainee", "role": "trainee"},
]
PIC = picture_of(Scenario.model_validate(_DATA))
ENGINE = Engine(PIC)
SETTING = setting_of(PIC, BASELINE, audited=True)


def _assess(
    mem: TrackMemory,
    track: TrackState,
    new: Sequence[Observation],
    destination: None,
    live: Sequence[TrackState],
    others: frozenset[str],
    t_s: float,
) -> tuple[Any, ...]:
    a = assess(SETTING, mem, track, new, Around(destination, live, others, t_s))
    return a.memory, a.evidence, a.checks, a.recommendation, a.events


PLANS = _SCENARIO.flight_plans
CIVIL_TWO = ("SC-01", "SC-02", "SC-10")


def _track(t_s: float, tid: str = "T7", mode_a: str | None = None) -> TrackState:
    e, n, _ = PIC.frame.point_to_enu(-3.35, -71.9, 0.0)  # near Pebas, flying west on OB1408's route
    return TrackState(
        track_id=tid,
        t_s=t_s,
        status=TrackStatus.CONFIRMED,
        x=np.array([e, -70.0, n, -5.0]),
        P=np.eye(4) * 400.0,
        created_t_s=0.0,
        last_update_t_s=t_s - 5.0,
        n_updates=40,
        alt_m=1370.0,
        alt_rate_mps=0.0,
        mode_a=mode_a,
    )


def _ind(kind: str, source: str, tid: str = "T1") -> CivilIndicator:
    return CivilIndicator(kind, f"{kind} seen", 100.0, source, tid)


def test_quarantine_moves_everything_carries_dissents_and_drops_resolutions() -> None:
    a = IdentityFile(
        "T1",
        observations=(Dissent(50.0, "T1", "monitor", "looks civil"), Resolve(60.0, "T1", "SC-12", "x", "y")),
        held=(_ind("squawk", "squawk:0437"),),
    )
    b = IdentityFile("T2", held=(_ind("atc_contact", "atc:lima-acc", "T2"),))
    q = quarantine(a, [b], 200.0, "close")
    assert q.held == () and q.clear_since_t_s == 200.0
    assert {c.kind for c in q.quarantine} == {"squawk", "atc_contact"} and all(c.quarantined for c in q.quarantine)
    assert [type(o).__name__ for o in q.observations] == ["Dissent"]  # blocks carry over, permissions never
    late = FlightPlanAnswer(230.0, "T1", "lima-acc", (), asked_t_s=150.0)
    fresh = FlightPlanAnswer(260.0, "T1", "lima-acc", (), asked_t_s=210.0)
    filed = file_observations(q, [late, fresh], [])
    assert fresh in filed.observations and late not in filed.observations
    heir = inherit("T9", [q], 300.0, "may continue T1")
    assert heir.lineage == ("T1",) and {c.kind for c in heir.quarantine} == {"squawk", "atc_contact"}
    assert inherit("T9", [], 300.0, "").quarantine == ()


def test_a_visual_report_that_contradicts_an_earlier_one_is_an_ambiguity() -> None:
    first = VisualIdReport(100.0, "T1", None, "C210", False)
    file = IdentityFile("T1", observations=(first,))
    assert contradiction(file, [VisualIdReport(900.0, "T1", None, "C210", False)]) is None
    why = contradiction(file, [VisualIdReport(900.0, "T1", "OB-1544", "C206", False)])
    assert why is not None and "contradicts" in why


def test_quarantined_indicator_blocks_until_its_source_answers_again() -> None:
    q = quarantine(
        IdentityFile("T7", held=(CivilIndicator("atc_contact", "lima-acc in contact", 100.0, "atc:lima-acc", "T3"),)),
        [],
        200.0,
        "close",
    )
    mem = TrackMemory(Rung.MONITOR, q)
    _, ev, checks, _, _ = _assess(mem, _track(300.0), [], None, [], frozenset(), 300.0)
    sc10 = {c.check_id: c for c in checks}["SC-10"]
    assert sc10.verdict is Verdict.FAIL and "quarantined" in sc10.reason
    assert any(a.action == "query_atc_contact" for a in sc10.actions)
    answer = AtcContactAnswer(330.0, "T7", "lima-acc", False, None, asked_t_s=300.0)
    _, ev, checks, _, _ = _assess(mem, _track(340.0), [answer], None, [], frozenset(), 340.0)
    assert ev.quarantined == () and {c.check_id: c for c in checks}["SC-10"].verdict is Verdict.PASS


def test_a_squawk_stays_with_the_track_that_shows_it() -> None:
    q = quarantine(IdentityFile("T7", held=(_ind("squawk", "squawk:0437", "T7"),)), [], 200.0, "close")
    mem = TrackMemory(Rung.MONITOR, q)
    _, ev, _, _, _ = _assess(mem, _track(300.0), [], None, [], frozenset(), 300.0)
    assert [c.kind for c in ev.quarantined] == ["squawk"]  # nobody shows it: it may be this aircraft's
    _, ev, _, _, _ = _assess(mem, _track(300.0), [], None, [], frozenset({"0437"}), 300.0)
    assert ev.quarantined == ()  # another track shows 0437 now: it was that aircraft's


def test_a_plan_match_is_held_through_an_orbit() -> None:
    answers = [
        FlightPlanAnswer(100.0, "T7", u, tuple(p for p in PLANS if u in p.held_by), asked_t_s=70.0)
        for u in ("iquitos-twr", "lima-acc")
    ]
    mem = TrackMemory(Rung.MONITOR, IdentityFile("T7"))
    mem, ev, _, _, _ = _assess(mem, _track(1000.0), answers, None, [], frozenset(), 1000.0)
    assert ev.matching_plans
    turned = _track(1010.0)
    turned = TrackState(
        track_id="T7",
        t_s=1010.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([turned.east_m, 70.0, turned.north_m, 5.0]),
        P=turned.P,
        created_t_s=0.0,
        last_update_t_s=1005.0,
        n_updates=41,
        alt_m=1370.0,
        alt_rate_mps=0.0,
        mode_a=None,
    )  # heading back east, away from the route's course
    _, ev, _, _, _ = _assess(mem, turned, [], None, [], frozenset(), 1010.0)
    assert ev.matching_plans  # held: an orbit or a turn does not make the plan stop matching


# --- the whole per-track decision path under random streams ------------------------------------

_UNITS = ("iquitos-twr", "lima-acc")
_FREQS = (121.5, 118.1, 128.3)


def _observation(draw: st.DrawFn, t_s: float) -> Observation:
    kind = draw(st.integers(0, 11))
    asked = t_s - draw(st.sampled_from([0.0, 30.0, 600.0]))
    unit, freq = draw(st.sampled_from(_UNITS)), draw(st.sampled_from(_FREQS))
    if kind == 0:
        plans = tuple(p for p in PLANS if unit in p.held_by) if draw(st.booleans()) else ()
        return FlightPlanAnswer(t_s, "T7", unit, plans, asked)
    if kind == 1:
        return AtcContactAnswer(t_s, "T7", unit, draw(st.booleans()), None, asked)
    if kind == 2:
        return RadioCall(t_s, "T7", freq, draw(st.sampled_from(["es", "en", "pt"])))
    if kind == 3:
        return RadioReply(
            t_s, "T7", freq, "es", draw(st.sampled_from(list(Phrase))), draw(st.sampled_from([None, "OB1408"])), asked
        )
    if kind == 4:
        return VisualIdReport(
            t_s,
            "T7",
            draw(st.sampled_from([None, "OB-1408"])),
            draw(st.sampled_from(["C185", "C210"])),
            draw(st.sampled_from([None, True, False])),
            asked,
        )
    if kind == 5:
        return InterceptSignal(t_s, "T7", 1)
    if kind == 6:
        return InterceptResponse(t_s, "T7", 1, draw(st.sampled_from(list(InterceptReply))), asked)
    if kind == 7:
        return Dissent(t_s, "T7", "monitor", "looks civil")
    if kind == 8:
        return RequestRung(t_s, "T7", draw(st.sampled_from([r.value for r in Rung])))
    if kind == 9:
        return QueryFlightPlans(t_s, "T7", _UNITS)
    return Resolve(
        t_s,
        "T7",
        draw(st.sampled_from(["SC-01", "SC-02", "SC-09", "SC-10", "SC-11", "SC-12"])),
        "how",
        draw(st.sampled_from(["Cmdr. Ortiz", "Maj. Ruiz", "trainee", "\u200b", "Nobody"])),
    )


@st.composite
def _streams(draw: st.DrawFn) -> list[tuple[float, list[Observation], bool, str | None]]:
    steps = []
    for k in range(1, draw(st.integers(1, 8)) + 1):
        t_s = 200.0 * k
        obs = [_observation(draw, t_s) for _ in range(draw(st.integers(0, 6)))]
        steps.append(
            (t_s, obs, draw(st.booleans()) and draw(st.booleans()), draw(st.sampled_from([None, None, "0437", "7700"])))
        )
    return steps


def _run(steps: list[tuple[float, list[Observation], bool, str | None]], shuffle: int | None = None) -> list[tuple]:
    mem = TrackMemory(Rung.MONITOR, IdentityFile("T7"))
    out = []
    other = IdentityFile(
        "T8", held=(CivilIndicator("atc_contact", "lima-acc in contact with OB1544", 50.0, "atc:lima-acc", "T8"),)
    )
    for t_s, obs, ambiguous, squawk in steps:
        if ambiguous:
            mem = TrackMemory(
                mem.rung,
                quarantine(mem.file, [other], t_s - 1.0, "close"),
                mem.courses_rad,
                mem.origin,
                mem.fact_since,
                mem.last_key,
            )
        batch = list(obs)
        if shuffle is not None:
            random.Random(shuffle).shuffle(batch)
        mem, ev, checks, rec, _ = _assess(mem, _track(t_s, mode_a=squawk), batch, None, [], frozenset(), t_s)
        out.append((rec.rung, tuple((c.check_id, c.verdict) for c in checks), ev, checks, mem))
    return out


def _unresolved_civil(ev, checks, mem) -> bool:  # type: ignore[no-untyped-def]
    """Independently of resolutions.py: a civil fact not signed, after it arose, by two allowed people."""
    roster = {"Cmdr. Ortiz", "Maj. Ruiz"}
    facts = [c.fact for c in (*ev.civil_indicators, *ev.quarantined) if c.kind not in ("distress", "medevac")]
    for fact in facts:
        since = mem.fact_since.get(f"SC-10|{fact}")
        signers = {
            normalise_name(r.by) for r in ev.resolutions if r.block == "SC-10" and since is not None and r.t_s >= since
        } & roster
        if len(signers) < 2:
            return True
    return False


@settings(max_examples=_EXAMPLES)
@given(steps=_streams(), seed=st.integers(0, 10))
def test_decision_path_invariants(steps: list[tuple[float, list[Observation], bool, str | None]], seed: int) -> None:
    runs = _run(steps)
    for rung, _, ev, checks, mem in runs:
        raw = {c.check_id: c for c in run_checks(ev, _ctx(ev.t_s))}
        final = {c.check_id: c for c in checks}
        for check_id, r in raw.items():
            if r.verdict is Verdict.UNKNOWN:
                assert final[check_id].verdict is Verdict.UNKNOWN  # no UNKNOWN is ever signed away
            if final[check_id].verdict is Verdict.PASS and r.verdict is Verdict.FAIL and check_id in CIVIL_TWO:
                signers = {normalise_name(x.by) for x in ev.resolutions if x.block == check_id}
                assert len(signers & {"Cmdr. Ortiz", "Maj. Ruiz"}) >= 2
        assert final["SC-11"].verdict is raw["SC-11"].verdict  # distress is never resolved in writing
        if _unresolved_civil(ev, checks, mem):
            assert rung.level <= Rung.VISUAL_ID.level and rung is not Rung.GROUND_CUE
    # observations arriving in the same scan: the decisions do not depend on their order
    assert [r[:2] for r in _run(steps, shuffle=seed)] == [r[:2] for r in runs]


def _ctx(t_s: float):  # type: ignore[no-untyped-def]
    from interdict.engine.safety import CheckContext

    return CheckContext(PIC, BASELINE, t_s, True, {}, None)


def test_quarantine_and_inheritance_in_full() -> None:
    a = IdentityFile("T1", lineage=("T0",), held=(_ind("squawk", "squawk:0437"),))
    q = quarantine(a, [], 200.0, "why")
    assert (q.track_id, q.lineage, q.held, q.clear_since_t_s) == ("T1", ("T0",), (), 200.0)
    assert q.ambiguity is not None
    assert q.ambiguity.t_s == 200.0 and q.ambiguity.tracks == ("T1",) and q.ambiguity.why == "why"
    again = quarantine(q, [IdentityFile("T2")], 210.0, "close")
    assert again.ambiguity is not None and again.ambiguity.tracks == ("T1", "T2") and len(again.quarantine) == 1
    heir = inherit("T9", [again], 300.0, "may continue T1")
    assert heir.track_id == "T9" and heir.clear_since_t_s == 300.0 and heir.ambiguity is not None
    assert heir.ambiguity.why == "may continue T1"
    assert heir.quarantine == again.quarantine and heir.held == ()
    assert inherit("T9", [], 300.0, "x") == IdentityFile("T9")
    late = FlightPlanAnswer(230.0, "T1", "lima-acc", (), asked_t_s=200.0)  # asked at the ambiguity itself: old
    assert not again.is_fresh(late) and again.is_fresh(FlightPlanAnswer(230.0, "T1", "lima-acc", (), asked_t_s=210.5))
    filed = file_observations(again, [late], [_ind("flight_plan", "plans:lima-acc")])
    assert {c.kind for c in filed.quarantine} == {"squawk", "flight_plan"} and filed.observations == ()


def test_a_fact_passed_through_many_track_ids_is_quarantined_once() -> None:
    """A file's cost must not grow with its age: re-forming tracks hand the same facts on, not copies."""
    file = IdentityFile("T0", held=(_ind("squawk", "squawk:0437"), _ind("flight_plan", "plans:lima-acc")))
    for k in range(1, 200):
        file = inherit(f"T{k}", [file], 10.0 * k, f"may continue T{k - 1}")
        file = quarantine(file, [IdentityFile(f"X{k}", held=(_ind("squawk", "squawk:0437"),))], 10.0 * k + 5, "close")
    assert len(file.quarantine) == 2 and {c.kind for c in file.quarantine} == {"squawk", "flight_plan"}
    assert all(c.quarantined for c in file.quarantine)
    assert file.ambiguity is not None and file.ambiguity.tracks == ("T199", "X199")


def test_a_contradiction_names_both_reports() -> None:
    file = IdentityFile("T1", observations=(VisualIdReport(100.0, "T1", None, "C210", False),))
    why = contradiction(file, [VisualIdReport(900.0, "T1", "OB-1544", None, False)])
    assert why == (
        "visual report at t = 900 s (registration OB-1544, type ?) contradicts the one at t = 100 s "
        "(registration none, type C210)"
    )
    two_new = [VisualIdReport(800.0, "T1", "OB-1", "C206", False), VisualIdReport(900.0, "T1", "OB-2", "C206", False)]
    assert contradiction(IdentityFile("T1"), two_new) is not None


def test_reachable() -> None:
    from interdict.engine.identity import reachable

    assert reachable(100.0, 14_000.0, speed_mps=100.0, margin_m=5_000.0)
    assert reachable(100.0, 15_000.0, speed_mps=100.0, margin_m=5_000.0)
    assert not reachable(100.0, 15_001.0, speed_mps=100.0, margin_m=5_000.0)
    assert reachable(-50.0, 5_000.0, speed_mps=100.0, margin_m=5_000.0)  # a negative gap counts as none
    assert not reachable(-50.0, 5_001.0, speed_mps=100.0, margin_m=5_000.0)
    assert not reachable(100.0, float("nan"), speed_mps=100.0, margin_m=5_000.0)


def test_freshness_boundary_and_contradiction_wording() -> None:
    q = quarantine(IdentityFile("T1"), [], 210.0, "close")
    assert not q.is_fresh(FlightPlanAnswer(230.0, "T1", "lima-acc", (), asked_t_s=210.0))  # asked at the ambiguity
    assert q.is_fresh(FlightPlanAnswer(230.0, "T1", "lima-acc", (), asked_t_s=210.001))
    assert not q.is_fresh(FlightPlanAnswer(230.0, "T1", "lima-acc", ()))  # asked when, unknown: old
    assert IdentityFile("T1").is_fresh(FlightPlanAnswer(230.0, "T1", "lima-acc", ()))
    file = IdentityFile("T1", observations=(VisualIdReport(100.0, "T1", "OB-1", None, False),))
    assert contradiction(file, [VisualIdReport(900.0, "T1", None, "C210", False)]) == (
        "visual report at t = 900 s (registration none, type C210) contradicts the one at t = 100 s "
        "(registration OB-1, type ?)"
    )


def test_a_plan_settled_as_another_aircraft_s_is_a_permission_never_carried_through_an_ambiguity() -> None:
    """`disowned` (a plan whose aircraft reported itself elsewhere) lifts a block: a quarantine, or a new
    track inheriting the file, starts without it, so the plan blocks again until its unit is asked anew."""
    settled = IdentityFile("T1", disowned=frozenset({("lima-acc", "OB1802")}))
    assert quarantine(settled, [], 500.0, "tracks crossed").disowned == frozenset()
    assert inherit("T2", [settled], 500.0, "may continue T1").disowned == frozenset()
