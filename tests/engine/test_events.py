"""What an operator reads: the wording of strip and recommendation events."""

from __future__ import annotations

from interdict.engine.events import recommendation_changed, strip_event
from interdict.engine.ladder import Rung
from interdict.engine.safety import Action
from tests.conftest import make_recommendation, make_track


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
    held = make_recommendation(
        t_s=10.0,
        previous_rung=Rung.IDENTIFY,
        rung=Rung.RADIO_CONTACT,
        next_rung=Rung.VISUAL_ID,
        blocked_by=(block,),
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
                "check_id": "SC-03",
                "verdict": "UNKNOWN",
                "reason": "calls missing",
                "requirement": "SC-03; F2",
                "resolve": "call again",
            }
        ],
        "procedures": [{"action": "radio_call", "frequency_mhz": 121.5, "language": "es"}],
    }
    up = make_recommendation(
        t_s=10.0, previous_rung=Rung.IDENTIFY, rung=Rung.RADIO_CONTACT, next_rung=Rung.RADIO_CONTACT, allowed=True
    )
    assert recommendation_changed(up).summary == "recommend RADIO_CONTACT"
    down = make_recommendation(t_s=10.0, previous_rung=Rung.VISUAL_ID, rung=Rung.MONITOR, note="de-escalate: x")
    assert recommendation_changed(down).summary == "MONITOR (de-escalate: x)"
    assert recommendation_changed(down).detail["next_rung"] is None


def test_losses_and_unfiled_observations_are_said() -> None:
    from interdict.engine.events import observation_unfiled, track_lost

    lost = track_lost(make_track(track_id="T4", t_s=300.0, last_update_t_s=280.4), 300.0)
    assert (lost.kind, lost.t_s, lost.track_id) == ("track_lost", 300.0, "T4")
    assert lost.summary == "T4 lost (last update t = 280 s)" and dict(lost.detail) == {}
    unfiled = observation_unfiled("T9", 310.0, 2)
    assert (unfiled.kind, unfiled.t_s, unfiled.track_id) == ("observation_unfiled", 310.0, "T9")
    assert unfiled.summary == "2 observation(s) for T9, which is not a confirmed track: not used as evidence"


def test_a_judged_resolution_names_the_block_the_author_and_the_verdict() -> None:
    from interdict.contract.procedures import Resolve
    from interdict.engine.events import resolution_judged
    from interdict.engine.resolutions import ResolutionJudgement

    r = Resolve(900.0, "T2", "SC-10", "phoned Lima ACC: plan OB1408 is the mission plane", "Maj. Ruiz")
    refused = resolution_judged(r, ResolutionJudgement(r, False, "Maj. Ruiz is not on the roster"), "T2", 910.0)
    assert (refused.kind, refused.t_s, refused.track_id) == ("resolution_refused", 910.0, "T2")
    assert refused.summary == "resolution of SC-10 by 'Maj. Ruiz': Maj. Ruiz is not on the roster"
    assert dict(refused.detail) == {
        "block": "SC-10",
        "by": "Maj. Ruiz",
        "how": "phoned Lima ACC: plan OB1408 is the mission plane",
        "accepted": False,
        "reason": "Maj. Ruiz is not on the roster",
    }
    accepted = resolution_judged(r, ResolutionJudgement(r, True, "recorded"), "T2", 910.0)
    assert accepted.kind == "resolution_recorded" and accepted.detail["accepted"] is True
