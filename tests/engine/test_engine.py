"""The engine never reads truth: no truth types in its signatures (the import contracts are in
test_architecture.py); the per-track memory: lineage, quarantine, recalls, requests."""

from __future__ import annotations

import dataclasses
import inspect
import math

import numpy as np
import pytest

from interdict.contract.observations import FlightPlanAnswer
from interdict.contract.picture import Picture
from interdict.contract.procedures import RecallGround, RequestRung
from interdict.engine.assess import _land_at, _neighbours, recall, request_of
from interdict.engine.engine import Engine, by_track
from interdict.engine.events import EngineEvent, recommendation_changed, strip_event
from interdict.engine.evidence import CivilIndicator
from interdict.engine.identity import IdentityFile
from interdict.engine.ladder import Recommendation, Rung
from interdict.engine.lineage import LostTrack, TrackMemory, file_for_lost, open_memory, quarantine_close
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Action
from interdict.engine.setting import setting_of
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.engine.tracking.coverage import time_to_leave_cover_s
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS, make_recommendation


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


# --- the per-track memory: lineage, quarantine, recalls, requests -----------------------------------

VRAEM_PIC = picture_of(load_scenario(SCENARIOS / "vraem-shuttle.yaml"))
ENGINE = Engine(VRAEM_PIC)
SETTING = setting_of(VRAEM_PIC, BASELINE, audited=True)


def _at(
    tid: str,
    east_m: float,
    north_m: float,
    t_s: float,
    status: TrackStatus = TrackStatus.CONFIRMED,
    last_s: float | None = None,
) -> TrackState:
    return TrackState(
        track_id=tid,
        t_s=t_s,
        status=status,
        x=np.array([east_m, 60.0, north_m, 0.0]),
        P=np.eye(4) * 100.0,
        created_t_s=0.0,
        last_update_t_s=t_s if last_s is None else last_s,
        n_updates=20,
    )


def _held(tid: str) -> IdentityFile:
    return IdentityFile(tid, held=(CivilIndicator("squawk", "squawk 0437", 10.0, "squawk:0437", tid),))


def test_close_tracks_quarantine_each_other_once_per_episode() -> None:
    a, b, far = _at("T1", 0.0, 0.0, 100.0), _at("T2", 2_000.0, 0.0, 100.0), _at("T3", 50_000.0, 0.0, 100.0)
    memory = {t.track_id: TrackMemory(Rung.VISUAL_ID, _held(t.track_id)) for t in (a, b, far)}
    events: list[EngineEvent] = []
    quarantine_close(SETTING, [a, b, far], memory, 90.0, 100.0, events)
    assert [e.track_id for e in events] == ["T1", "T2"] and events[0].kind == "identity_quarantined"
    assert events[0].summary == (
        "T1 within 3000 m of T2: evidence may belong to either aircraft; identification starts again"
    )
    assert {c.track_id for c in memory["T1"].file.quarantine} == {"T1", "T2"} and memory["T1"].file.held == ()
    assert memory["T3"].file.quarantine == () and memory["T3"].file.held != ()
    quarantine_close(SETTING, [a, b, far], memory, 100.0, 110.0, events)
    assert len(events) == 2  # still close at the next scan: the same episode, no new event
    assert memory["T1"].file.clear_since_t_s == 110.0
    quarantine_close(SETTING, [a, b, far], memory, 150.0, 160.0, events)
    assert len(events) == 4  # close again after a gap: a new episode
    apart = _at("T2", 3_000.0, 0.0, 200.0)
    quarantine_close(SETTING, [a, apart], memory, 160.0, 200.0, events)
    assert len(events) == 4  # exactly the separation: not close


