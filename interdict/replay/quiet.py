"""Which events the operator's timeline shows, and how (pure): changes only.

A recommendation line is shown when a track's rung changes. While the rung stays, a line is shown
only when a check blocks the next step that had not blocked it (with that verdict) since the rung
was reached; the checks cleared since the last line are named in it. A rung that changes back to
the rung shown before within FLIP_S is shown once as unstable; further changes between those two
rungs, each within FLIP_S of the last, are not shown. A take-off from a strip where a
track was inferred to land is linked to that track. Operator procedures are shown only when
`verbose`; so is every repeated hold, with its requirement."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from interdict.engine.events import EngineEvent

__all__ = ["Shown", "quiet_events"]

FLIP_S = 60.0


@dataclass(frozen=True, slots=True)
class Shown:
    """An event as the timeline shows it: its label, its line, and the blocks listed under it."""

    event: EngineEvent
    label: str
    summary: str
    blocks: tuple[Mapping[str, Any], ...] = ()


@dataclass
class _Track:
    """What the timeline has shown of one track (local to `quiet_events`)."""

    rung: str | None = None
    changes: list[tuple[float, str]] = field(default_factory=list)  # (t_s, rung) of each rung change shown
    last_change_s: float = float("-inf")  # the engine's last rung change, shown or not
    shown: dict[str, str] = field(default_factory=dict)  # check -> verdict shown since the rung was reached
    current: set[str] = field(default_factory=set)  # checks blocking at the last line
    pair: tuple[str, str] | None = None  # the two rungs shown as flipping, while they still flip


_LABELS = {
    "track_confirmed": "confirmed",
    "track_lost": "lost",
    "recommendation_changed": "recommend",
    "request_refused": "refused",
    "landing_inferred": "landing",
    "takeoff_inferred": "take-off",
    "destination_predicted": "destination",
    "evidence_added": "evidence",
    "identity_quarantined": "quarantine",
    "evidence_for_lost_track": "evidence",
    "observation_unfiled": "unfiled",
    "procedure": "procedure",
    "procedure_refused": "refused",
    "resolution_refused": "refused",
    "resolution_recorded": "resolution",
    "no_track_for_aircraft": "no track",
    "strip_reactivated": "strip",
    "cue_revised": "cue",
    "recall_ground_team": "recall",
}


def quiet_events(events: Iterable[EngineEvent], *, verbose: bool = False) -> list[Shown]:
    """The timeline's lines, in event order (see the module's docstring)."""
    tracks: dict[str, _Track] = {}
    landed: dict[str, tuple[str, float]] = {}  # strip -> (track, t_s) of the last landing inferred there
    out: list[Shown] = []
    for e in events:
        label = _LABELS.get(e.kind, e.kind)
        if e.kind == "procedure" and not verbose:
            continue
        if e.kind == "recommendation_changed":
            shown = _recommendation(tracks.setdefault(e.track_id or "", _Track()), e, verbose)
            out += [shown] if shown is not None else []
            continue
        strip = e.detail.get("strip")
        if e.kind == "landing_inferred" and isinstance(strip, str) and e.track_id:
            landed[strip] = (e.track_id, e.t_s)
        if e.kind == "takeoff_inferred" and isinstance(strip, str) and strip in landed:
            before, t_s = landed[strip]
            out.append(Shown(e, label, f"{e.summary}; continues {before}? (landed there, t = {t_s:.0f} s)"))
            continue
        out.append(Shown(e, label, e.summary))
    return out


def _blocks(e: EngineEvent) -> tuple[Mapping[str, Any], ...]:
    blocks = e.detail.get("blocked_by", [])
    return tuple(b for b in blocks if isinstance(b, Mapping)) if isinstance(blocks, list) else ()


def _recommendation(track: _Track, e: EngineEvent, verbose: bool) -> Shown | None:
    """A recommendation line, or None when it changes nothing the timeline has shown."""
    rung = str(e.detail.get("rung", ""))
    blocks = _blocks(e)
    now = {str(b.get("check_id")): str(b.get("verdict")) for b in blocks}
    if rung != track.rung:
        track.rung, track.shown, track.current = rung, dict(now), set(now)
        since, track.last_change_s = track.last_change_s, e.t_s
        if track.pair is not None and rung in track.pair and e.t_s - since < FLIP_S and not verbose:
            return None  # still flipping between the two rungs shown as unstable
        track.pair = None
        changes = track.changes
        flipped = len(changes) >= 2 and changes[-2][1] == rung and e.t_s - changes[-1][0] < FLIP_S
        changes.append((e.t_s, rung))
        if flipped:
            track.pair = (changes[-2][1], rung)
            return Shown(e, "unstable", f"{rung} <-> {changes[-2][1]} within {FLIP_S:.0f} s; now {e.summary}", blocks)
        return Shown(e, "recommend", e.summary, blocks)
    new = tuple(b for b in blocks if track.shown.get(str(b.get("check_id"))) != str(b.get("verdict")))
    cleared = sorted(track.current - set(now))
    track.current = set(now)
    if not new and not verbose:
        return None
    track.shown.update(now)
    next_rung = e.detail.get("next_rung")
    parts = [f"next {next_rung} blocked by {', '.join(str(b['check_id']) for b in new)}" if new else e.summary]
    if cleared:
        parts.append(f"cleared: {', '.join(cleared)}")
    return Shown(e, "blocked", "; ".join(parts), new if not verbose else blocks)
