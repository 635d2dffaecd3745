"""Operator policies: reaction time, repeats, scripts mapped to tracks."""

from __future__ import annotations

from interdict.contract.procedures import RadioCall, RequestRung
from interdict.engine.ladder import Recommendation, Rung
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Action
from interdict.scenario.document import OperatorAction, OperatorSpec
from interdict.world.operators import OperatorState, by_the_book, scripted
from tests.conftest import make_recommendation


def _rec(t_s: float) -> Recommendation:
    call = Action("radio_call", {"frequency_mhz": 121.5, "language": "es"})
    return make_recommendation(t_s=t_s, rung=Rung.RADIO_CONTACT, next_rung=Rung.VISUAL_ID, procedures=(call,))


def test_by_the_book_waits_reaction_time_then_respects_spacing() -> None:
    spec = OperatorSpec(policy="by_the_book", reaction_s=60)
    state, out = by_the_book(spec, BASELINE, OperatorState(), 100.0, (_rec(100.0),))
    assert out == ()
    state, out = by_the_book(spec, BASELINE, state, 160.0, (_rec(160.0),))
    assert out == (RadioCall(160.0, "T1", 121.5, "es"),)
    state, out = by_the_book(spec, BASELINE, state, 170.0, (_rec(170.0),))
    assert out == ()  # not before the rule set's spacing
    _, out = by_the_book(spec, BASELINE, state, 190.0, (_rec(190.0),))
    assert len(out) == 1


def test_scripted_maps_aircraft_to_tracks_and_reports_missing() -> None:
    spec = OperatorSpec(
        policy="scripted",
        script=(
            OperatorAction(t_s=50, aircraft="a", action="request_rung", rung="GROUND_CUE"),
            OperatorAction(t_s=55, aircraft="b", action="visual_id"),
        ),
    )
    state, out, notes = scripted(spec, OperatorState(), 60.0, lambda aid: "T3" if aid == "a" else None)
    assert out == (RequestRung(60.0, "T3", "GROUND_CUE"),)
    assert notes and "no track holds aircraft b" in notes[0]
    _, out, _ = scripted(spec, state, 70.0, lambda aid: "T3")
    assert out == ()  # each script line once
