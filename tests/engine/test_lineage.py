"""Which identity file each live track holds: close tracks quarantine each other, a new track
inherits from the tracks it may continue, answers for a lost track are filed for its successor."""

from __future__ import annotations

import math

from interdict.contract.observations import FlightPlanAnswer
from interdict.engine.events import EngineEvent
from interdict.engine.evidence import CivilIndicator
from interdict.engine.identity import IdentityFile
from interdict.engine.ladder import Rung
from interdict.engine.lineage import LostTrack, TrackMemory, file_for_lost, open_memory, quarantine_close
from interdict.engine.tracking import TrackStatus
from tests.engine.common import SETTING, VRAEM_PIC
from tests.engine.common import flying_east as _at


def _held(tid: str) -> IdentityFile:
    code = f"04{int(tid[1:]):02d}"  # each track its own code: its own fact
    return IdentityFile(tid, held=(CivilIndicator("squawk", f"squawk {code}", 10.0, f"squawk:{code}", tid),))


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