def test_a_new_track_inherits_from_lost_and_coasting_tracks_it_may_continue() -> None:
    lost = LostTrack(_held("T1"), _at("T1", 0.0, 0.0, 500.0, TrackStatus.DELETED, last_s=400.0))
    too_far = LostTrack(_held("T5"), _at("T5", 80_000.0, 0.0, 500.0, TrackStatus.DELETED, last_s=480.0))
    stale = LostTrack(_held("T6"), _at("T6", 0.0, 0.0, 500.0, TrackStatus.DELETED, last_s=-600.0))
    coasting = _at("T2", 4_000.0, 1_000.0, 500.0, TrackStatus.COASTING, last_s=480.0)
    memory = {"T2": TrackMemory(Rung.RADIO_CONTACT, _held("T2"))}
    new = _at("T9", 8_000.0, 0.0, 500.0)  # T1 was last seen at -6 km (it moved 60 m/s for 100 s since)
    events: list[EngineEvent] = []
    mem = open_memory(SETTING, new, memory, [lost, too_far, stale], [coasting, new], (), 500.0, events)
    assert mem.rung is Rung.MONITOR and mem.file.lineage == ("T1", "T2")
    assert {c.track_id for c in mem.file.quarantine} == {"T1", "T2"}
    (event,) = events
    assert event.kind == "track_confirmed" and event.detail == {"lineage": ["T1", "T2"]}
    assert "may continue T1 (last seen 100 s earlier, 14.0 km away), T2 (last seen 20 s earlier, 5.3 km away)" in (
        event.summary
    )
    assert event.summary.endswith("its evidence is quarantined")
    # the gap allows 100 s x 100 m/s + 5 km = 15 km: 15.1 km is out of reach
    events.clear()
    out = open_memory(SETTING, _at("T9", 15_100.0 - 60.0 * 100.0, 0.0, 500.0), {}, [lost], [], (), 500.0, events)
    assert out.file.lineage == () and "may continue" not in events[0].summary
    assert math.isclose(lost.track.east_m - 60.0 * 100.0, -6_000.0)  # last seen where it was updated


def test_answers_for_a_lost_track_are_filed_quarantined_for_its_successor() -> None:
    lost = LostTrack(IdentityFile("T1"), _at("T1", 0.0, 0.0, 500.0, TrackStatus.DELETED))
    plans = tuple(p for p in VRAEM_PIC.flight_plans)
    answer = FlightPlanAnswer(520.0, "T1", "lima-acc", plans, 490.0)
    events: list[EngineEvent] = []
    (kept,) = file_for_lost(SETTING, [lost], {"T1": (answer,)}, 520.0, events)
    assert events[0].kind == "evidence_for_lost_track" and events[0].track_id == "T1"
    assert events[0].summary.startswith("1 observation(s) for lost track T1 filed, quarantined")
    assert all(c.quarantined for c in kept.file.quarantine)
    assert file_for_lost(SETTING, [lost], {}, 520.0, []) == [lost]


def _rec(rung: Rung, strip: str | None) -> Recommendation:
    procs = (Action("cue_ground", {"strip": strip}),) if strip else ()
    return make_recommendation(t_s=10.0, rung=rung, procedures=procs)


def test_a_withdrawn_or_moved_cue_recalls_the_team_until_a_recall_is_recorded() -> None:
    events: list[EngineEvent] = []
    rec, cued, recalls = recall(_rec(Rung.GROUND_CUE, "cl-a"), None, (), (), events)
    assert (cued, recalls, events) == ("cl-a", (), [])
    rec, cued, recalls = recall(_rec(Rung.GROUND_CUE, "cl-b"), "cl-a", (), (), events)
    assert (cued, recalls) == ("cl-b", ("cl-a",))
    assert rec.procedures[0] == Action("recall_ground", {"strip": "cl-a"})
    assert events[-1].summary == "recall the ground team from cl-a: the cue is moved to cl-b"
    rec, cued, recalls = recall(_rec(Rung.IDENTIFY, None), "cl-b", recalls, (), events)
    assert (cued, recalls) == (None, ("cl-a", "cl-b")) and events[-1].summary.endswith("withdrawn")
    rec, cued, recalls = recall(_rec(Rung.IDENTIFY, None), None, recalls, (RecallGround(20.0, "T1", "cl-a"),), events)
    assert recalls == ("cl-b",) and [a.params["strip"] for a in rec.procedures] == ["cl-b"]
    held = recall(_rec(Rung.GROUND_CUE, None), "cl-b", (), (), events)
    assert held[1] == "cl-b" and held[2] == ()  # still on the rung, the cue stands


