"""The scorer: discoverable civil indicators, wrongful escalations, ground-cue lead time."""

from __future__ import annotations

from interdict.ladder import Recommendation, Rung
from interdict.picture import picture_of
from interdict.safety import Action
from interdict.scenario import load_scenario
from interdict.score import ScoredStep, civil_indicator_discoverable, score_replay
from interdict.strips import strip_database
from interdict.truth import build_trajectories

from .conftest import SCENARIOS

VRAEM = load_scenario(SCENARIOS / "vraem-shuttle.yaml")


def _rec(track: str, rung: Rung, t_s: float, strip: str | None = None) -> Recommendation:
    procs = (Action("cue_ground", {"strip": strip}),) if strip else ()
    return Recommendation(track, t_s, rung, rung, None, False, (), (), procs)


def test_discoverable_indicators() -> None:
    by_id = {a.id: a for a in VRAEM.aircraft}
    assert civil_indicator_discoverable(by_id["taxi-1"], VRAEM)
    assert not civil_indicator_discoverable(by_id["narco-1"], VRAEM)


def test_wrongful_escalation_and_lead_time() -> None:
    db = strip_database(picture_of(VRAEM))
    steps = [
        ScoredStep(
            1200.0,
            {"T1": "narco-1", "T2": "taxi-1"},
            (_rec("T1", Rung.GROUND_CUE, 1200.0, "cl-llochegua-03"), _rec("T2", Rung.INTERCEPT_INSTRUCT, 1200.0)),
        )
    ]
    report = score_replay(
        VRAEM, build_trajectories(VRAEM), steps, {s.strip_id: (s.east_m, s.north_m) for s in db.strips}
    )
    assert report["totals"]["wrongful_escalations"] == 1  # type: ignore[index]
    cue = report["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
    assert cue["strip"] == "cl-llochegua-03" and 450 <= cue["lead_s"] <= 505  # touchdown at 1700 s


def test_every_civil_aircraft_counts_and_operator_actions_too() -> None:
    from interdict.judge import Judgement
    from interdict.observations import CueGround, InterceptSignal

    db = strip_database(picture_of(VRAEM))
    strips = {s.strip_id: (s.east_m, s.north_m) for s in db.strips}
    allowed = ScoredStep(
        900.0,
        {"T2": "taxi-1"},
        (_rec("T2", Rung.IDENTIFY, 900.0),),
        (Judgement(InterceptSignal(900.0, "T2", 1), True, "allowed"),),
    )
    refused = ScoredStep(
        910.0,
        {"T2": "taxi-1"},
        (_rec("T2", Rung.IDENTIFY, 910.0),),
        (Judgement(CueGround(910.0, "T2", "cl-llochegua-03"), False, "held"),),
    )
    report = score_replay(VRAEM, build_trajectories(VRAEM), [allowed, refused], strips)
    totals = report["totals"]
    assert totals["civil_intercepted"] == 1 and totals["wrongful_escalations"] == 1  # type: ignore[index]
    assert totals["civil_cued"] == 0 and totals["refused_operator_actions"] == 1  # type: ignore[index]


def test_a_cue_is_correct_only_for_a_smuggler_landing_at_that_strip() -> None:
    db = strip_database(picture_of(VRAEM))
    near = {s.strip_id: (s.east_m, s.north_m) for s in db.strips}
    off = dict(near, **{"cl-llochegua-03": (near["cl-llochegua-03"][0] + 1_800.0, near["cl-llochegua-03"][1])})
    step = ScoredStep(1200.0, {"T1": "narco-1"}, (_rec("T1", Rung.GROUND_CUE, 1200.0, "cl-llochegua-03"),))
    traj = build_trajectories(VRAEM)
    assert score_replay(VRAEM, traj, [step], near)["aircraft"]["narco-1"]["ground_cue"]["correct"]  # type: ignore[index]
    assert not score_replay(VRAEM, traj, [step], off)["aircraft"]["narco-1"]["ground_cue"]["correct"]  # type: ignore[index]
