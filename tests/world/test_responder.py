"""The world answers from the true aircraft, and only on what it can hear or be asked."""

from __future__ import annotations

from interdict.contract.observations import InterceptReply, Phrase
from interdict.contract.procedures import InterceptSignal, QueryAtcContact, QueryFlightPlans, RadioCall, VisualId
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.load import load_scenario
from interdict.world.responder import World
from interdict.world.trajectories import build_trajectories
from tests.conftest import SCENARIOS, make_track

BOWERS = load_scenario(SCENARIOS / "bowers-2001.yaml")
TRAJ = build_trajectories(BOWERS)
WORLD = World(BOWERS, TRAJ)


def _track_on(t_s: float, offset_m: float = 0.0) -> TrackState:
    s = TRAJ[0].state_at(t_s)
    assert s is not None
    return make_track(
        t_s=t_s, east_m=s.east_m + offset_m, east_mps=s.east_mps, north_m=s.north_m, north_mps=s.north_mps
    )


def test_aircraft_behind_track() -> None:
    on, off = _track_on(600.0), _track_on(600.0, 30_000.0)
    assert WORLD.holders([on], 600.0) == {on.track_id: "ob-1408"}
    assert WORLD.holders([off], 600.0) == {off.track_id: None}


def test_a_track_holds_the_aircraft_in_the_air_before_one_parked_beneath_it() -> None:
    """A smuggler flying over a strip where a civil aircraft is parked: its track holds the smuggler
    (only aircraft in the air make plots); the parked aircraft is held only with nobody in the air
    within the gate (the coasting track of an aircraft that has just landed)."""
    from interdict.bench.families.parts import civil_aircraft, document, smuggler_aircraft, strip_at, waypoint
    from interdict.scenario.load import scenario_of

    parked = civil_aircraft("parked", "OB-1200", [{"t_s": 0, "strip": "cm-1"}, {"t_s": 1_000, "strip": "cm-1"}])
    over = smuggler_aircraft("over", [waypoint(0.0, -30_000, 0, 1_500), waypoint(1_000.0, 30_000, 0, 1_500)])
    doc = document("parked", "", 1_000.0, 1, strips=[strip_at("cm-1", "community", 150, 60)], aircraft=[parked, over])
    scenario = scenario_of(doc, "test")
    trajectories = build_trajectories(scenario)
    world = World(scenario, trajectories)
    flying = next(t for t in trajectories if t.aircraft_id == "over").state_at(500.0)
    assert flying is not None and not flying.on_ground
    on_top = make_track(t_s=500.0, east_m=150.0, north_m=60.0)  # nearer to the parked aircraft
    assert world.holders([on_top], 500.0) == {on_top.track_id: "over"}
    later = make_track(t_s=700.0, east_m=150.0, north_m=60.0)  # the smuggler is 12 km on: only the parked one
    assert world.holders([later], 700.0) == {later.track_id: "parked"}
    assert world.holders([make_track(t_s=700.0, east_m=60_000.0)], 700.0) == {"T1": None}
    # a coasting track receives no plots: it keeps the aircraft it held, whoever flies by
    lost = make_track(t_s=700.0, east_m=150.0, north_m=60.0, status=TrackStatus.COASTING)
    assert world.holders([lost], 700.0, {lost.track_id: "over"}) == {lost.track_id: "over"}
    seen = make_track(t_s=700.0, east_m=150.0, north_m=60.0)  # updated: judged afresh
    assert world.holders([seen], 700.0, {seen.track_id: "over"}) == {seen.track_id: "parked"}


