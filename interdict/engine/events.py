"""What an operator should see, worded once: every engine event is built here, from the decision
code's values, so that the decision code never formats text.

An event has a kind, a time, a track, one line for the timeline and a structured `detail` for
machines. Kinds: track_confirmed, track_lost, identity_quarantined, observation_unfiled,
evidence_for_lost_track, evidence_added, destination_predicted, landing_inferred,
takeoff_inferred, strip_reactivated, resolution_recorded, resolution_refused, cue_revised, recall_ground_team,
recommendation_changed, request_refused (and, from the replay loop, procedure,
procedure_refused, no_track_for_aircraft).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from interdict.contract.procedures import Resolve
from interdict.core.jsonable import canonical_json, to_jsonable
from interdict.engine.destinations import StripEvent
from interdict.engine.evidence import EvidenceItem
from interdict.engine.ladder import Recommendation
from interdict.engine.resolutions import ResolutionJudgement
from interdict.engine.tracking import TrackState

__all__ = [
    "EngineEvent",
    "track_confirmed",
    "track_lost",
    "identity_quarantined",
    "observation_unfiled",
    "evidence_for_lost_track",
    "evidence_added",
    "strip_event",
    "resolution_judged",
    "cue_revised",
    "recall_ground_team",
    "recommendation_key",
    "recommendation_changed",
    "request_refused",
]


@dataclass(frozen=True, slots=True)
class EngineEvent:
    """Something an operator should see: kind, time, track, one line, and structured detail."""

    kind: str
    t_s: float
    track_id: str | None
    summary: str
    detail: Mapping[str, object] = field(default_factory=dict)


def track_confirmed(track: TrackState, t_s: float, why: str | None, lineage: Iterable[str]) -> EngineEvent:
    """A track confirmed; `why` says which tracks it may continue (its evidence is then quarantined)."""
    return EngineEvent(
        "track_confirmed",
        t_s,
        track.track_id,
        f"{track.track_id} confirmed at {track.speed_mps:.0f} m/s, course "
        f"{math.degrees(track.course_rad):.0f} deg"
        + (f", squawk {track.mode_a}" if track.mode_a else "")
        + (f"; {why}: its evidence is quarantined" if why else ""),
        {"lineage": list(lineage)},
    )


def track_lost(track: TrackState, t_s: float) -> EngineEvent:
    return EngineEvent(
        "track_lost", t_s, track.track_id, f"{track.track_id} lost (last update t = {track.last_update_t_s:.0f} s)"
    )


def identity_quarantined(track_id: str, t_s: float, why: str, *, separator: str = " ") -> EngineEvent:
    return EngineEvent(
        "identity_quarantined", t_s, track_id, f"{track_id}{separator}{why}; identification starts again"
    )


def observation_unfiled(track_id: str, t_s: float, count: int) -> EngineEvent:
    return EngineEvent(
        "observation_unfiled",
        t_s,
        track_id,
        f"{count} observation(s) for {track_id}, which is not a confirmed track: not used as evidence",
    )


def evidence_for_lost_track(track_id: str, t_s: float, count: int) -> EngineEvent:
    return EngineEvent(
        "evidence_for_lost_track",
        t_s,
        track_id,
        f"{count} observation(s) for lost track {track_id} filed, quarantined, for a track that may continue it",
    )


def evidence_added(
    track_id: str, t_s: float, items: Iterable[EvidenceItem], reported: frozenset[str]
) -> tuple[list[EngineEvent], frozenset[str]]:
    """One event per evidence item not reported before on this track; the keys reported so far."""
    seen = set(reported)
    events = []
    for item in items:
        key = f"{item.kind}|{item.source}|{item.summary}"
        if key not in seen:
            seen.add(key)
            detail = {"kind": item.kind, "source": item.source, "civil": item.civil}
            events.append(EngineEvent("evidence_added", t_s, track_id, item.summary, detail))
    return events, frozenset(seen)


def strip_event(ev: StripEvent) -> EngineEvent:
    """A destination predicted, a landing or a take-off inferred, a destroyed strip in use again."""
    if ev.kind == "destination_predicted":
        text = (
            f"destination {ev.strip_id} p = {ev.p:.2f}, ETA t = {ev.detail.get('eta_s', 0):.0f} s"
            if ev.strip_id
            else f"no strip destination (transit) p = {ev.p:.2f}"
        )
    elif ev.kind == "landing_inferred":
        text = f"landing inferred at {ev.strip_id} ({ev.detail.get('strip_kind')}) p = {ev.p:.2f}"
    elif ev.kind == "strip_reactivated":
        was = str(ev.detail.get("was", "")).replace("_", " ")
        text = f"strip {ev.strip_id} ({was}) is in use again: tell the intelligence officer"
    else:
        stop = ev.detail.get("ground_stop_s")
        text = f"take-off inferred from {ev.strip_id} p = {ev.p:.2f}" + (
            f", ground stop <= {stop:.0f} s" if stop else ""
        )
    return EngineEvent(ev.kind, ev.t_s, ev.track_id, text, {"strip": ev.strip_id, "p": ev.p, **ev.detail})


def resolution_judged(r: Resolve, verdict: ResolutionJudgement, track_id: str, t_s: float) -> EngineEvent:
    """A written resolution recorded or refused, and why."""
    kind = "resolution_recorded" if verdict.accepted else "resolution_refused"
    return EngineEvent(
        kind,
        t_s,
        track_id,
        f"resolution of {r.block} by {r.by!r}: {verdict.reason}",
        {"block": r.block, "by": r.by, "how": r.how, "accepted": verdict.accepted, "reason": verdict.reason},
    )


def cue_revised(rec: Recommendation, cued: str, now: str) -> EngineEvent:
    """The cue moved from one strip to another while at GROUND_CUE (the team is recalled from the first)."""
    team = next((a.params.get("team") for a in rec.procedures if a.action == "cue_ground"), None)
    return EngineEvent(
        "cue_revised",
        rec.t_s,
        rec.track_id,
        f"ground cue revised: {cued} -> {now}" + (f" ({team})" if team else ""),
        {"from_strip": cued, "to_strip": now, "team": team},
    )


def recall_ground_team(rec: Recommendation, cued: str, now: str | None) -> EngineEvent:
    return EngineEvent(
        "recall_ground_team",
        rec.t_s,
        rec.track_id,
        f"recall the ground team from {cued}: the cue is " + (f"moved to {now}" if now else "withdrawn"),
        {"strip": cued, "moved_to": now},
    )


def recommendation_key(rec: Recommendation) -> str:
    """What makes a recommendation different for an operator: rung, next rung, allowed, the blocks."""
    return canonical_json(
        to_jsonable((rec.rung, rec.next_rung, rec.allowed, [b.check_id + b.verdict.value for b in rec.blocked_by]))
    )


def recommendation_changed(rec: Recommendation) -> EngineEvent:
    if rec.note and rec.allowed:
        head = f"recommend {rec.rung.value} ({rec.note})"
    elif rec.note:
        head = f"{rec.rung.value} ({rec.note})"
    elif rec.allowed:
        head = f"recommend {rec.rung.value}"
    else:
        head = f"hold at {rec.rung.value}"
    blocks = [
        {
            "check_id": b.check_id,
            "verdict": b.verdict.value,
            "reason": b.reason,
            "requirement": b.requirement,
            "resolve": b.resolve_hint,
        }
        for b in rec.blocked_by
    ]
    nxt = (
        f"; next {rec.next_rung.value} blocked by {', '.join(b['check_id'] for b in blocks)}"
        if blocks and rec.next_rung
        else ""
    )
    return EngineEvent(
        "recommendation_changed",
        rec.t_s,
        rec.track_id,
        head + nxt,
        {
            "rung": rec.rung.value,
            "next_rung": rec.next_rung.value if rec.next_rung else None,
            "allowed": rec.allowed,
            "blocked_by": blocks,
            "procedures": [{"action": p.action, **p.params} for p in rec.procedures],
        },
    )


def request_refused(rec: Recommendation) -> EngineEvent | None:
    """The operator's request for a rung, refused (None when there was no refused request)."""
    if rec.refused is None:
        return None
    return EngineEvent(
        "request_refused",
        rec.t_s,
        rec.track_id,
        f"request for {rec.refused.requested} refused: {rec.refused.reason}",
        {"blocked_by": [b.check_id for b in rec.refused.blocked_by]},
    )
