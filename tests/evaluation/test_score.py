"""The scorer: discoverable civil indicators, wrongful escalations, ground-cue lead time."""

from __future__ import annotations

from interdict.engine.destinations import strip_database
from interdict.engine.ladder import Recommendation, Rung
from interdict.engine.safety import Action
from interdict.evaluation.score import ScoredStep, civil_indicator_discoverable, score_replay
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.trajectories import build_trajectories
from tests.conftest import SCENARIOS, make_recommendation

VRAEM = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
STRIPS = {s.strip_id: (s.east_m, s.north_m) for s in strip_database(picture_of(VRAEM)).strips}


def _rec(track: str, rung: Rung, t_s: float, strip: str | None = None, team: str | None = None) -> Recommendation:
    procs = (Action("cue_ground", {"strip": strip, **({"team": team} if team else {})}),) if strip else ()
    return make_recommendation(track_id=track, t_s=t_s, rung=rung, procedures=procs)


def test_discoverable_indicators() -> None:
    by_id = {a.id: a for a in VRAEM.aircraft}
    assert civil_indicator_discoverable(by_id["taxi-1"], VRAEM)
    assert not civil_indicator_discoverable(by_id["narco-1"], VRAEM)


def test_wrongful_escalation_and_lead_time() -> None:
    steps = [
        ScoredStep(
            1200.0,
            {"T1": "narco-1", "T2": "taxi-1"},
            (_rec("T1", Rung.GROUND_CUE, 1200.0, "cl-llochegua-03"), _rec("T2", Rung.INTERCEPT_INSTRUCT, 1200.0)),
        )
    ]
    report = score_replay(VRAEM, build_trajectories(VRAEM), steps, STRIPS)
    assert report["totals"]["wrongful_escalations"] == 1  # type: ignore[index]
    cue = report["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
    assert cue["strip"] == "cl-llochegua-03" and 450 <= cue["lead_s"] <= 505  # touchdown at 1700 s


def test_every_civil_aircraft_counts_and_operator_actions_too() -> None:
    from interdict.contract.procedures import CueGround, InterceptSignal
    from interdict.engine.judge import Judgement

    strips = STRIPS
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
    near = STRIPS
    off = dict(near, **{"cl-llochegua-03": (near["cl-llochegua-03"][0] + 1_800.0, near["cl-llochegua-03"][1])})
    step = ScoredStep(1200.0, {"T1": "narco-1"}, (_rec("T1", Rung.GROUND_CUE, 1200.0, "cl-llochegua-03"),))
    traj = build_trajectories(VRAEM)
    assert score_replay(VRAEM, traj, [step], near)["aircraft"]["narco-1"]["ground_cue"]["correct"]  # type: ignore[index]
    assert not score_replay(VRAEM, traj, [step], off)["aircraft"]["narco-1"]["ground_cue"]["correct"]  # type: ignore[index]


NO_TEAM = {"team": None, "team_arrival_s": None, "actionable": False}


def test_the_whole_report_for_a_run_with_cues_actions_and_refusals() -> None:
    from interdict.contract.procedures import CueGround, InstructLand, InterceptSignal
    from interdict.engine.judge import Judgement

    strips = STRIPS
    steps = [
        ScoredStep(
            100.0,
            {"T1": "narco-1", "T2": "taxi-1"},
            (_rec("T1", Rung.IDENTIFY, 100.0), _rec("T2", Rung.IDENTIFY, 100.0)),
        ),
        ScoredStep(
            1000.0,
            {"T1": "narco-1", "T2": "taxi-1", "T3": None},
            (_rec("T1", Rung.GROUND_CUE, 1000.0, "cl-llochegua-03"), _rec("T2", Rung.VISUAL_ID, 1000.0)),
            (
                Judgement(CueGround(1000.0, "T1", "cl-llochegua-03"), True, "ok"),
                Judgement(InstructLand(1000.0, "T2", "SPAY"), True, "ok"),
                Judgement(InterceptSignal(1000.0, "T2", 1), False, "held"),
                Judgement(InterceptSignal(1000.0, "T3", 1), True, "ok"),
            ),
        ),
        ScoredStep(
            1100.0,
            {"T1": "narco-1", "T2": "taxi-1"},
            (_rec("T1", Rung.GROUND_CUE, 1100.0, "cl-ene-07"), _rec("T2", Rung.IDENTIFY, 1100.0)),
        ),
    ]
    report = score_replay(VRAEM, build_trajectories(VRAEM), steps, strips)
    narco, taxi = report["aircraft"]["narco-1"], report["aircraft"]["taxi-1"]  # type: ignore[index]
    assert narco == {
        "role": "smuggler",
        "registration": "CP-2890",
        "tracks": ["T1"],
        "max_rung": "GROUND_CUE",
        "ground_cue": {
            "strip": "cl-llochegua-03",
            "strips": [],
            "landed_at": "cl-llochegua-03",
            "t_s": 1000.0,
            "by": "recommendation",
            "lead_s": 700.0,
            "correct": True,
            **NO_TEAM,
        },
        "cues": [  # the move to cl-ene-07 is a second cue, and a wrong one
            {"strip": "cl-llochegua-03", "t_s": 1000.0, "by": "recommendation", "lead_s": 700.0, "correct": True}
            | {"strips": [], "landed_at": "cl-llochegua-03"}
            | NO_TEAM,
            {"strip": "cl-ene-07", "t_s": 1100.0, "by": "recommendation", "lead_s": None, "correct": False}
            | {"strips": [], "landed_at": None}
            | NO_TEAM,
        ],
        "intercepted": False,
        "instructed_to_land": False,
        "released": False,
        "met_on_arrival": None,
        "grounds": [],
        "civil_indicator_discoverable": False,
    }
    assert taxi == {
        "role": "civil",
        "registration": "OB-1230",
        "tracks": ["T2"],
        "max_rung": "VISUAL_ID",
        "ground_cue": None,
        "cues": [],
        "intercepted": False,  # the only interception signal to it was refused
        "instructed_to_land": True,
        "released": False,
        "met_on_arrival": None,
        "grounds": [],
        "civil_indicator_discoverable": True,
    }
    assert report["totals"] == {  # type: ignore[index]
        "wrongful_escalations": 1,
        "civil_cued": 0,
        "civil_intercepted": 0,
        "civil_instructed_to_land": 1,
        "state_cued": 0,
        "state_intercepted": 0,
        "state_instructed_to_land": 0,
        "refused_operator_actions": 1,
        "smugglers_cued": 1,
        "smugglers_cued_before_landing": 1,
        "released": 0,
        "met_on_arrival": 0,
        "sent_without_grounds": 0,
    }


def test_an_operator_cue_counts_when_no_recommendation_cued() -> None:
    from interdict.contract.procedures import CueGround
    from interdict.engine.judge import Judgement

    strips = STRIPS
    steps = [
        ScoredStep(
            1200.0,
            {"T2": "taxi-1", "T1": "narco-1"},
            (_rec("T2", Rung.RADIO_CONTACT, 1200.0),),
            (
                Judgement(CueGround(1200.0, "T2", "cl-ene-07"), True, "ok"),
                Judgement(CueGround(1200.0, "T1", "cl-ene-07"), True, "ok"),
            ),
        )
    ]
    report = score_replay(VRAEM, build_trajectories(VRAEM), steps, strips)
    cue = report["aircraft"]["taxi-1"]["ground_cue"]  # type: ignore[index]
    assert (
        cue
        == {"strip": "cl-ene-07", "t_s": 1200.0, "by": "operator", "lead_s": None, "correct": False}
        | {
            "strips": [],
            "landed_at": None,
        }
        | NO_TEAM
    )
    assert report["totals"]["civil_cued"] == 1 and report["totals"]["wrongful_escalations"] == 1  # type: ignore[index]
    wrong = report["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
    assert wrong["correct"] is False and report["totals"]["smugglers_cued"] == 1  # type: ignore[index]
    assert report["totals"]["smugglers_cued_before_landing"] == 0  # type: ignore[index]


def test_discoverable_is_defined_from_the_world_alone() -> None:
    base = VRAEM.model_dump(mode="json")
    narco = base["aircraft"][0]

    def discoverable(**change: object) -> bool:
        data = {**base, "aircraft": [{**narco, **change}], "flight_plans": base["flight_plans"]}
        scenario = type(VRAEM).model_validate(data)
        return civil_indicator_discoverable(scenario.aircraft[0], scenario)

    assert not discoverable()
    assert discoverable(registration="OB-1230")  # a plan and a register entry under its registration
    assert discoverable(callsign="OB1230")  # a plan under its call sign only
    assert discoverable(radio={"monitors_mhz": [121.5], "replies": True, "language": "es", "in_contact_with": []})
    assert discoverable(radio={"monitors_mhz": [128.3], "replies": True, "language": "es", "in_contact_with": []})
    assert not discoverable(radio={"monitors_mhz": [121.5], "replies": False, "language": "es", "in_contact_with": []})
    assert not discoverable(radio={"monitors_mhz": [123.45], "replies": True, "language": "es", "in_contact_with": []})
    assert discoverable(radio={"monitors_mhz": [], "replies": False, "language": "es", "in_contact_with": ["lima-acc"]})
    assert discoverable(transponder={"mode_a": "1200", "altitude": True})
    assert discoverable(on_intercept="comply") and discoverable(on_intercept="distress")
    assert not discoverable(on_intercept="cannot_comply")


def test_touchdown_and_departure_bound_the_first_stay_on_the_strip() -> None:
    from interdict.evaluation.score import _on_strip_s

    strip = STRIPS["cl-llochegua-03"]
    narco = {t.aircraft_id: t for t in build_trajectories(VRAEM)}["narco-1"]
    stay = _on_strip_s(narco, strip, 0.0)
    assert stay is not None and 1_650.0 <= stay[0] <= 1_700.0 and narco.on_ground_at([stay[0]])[0]
    assert stay[1] > stay[0] + 300.0 and not narco.on_ground_at([stay[1] + 60.0])[0]
    assert _on_strip_s(narco, strip, 2_400.0) is None  # it left and never came back
    assert _on_strip_s(narco, (strip[0] + 1_200.0, strip[1]), 0.0) is None  # 1.2 km off: not this strip
    assert _on_strip_s(narco, strip, narco.t_end_s + 10.0) is None


def test_a_correct_cue_is_actionable_only_when_its_team_arrives_before_the_departure() -> None:
    from interdict.engine.teams import arrival_s
    from interdict.scenario.picture_of import picture_of

    near = {"id": "near", "base": "cl-llochegua-03", "cruise_speed_kt": 120, "readiness_s": 300}
    slow = {"id": "slow", "base": "SPMF", "cruise_speed_kt": 60, "readiness_s": 3_000}
    data = VRAEM.model_dump(mode="json")
    data["police_teams"] = [near, slow]
    scenario = type(VRAEM).model_validate(data)
    picture = picture_of(scenario)
    assert arrival_s(picture, "near", "cl-llochegua-03", 1_000.0) == 1_300.0  # based on the strip itself
    assert arrival_s(picture, "nobody", "cl-llochegua-03", 1_000.0) is None

    def cue(team: str) -> dict[str, object]:
        step = ScoredStep(1_200.0, {"T1": "narco-1"}, (_rec("T1", Rung.GROUND_CUE, 1_200.0, "cl-llochegua-03", team),))
        report = score_replay(scenario, build_trajectories(scenario), [step], STRIPS)
        return report["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index,no-any-return]

    assert cue("near")["correct"] and cue("near")["actionable"] and cue("near")["team_arrival_s"] == 1_500.0
    assert cue("slow")["correct"] and not cue("slow")["actionable"]


def test_a_team_put_on_stand_by_before_the_cue_lifts_off_sooner_and_only_then() -> None:
    from interdict.contract.procedures import AlertTeam
    from interdict.engine.judge import Judgement

    near = {"id": "near", "base": "cl-llochegua-03", "cruise_speed_kt": 120, "readiness_s": 300, "standby_s": 60}
    data = VRAEM.model_dump(mode="json")
    data["police_teams"] = [near]
    scenario = type(VRAEM).model_validate(data)

    def arrival(alert_t_s: float | None, allowed: bool = True) -> object:
        judged = () if alert_t_s is None else (Judgement(AlertTeam(alert_t_s, "T9", "near", "cl-x"), allowed, ""),)
        early = ScoredStep(alert_t_s or 0.0, {"T9": None}, (), judged)
        step = ScoredStep(
            1_200.0, {"T1": "narco-1"}, (_rec("T1", Rung.GROUND_CUE, 1_200.0, "cl-llochegua-03", "near"),)
        )
        report = score_replay(scenario, build_trajectories(scenario), [early, step], STRIPS)
        return report["aircraft"]["narco-1"]["ground_cue"]["team_arrival_s"]  # type: ignore[index]

    assert arrival(None) == 1_500.0
    assert arrival(600.0) == 1_260.0  # on stand-by for 600 s: 60 s to lift off (any track's alert counts)
    assert arrival(1_100.0) == 1_400.0  # 100 s of stand-by save 100 s
    assert arrival(600.0, allowed=False) == 1_500.0  # a refused alert was not carried out
    assert arrival(1_300.0) == 1_500.0  # after the cue: nothing saved


def test_totals_add_up_over_several_civil_aircraft_and_steps() -> None:
    from interdict.contract.procedures import CueGround, InstructLand, InterceptSignal, QueryFlightPlans
    from interdict.engine.judge import Judgement

    data = VRAEM.model_dump(mode="json")
    twin = {**data["aircraft"][1], "id": "taxi-2", "registration": "OB-1231"}
    data["aircraft"].append(twin)
    data["registry"].append({**data["registry"][0], "registration": "OB-1231"})
    scenario = type(VRAEM).model_validate(data)
    db = strip_database(picture_of(scenario))
    strips = {s.strip_id: (s.east_m, s.north_m) for s in db.strips}
    holder = {"T2": "taxi-1", "T3": "taxi-2", "T1": "narco-1"}

    def step(t_s: float, *judged: Judgement) -> ScoredStep:
        recs = (_rec("T2", Rung.GROUND_CUE, t_s, "cl-ene-07"), _rec("T3", Rung.INTERCEPT_INSTRUCT, t_s))
        return ScoredStep(t_s, holder, recs, judged)

    steps = [
        step(
            1000.0,
            Judgement(InterceptSignal(1000.0, "T2", 1), True, "ok"),
            Judgement(InterceptSignal(1000.0, "T3", 1), True, "ok"),
            Judgement(InstructLand(1000.0, "T3", "SPAY"), True, "ok"),
            Judgement(InstructLand(1000.0, "T2", "SPAY"), True, "ok"),
            Judgement(CueGround(1000.0, "T1", "cl-llochegua-03"), True, "ok"),
        ),
        step(1010.0, Judgement(QueryFlightPlans(1010.0, "T2", ("lima-acc",)), True, "ok")),
        ScoredStep(1020.0, holder, (_rec("T1", Rung.GROUND_CUE, 1020.0, "cl-llochegua-03"),)),
    ]
    report = score_replay(scenario, build_trajectories(scenario), steps, strips)
    assert report["totals"] == {  # type: ignore[index]
        "wrongful_escalations": 2,
        "civil_cued": 1,
        "civil_intercepted": 2,
        "civil_instructed_to_land": 2,
        "state_cued": 0,
        "state_intercepted": 0,
        "state_instructed_to_land": 0,
        "refused_operator_actions": 0,
        "smugglers_cued": 1,
        "smugglers_cued_before_landing": 1,
        "released": 0,
        "met_on_arrival": 0,
        "sent_without_grounds": 0,
    }
    taxi = report["aircraft"]["taxi-1"]  # type: ignore[index]
    assert taxi["intercepted"] is True and taxi["ground_cue"]["by"] == "recommendation"  # type: ignore[index]
    assert report["aircraft"]["taxi-2"]["max_rung"] == "INTERCEPT_INSTRUCT"  # type: ignore[index]


def test_a_register_entry_alone_is_discoverable() -> None:
    data = VRAEM.model_dump(mode="json")
    narco = {**data["aircraft"][0], "registration": "OB-7777"}
    data["aircraft"] = [narco]
    plain = type(VRAEM).model_validate(data)
    assert not civil_indicator_discoverable(plain.aircraft[0], plain)
    data["registry"].append(
        {"registration": "OB-7777", "aircraft_type": "C210", "operator": "x", "category": "private"}
    )
    listed = type(VRAEM).model_validate(data)
    assert civil_indicator_discoverable(listed.aircraft[0], listed)


def test_visual_identification_of_a_civil_aircraft_is_not_an_escalation() -> None:
    steps = [ScoredStep(1200.0, {"T2": "taxi-1"}, (_rec("T2", Rung.VISUAL_ID, 1200.0),))]
    report = score_replay(VRAEM, build_trajectories(VRAEM), steps, STRIPS)
    assert report["totals"]["wrongful_escalations"] == 0  # type: ignore[index]


def test_two_smugglers_cued_add_up() -> None:
    data = VRAEM.model_dump(mode="json")
    data["aircraft"].append({**data["aircraft"][0], "id": "narco-2", "registration": None})
    scenario = type(VRAEM).model_validate(data)
    db = strip_database(picture_of(scenario))
    strips = {s.strip_id: (s.east_m, s.north_m) for s in db.strips}
    steps = [
        ScoredStep(
            1200.0,
            {"T1": "narco-1", "T4": "narco-2"},
            (
                _rec("T1", Rung.GROUND_CUE, 1200.0, "cl-llochegua-03"),
                _rec("T4", Rung.GROUND_CUE, 1200.0, "cl-llochegua-03"),
            ),
        )
    ]
    totals = score_replay(scenario, build_trajectories(scenario), steps, strips)["totals"]
    assert totals["smugglers_cued"] == 2 and totals["smugglers_cued_before_landing"] == 2  # type: ignore[index]


def test_a_ground_cue_rung_without_a_strip_is_scored_without_crashing() -> None:
    strips = STRIPS
    steps = [ScoredStep(1200.0, {"T1": "narco-1"}, (_rec("T1", Rung.GROUND_CUE, 1200.0),))]
    cue = score_replay(VRAEM, build_trajectories(VRAEM), steps, strips)["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
    assert (
        cue
        == {"strip": None, "t_s": 1200.0, "by": "recommendation", "lead_s": None, "correct": False}
        | {
            "strips": [],
            "landed_at": None,
        }
        | NO_TEAM
    )
    unknown = [ScoredStep(1200.0, {"T1": "narco-1"}, (_rec("T1", Rung.GROUND_CUE, 1200.0, "cl-elsewhere"),))]
    cue = score_replay(VRAEM, build_trajectories(VRAEM), unknown, strips)["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
    assert cue["strip"] == "cl-elsewhere" and cue["correct"] is False  # type: ignore[index]


def test_the_release_and_meeting_on_arrival_are_counted_apart_not_as_harm() -> None:
    from interdict.contract.procedures import InterceptSignal, MeetOnArrival
    from interdict.engine.judge import Judgement

    holder = {"T2": "taxi-1"}
    steps = [
        ScoredStep(
            1000.0,
            holder,
            (_rec("T2", Rung.VISUAL_ID, 1000.0),),
            (
                Judgement(InterceptSignal(1000.0, "T2", 2), True, "ok"),
                Judgement(MeetOnArrival(1000.0, "T2", "SPMF"), True, "ok"),
            ),
        )
    ]
    report = score_replay(VRAEM, build_trajectories(VRAEM), steps, STRIPS)
    taxi, totals = report["aircraft"]["taxi-1"], report["totals"]  # type: ignore[index]
    assert taxi["released"] is True and taxi["met_on_arrival"] == "SPMF" and taxi["intercepted"] is False
    assert totals["released"] == totals["met_on_arrival"] == 1 and totals["wrongful_escalations"] == 0
    with_series_1 = [ScoredStep(1000.0, holder, (), (Judgement(InterceptSignal(1000.0, "T2", 1), True, "ok"),))]
    assert score_replay(VRAEM, build_trajectories(VRAEM), with_series_1, STRIPS)["totals"]["civil_intercepted"] == 1  # type: ignore[index]


def test_the_grounds_stated_when_people_are_sent_are_kept_and_a_climb_without_one_is_counted() -> None:
    import dataclasses

    climb = dataclasses.replace(
        _rec("T1", Rung.INTERCEPT_INSTRUCT, 1000.0), previous_rung=Rung.VISUAL_ID, allowed=True, grounds=("no_marks",)
    )
    cue = dataclasses.replace(
        _rec("T1", Rung.GROUND_CUE, 1100.0, "cl-llochegua-03"),
        previous_rung=Rung.INTERCEPT_INSTRUCT,
        allowed=True,
        grounds=("clandestine_destination", "no_marks"),
    )
    held = _rec("T1", Rung.GROUND_CUE, 1110.0, "cl-llochegua-03")  # holding at the rung: not a climb
    steps = [ScoredStep(t, {"T1": "narco-1"}, (r,)) for t, r in ((1000.0, climb), (1100.0, cue), (1110.0, held))]
    report = score_replay(VRAEM, build_trajectories(VRAEM), steps, STRIPS)
    assert report["aircraft"]["narco-1"]["grounds"] == ["clandestine_destination", "no_marks"]  # type: ignore[index]
    assert report["totals"]["sent_without_grounds"] == 0  # type: ignore[index]
    bare = [ScoredStep(1000.0, {"T9": None}, (dataclasses.replace(climb, track_id="T9", grounds=()),))]
    assert score_replay(VRAEM, build_trajectories(VRAEM), bare, STRIPS)["totals"]["sent_without_grounds"] == 1  # type: ignore[index]