def test_requests_and_observations_are_ordered_the_same_way_whatever_their_arrival() -> None:
    asks = [
        RequestRung(10.0, "T1", "GROUND_CUE"),
        RequestRung(10.0, "T1", "IDENTIFY"),
        RequestRung(5.0, "T1", "MONITOR"),
    ]
    assert request_of(asks) == request_of(list(reversed(asks))) == "IDENTIFY"  # the latest; of those the lowest
    assert request_of([RequestRung(10.0, "T1", "SHOOT_DOWN"), RequestRung(10.0, "T1", "VISUAL_ID")]) == "VISUAL_ID"
    assert request_of([]) is None
    grouped = by_track([RequestRung(9.0, "T2", "IDENTIFY"), RequestRung(3.0, "T2", "MONITOR"), asks[0]])
    assert list(grouped) == ["T2", "T1"] and [o.t_s for o in grouped["T2"]] == [3.0, 9.0]


def test_the_designated_aerodrome_suits_the_aircraft() -> None:
    from interdict.contract.observations import VisualIdReport
    from interdict.engine.evidence import gather_evidence

    track = _at("T1", 0.0, 0.0, 100.0)
    for floats, expected in ((False, "SPMF"), (None, None)):
        ev = gather_evidence(track, VRAEM_PIC, BASELINE, [VisualIdReport(90.0, "T1", None, "C206", floats)], t_s=100.0)
        assert _land_at(SETTING, track, ev) == expected
    ev = gather_evidence(track, VRAEM_PIC, BASELINE, [VisualIdReport(90.0, "T1", None, "C206", True)], t_s=100.0)
    assert _land_at(SETTING, track, ev) is None  # no water in the VRAEM picture