def test_a_track_lost_over_a_landed_smuggler_is_not_handed_to_a_civil_aircraft_flying_by() -> None:
    """Found by `interdict bench traffic --runs 1000 --seed 3001` (run 875): the smuggler's track,
    cued on landing, coasted while a civil aircraft passed within its growing gate, and the cue was
    scored against the civil aircraft."""
    from interdict.bench.suites import document_of
    from interdict.replay.loop import run_replay
    from interdict.scenario.load import scenario_of

    scenario = scenario_of(document_of("traffic", 3876), "traffic 3876")
    report = run_replay(scenario, seed=3876).report
    assert report["totals"]["wrongful_escalations"] == 0  # type: ignore[index]
    cue = report["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
    assert cue["correct"] and cue["landed_at"] == "cl-01" and "cl-01" in (cue["strips"] or [cue["strip"]])


def test_radio_only_on_monitored_frequency_and_in_its_language() -> None:
    assert WORLD.answer(RadioCall(600.0, "T1", 121.5, "es"), "ob-1408") == ()
    (reply,) = WORLD.answer(RadioCall(600.0, "T1", 118.1, "es"), "ob-1408")
    assert reply.phrase is Phrase.CALL_SIGN and reply.callsign == "OB1408" and reply.t_s > 600.0
    (other,) = WORLD.answer(RadioCall(600.0, "T1", 118.1, "en"), "ob-1408")
    assert other.phrase is Phrase.REPEAT


def test_plans_only_from_units_that_hold_them() -> None:
    answers = WORLD.answer(QueryFlightPlans(600.0, "T1", ("iquitos-twr", "lima-acc")), "ob-1408")
    plans = {a.unit_id: [p.callsign for p in a.plans] for a in answers}
    assert plans == {"iquitos-twr": ["OB1408"], "lima-acc": []}
    contact = {
        a.unit_id: a.in_contact
        for a in WORLD.answer(QueryAtcContact(600.0, "T1", ("iquitos-twr", "lima-acc")), "ob-1408")
    }
    assert contact == {"iquitos-twr": True, "lima-acc": False}


def test_visual_id_and_interception() -> None:
    (report,) = WORLD.answer(VisualId(600.0, "T1"), "ob-1408")
    assert report.registration == "OB-1408" and report.floats is True
    (resp,) = WORLD.answer(InterceptSignal(600.0, "T1", 1), "ob-1408")
    assert resp.reply is InterceptReply.ROCKS_WINGS_FOLLOWS


def test_no_aircraft_no_answer() -> None:
    assert WORLD.answer(QueryFlightPlans(600.0, "T9", ("iquitos-twr",)), None) == ()
    assert WORLD.answer(VisualId(600.0, "T9"), None) == ()


def test_answers_carry_the_time_they_were_asked() -> None:
    for answer in WORLD.answer(QueryFlightPlans(600.0, "T1", ("iquitos-twr",)), "ob-1408") + WORLD.answer(
        VisualId(600.0, "T1"), "ob-1408"
    ):
        assert answer.asked_t_s == 600.0 and answer.t_s > 600.0


def test_after_interception_a_pilot_who_complies_says_wilco_one_who_cannot_says_can_not() -> None:
    signal = InterceptSignal(500.0, "T1", 1)
    (reply,) = WORLD.answer(RadioCall(600.0, "T1", 118.1, "es"), "ob-1408", (signal,))
    assert reply.phrase is Phrase.WILCO
    data = BOWERS.model_dump(mode="json")
    data["aircraft"][0]["on_intercept"] = "cannot_comply"
    other = World(type(BOWERS).model_validate(data), TRAJ)
    (reply,) = other.answer(RadioCall(600.0, "T1", 118.1, "es"), "ob-1408", (signal,))
    assert reply.phrase is Phrase.CAN_NOT
    (first,) = other.answer(RadioCall(600.0, "T1", 118.1, "es"), "ob-1408")
    assert first.phrase is Phrase.CALL_SIGN  # before interception it gives its call sign


def test_an_aircraft_call_sign_of_its_own_is_given() -> None:
    data = BOWERS.model_dump(mode="json")
    data["aircraft"][0]["callsign"] = "MISSION8"
    world = World(type(BOWERS).model_validate(data), TRAJ)
    (reply,) = world.answer(RadioCall(600.0, "T1", 118.1, "es"), "ob-1408")
    assert reply.callsign == "MISSION8"


def test_the_registry_authority_answers_from_its_own_register_and_only_when_it_exists() -> None:
    from interdict.contract.procedures import QueryRegistry

    assert WORLD.answer(QueryRegistry(600.0, "T1", "OB-1408"), "ob-1408") == ()  # no authority in the scenario
    authority = BOWERS.model_copy(update={"registry_authority": BOWERS.registry, "registry": ()})
    world = World(authority, TRAJ)
    (found,) = world.answer(QueryRegistry(600.0, "T1", "ob1408"), "ob-1408")  # however the marks are written
    assert found.entry is not None and found.entry.registration == "OB-1408"
    assert found.asked_t_s == 600.0 and found.t_s == 600.0 + world._config.registry_delay_s
    (missing,) = world.answer(QueryRegistry(600.0, "T1", "OB-9999"), "ob-1408")
    assert missing.entry is None and missing.registration == "OB-9999"


def test_a_unit_asked_to_have_its_plans_aircraft_identify_reports_where_the_filer_is() -> None:
    """Lima ACC holds OB1802's plan and is in contact with the air taxi that filed it: it reports where
    that aircraft is (far to the west, not on the smuggler's corridor); a unit that holds no such plan
    does not answer; a filer out of contact cannot be reached (position None)."""
    from interdict.contract.procedures import RequestIdent

    decoy = load_scenario(SCENARIOS / "adversarial" / "decoy-plan.yaml")
    trajectories = build_trajectories(decoy)
    world = World(decoy, trajectories)
    (report,) = world.answer(RequestIdent(600.0, "T1", "lima-acc", "OB1802"), "narco-decoy")
    taxi = next(t for t in trajectories if t.aircraft_id == "taxi-1802")
    lat, lon, _ = taxi.geodetic_at([600.0])[0]
    assert report.position is not None and (report.position.lat, report.position.lon) == (lat, lon)
    assert report.asked_t_s == 600.0 and report.t_s == 600.0 + world._config.query_delay_s
    assert world.answer(RequestIdent(600.0, "T1", "mazamari-twr", "OB1802"), "narco-decoy") == ()
    assert world.answer(RequestIdent(600.0, "T1", "lima-acc", "OB9999"), "narco-decoy") == ()
    data = decoy.model_dump(mode="json")
    data["aircraft"][1]["radio"]["in_contact_with"] = []
    silent = World(type(decoy).model_validate(data), trajectories)
    (unreached,) = silent.answer(RequestIdent(600.0, "T1", "lima-acc", "OB1802"), "narco-decoy")
    assert unreached.position is None


def test_a_plans_aircraft_on_the_ground_reports_where_it_is_parked() -> None:
    """Before it departs (fog) or after it has landed, the plan's aircraft reports itself where it stands:
    a plan whose aircraft is still on the ground is not the plan of the track flying its corridor."""
    from interdict.contract.procedures import RequestIdent

    decoy = load_scenario(SCENARIOS / "adversarial" / "decoy-plan.yaml")
    data = decoy.model_dump(mode="json")
    taxi = data["aircraft"][1]
    taxi["route"] = [{**w, "t_s": w["t_s"] + 1_000} for w in taxi["route"]]  # departs at t = 1,000 s
    late = type(decoy).model_validate(data)
    trajectories = build_trajectories(late)
    parked = next(t for t in trajectories if t.aircraft_id == "taxi-1802")
    assert parked.state_at(600.0) is None  # not yet airborne
    (before,) = World(late, trajectories).answer(RequestIdent(600.0, "T1", "lima-acc", "OB1802"), "narco-decoy")
    lat, lon, _ = parked.geodetic_at([parked.t_start_s])[0]
    assert before.position is not None and (before.position.lat, before.position.lon) == (lat, lon)
    (after,) = World(late, trajectories).answer(RequestIdent(9e4, "T1", "lima-acc", "OB1802"), "narco-decoy")
    lat, lon, _ = parked.geodetic_at([parked.t_end_s])[0]
    assert after.position is not None and (after.position.lat, after.position.lon) == (lat, lon)
