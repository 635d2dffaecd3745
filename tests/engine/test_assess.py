"""One track's assessment: recalls of a withdrawn or moved cue, the operator's requests in a
cautious order, the designated aerodrome, the neighbours."""

from __future__ import annotations

from interdict.contract.procedures import RecallGround, RequestRung
from interdict.engine.assess import _land_at, recall, request_of
from interdict.engine.engine import by_track
from interdict.engine.events import EngineEvent
from interdict.engine.ladder import Recommendation, Rung
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Action
from tests.conftest import make_recommendation
from tests.engine.common import SETTING, VRAEM_PIC
from tests.engine.common import flying_east as _at


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
    revised, recalled = events[-2:]
    assert (revised.kind, revised.detail["from_strip"], revised.detail["to_strip"]) == ("cue_revised", "cl-a", "cl-b")
    assert recalled.summary == "recall the ground team from cl-a: the cue is moved to cl-b"
    rec, cued, recalls = recall(_rec(Rung.IDENTIFY, None), "cl-b", recalls, (), events)
    assert (cued, recalls) == (None, ("cl-a", "cl-b")) and events[-1].summary.endswith("withdrawn")
    rec, cued, recalls = recall(_rec(Rung.IDENTIFY, None), None, recalls, (RecallGround(20.0, "T1", "cl-a"),), events)
    assert recalls == ("cl-b",) and [a.params["strip"] for a in rec.procedures] == ["cl-b"]
    held = recall(_rec(Rung.GROUND_CUE, None), "cl-b", (), (), events)
    assert held[1] == "cl-b" and held[2] == ()  # still on the rung, the cue stands


def test_a_cue_stands_when_the_aircraft_is_inferred_to_have_landed_on_the_cued_strip() -> None:
    events: list[EngineEvent] = []
    _, cued, recalls = recall(_rec(Rung.MONITOR, None), "cl-a", (), (), events, {"cl-a": 0.95})
    assert (cued, recalls, events) == ("cl-a", (), [])  # lost over the strip it was cued to: no recall
    _, cued, recalls = recall(_rec(Rung.MONITOR, None), "cl-a", (), (), events, {"cl-b": 0.95})
    assert (cued, recalls) == (None, ("cl-a",)) and events[-1].kind == "recall_ground_team"  # landed elsewhere


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