def test_event_wording_for_strips_and_recommendations() -> None:
    from interdict.engine.destinations import StripEvent
    from interdict.engine.safety import CheckResult, Verdict

    dest = strip_event(StripEvent("destination_predicted", "T1", 10.0, "cl-a", 0.8, {"eta_s": 900.4}))
    assert (dest.kind, dest.t_s, dest.track_id, dest.summary) == (
        "destination_predicted",
        10.0,
        "T1",
        "destination cl-a p = 0.80, ETA t = 900 s",
    )
    assert dest.detail == {"strip": "cl-a", "p": 0.8, "eta_s": 900.4}
    transit = strip_event(StripEvent("destination_predicted", "T1", 10.0, None, 0.6, {}))
    assert transit.summary == "no strip destination (transit) p = 0.60"
    landing = strip_event(StripEvent("landing_inferred", "T1", 10.0, "cl-a", 0.9, {"strip_kind": "clandestine"}))
    assert landing.summary == "landing inferred at cl-a (clandestine) p = 0.90"
    off = strip_event(StripEvent("takeoff_inferred", "T1", 10.0, "cl-a", 0.7, {"ground_stop_s": 660.0}))
    assert off.summary == "take-off inferred from cl-a p = 0.70, ground stop <= 660 s"
    assert strip_event(StripEvent("takeoff_inferred", "T1", 10.0, "cl-a", 0.7, {})).summary.endswith("p = 0.70")
    block = CheckResult("SC-03", Verdict.UNKNOWN, "calls missing", "SC-03; F2", "call again", (), 10.0)
    held = Recommendation(
        track_id="T1",
        t_s=10.0,
        previous_rung=Rung.IDENTIFY,
        rung=Rung.RADIO_CONTACT,
        next_rung=Rung.VISUAL_ID,
        allowed=False,
        blocked_by=(block,),
        options=(),
        procedures=(Action("radio_call", {"frequency_mhz": 121.5, "language": "es"}),),
    )
    e = recommendation_changed(held)
    assert (e.kind, e.t_s, e.track_id) == ("recommendation_changed", 10.0, "T1")
    assert e.summary == "hold at RADIO_CONTACT; next VISUAL_ID blocked by SC-03"
    assert e.detail == {
        "rung": "RADIO_CONTACT",
        "next_rung": "VISUAL_ID",
        "allowed": False,
        "blocked_by": [
            {
                "check": "SC-03",
                "verdict": "UNKNOWN",
                "reason": "calls missing",
                "requirement": "SC-03; F2",
                "resolve": "call again",
            }
        ],
        "procedures": [{"action": "radio_call", "frequency_mhz": 121.5, "language": "es"}],
    }
    up = Recommendation(
        track_id="T1",
        t_s=10.0,
        previous_rung=Rung.IDENTIFY,
        rung=Rung.RADIO_CONTACT,
        next_rung=Rung.RADIO_CONTACT,
        allowed=True,
        blocked_by=(),
        options=(),
        procedures=(),
    )
    assert recommendation_changed(up).summary == "recommend RADIO_CONTACT"
    down = Recommendation(
        track_id="T1",
        t_s=10.0,
        previous_rung=Rung.VISUAL_ID,
        rung=Rung.MONITOR,
        next_rung=None,
        allowed=False,
        blocked_by=(),
        options=(),
        procedures=(),
        refused=None,
        note="de-escalate: x",
    )
    assert recommendation_changed(down).summary == "MONITOR (de-escalate: x)"
    assert recommendation_changed(down).detail["next_rung"] is None


def test_time_to_leave_cover_and_neighbours() -> None:
    geom = SETTING.radars[0]
    e0, n0 = geom.sensor_en_m
    outbound = TrackState(
        track_id="T1",
        t_s=0.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([e0, 100.0, n0 + 200_000.0, 0.0]),
        P=np.eye(4),
        created_t_s=0.0,
        last_update_t_s=0.0,
        n_updates=20,
    )
    assert time_to_leave_cover_s(outbound, SETTING.radars) == pytest.approx(
        math.sqrt(250_000.0**2 - 200_000.0**2) / 100.0
    )
    hover = TrackState(
        track_id="T1",
        t_s=0.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([e0, 0.0, n0, 0.0]),
        P=np.eye(4),
        created_t_s=0.0,
        last_update_t_s=0.0,
        n_updates=20,
    )
    assert time_to_leave_cover_s(hover, SETTING.radars) is None
    outside = TrackState(
        track_id="T1",
        t_s=0.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([e0 + 300_000.0, 10.0, n0, 0.0]),
        P=np.eye(4),
        created_t_s=0.0,
        last_update_t_s=0.0,
        n_updates=20,
    )
    assert time_to_leave_cover_s(outside, SETTING.radars) is None
    a, b = _at("T1", 0.0, 0.0, 1.0), _at("T2", 3_000.0, 4_000.0, 1.0, TrackStatus.COASTING)
    assert _neighbours(a, [a, b]) == {"T2": 5_000.0}


def test_the_engine_judges_against_its_last_output() -> None:
    from interdict.contract.procedures import InterceptSignal, QueryFlightPlans

    state = ENGINE.initial_state()
    _, out = ENGINE.step(state, [], [], 10.0)
    judged = ENGINE.judge(out, [InterceptSignal(10.0, "T1", 1), QueryFlightPlans(10.0, "T1", ("lima-acc",))])
    assert [j.allowed for j in judged] == [False, True]
    assert judged[0].reason == "T1 is not a confirmed track: nothing may be sent after it"
