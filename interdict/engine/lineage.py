"""Which identity file each live track holds this scan (DESIGN: evidence belongs to the aircraft).

A newly confirmed track inherits, quarantined, the file of every track it may continue (lost within
the lineage window and reachable, or coasting: its aircraft may have come back under the new id);
a lost track keeps its file for the window, and answers that still arrive for it are filed there,
quarantined; tracks within the separation quarantine their own and each other's evidence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from interdict.contract.observations import Observation
from interdict.engine.destinations import StripEvent, last_seen_en_m
from interdict.engine.events import (
    EngineEvent,
    evidence_for_lost_track,
    identity_quarantined,
    observation_unfiled,
    strip_event,
    track_confirmed,
    track_lost,
)
from interdict.engine.evidence import CivilIndicator, gather_evidence
from interdict.engine.identity import IdentityFile, file_observations, inherit, quarantine, reachable
from interdict.engine.ladder import Rung
from interdict.engine.setting import Setting
from interdict.engine.tracking import TrackState, TrackStatus

__all__ = [
    "TrackMemory",
    "LostTrack",
    "Files",
    "update_files",
    "late_indicators",
    "open_memory",
    "file_for_lost",
    "quarantine_close",
    "LIVE",
]

LIVE = (TrackStatus.CONFIRMED, TrackStatus.COASTING)


@dataclass(frozen=True, slots=True)
class TrackMemory:
    """What the engine remembers about one live track: its rung and the identity file of its aircraft."""

    rung: Rung
    file: IdentityFile
    courses_rad: tuple[float, ...] = ()
    origin: StripEvent | None = None
    fact_since: Mapping[str, float] = field(default_factory=dict)  # "check|fact" -> first seen, s
    cued_strip: str | None = None  # where the ground team is cued now
    recalls: tuple[str, ...] = ()  # strips whose ground team must be recalled (until a recall is recorded)
    last_key: str = ""  # the last recommendation shown (events.recommendation_key)
    last_results_sha: str = ""  # the last check results written in full to the audit log
    reported: frozenset[str] = frozenset()  # evidence items already shown
    unsettled: Mapping[str, float] = field(default_factory=dict)  # SC-21: check behind a step down -> last t_s failing


@dataclass(frozen=True, slots=True)
class LostTrack:
    """A deleted track's file, kept for the lineage window: a new track may continue it."""

    file: IdentityFile
    track: TrackState


@dataclass(frozen=True, slots=True)
class Files:
    """The files after this scan's track changes: memory of live tracks, lost tracks, what was said."""

    memory: dict[str, TrackMemory]
    lost: tuple[LostTrack, ...]
    events: tuple[EngineEvent, ...]


def update_files(
    setting: Setting,
    memory: Mapping[str, TrackMemory],
    lost_before: Sequence[LostTrack],
    tracks: Sequence[TrackState],
    strip_events: Sequence[StripEvent],
    mine: Mapping[str, tuple[Observation, ...]],
    t_s: float,
    last_t_s: float,
) -> Files:
    """Origins, losses, answers for lost tracks, new tracks and their lineage, unfiled observations,
    quarantine of close tracks: in that order (the order of the events)."""
    memory = dict(memory)
    events = [strip_event(e) for e in strip_events]
    for e in strip_events:
        if e.kind == "takeoff_inferred" and e.track_id in memory:
            memory[e.track_id] = replace(memory[e.track_id], origin=e)
    lost = [x for x in lost_before if t_s - x.track.last_update_t_s <= setting.rules.lineage_window_s]
    for track in tracks:
        if track.status is TrackStatus.DELETED and track.track_id in memory:
            events.append(track_lost(track, t_s))
            lost.append(LostTrack(memory.pop(track.track_id).file, track))
    lost = file_for_lost(setting, lost, mine, t_s, events)
    live = sorted((t for t in tracks if t.status in LIVE), key=lambda t: t.track_id)
    coasting = [t for t in live if t.status is TrackStatus.COASTING]
    for track in live:
        if track.track_id not in memory:
            memory[track.track_id] = open_memory(setting, track, memory, lost, coasting, strip_events, t_s, events)
    filed = {t.track_id for t in live} | {x.track.track_id for x in lost}
    events += [observation_unfiled(tid, t_s, len(mine[tid])) for tid in sorted(set(mine) - filed)]
    quarantine_close(setting, live, memory, last_t_s, t_s, events)
    return Files(memory, tuple(lost), tuple(events))


def late_indicators(
    setting: Setting, track: TrackState, late: Sequence[Observation], t_s: float
) -> list[CivilIndicator]:
    """What answers to procedures asked before an ambiguity say, judged with the track as it is now."""
    if not late:
        return []
    return list(gather_evidence(track, setting.picture, setting.rules, late, t_s=t_s).indicators)


def file_for_lost(
    setting: Setting,
    lost: list[LostTrack],
    mine: Mapping[str, tuple[Observation, ...]],
    t_s: float,
    events: list[EngineEvent],
) -> list[LostTrack]:
    """Answers that arrive for a lost track go, quarantined, into its file (a successor inherits them)."""
    out = []
    for x in lost:
        new = mine.get(x.track.track_id, ())
        if new:
            found = late_indicators(setting, x.track, new, t_s)
            events.append(evidence_for_lost_track(x.track.track_id, t_s, len(new)))
            out.append(LostTrack(file_observations(x.file, (), found), x.track))
        else:
            out.append(x)
    return out


def open_memory(
    setting: Setting,
    track: TrackState,
    memory: Mapping[str, TrackMemory],
    lost: Sequence[LostTrack],
    coasting: Sequence[TrackState],
    strip_events: Sequence[StripEvent],
    t_s: float,
    events: list[EngineEvent],
) -> TrackMemory:
    """A newly confirmed track's memory: its file inherits from every track it may continue (lost
    recently, or coasting: its aircraft may have come back under the new id)."""
    rules = setting.rules
    candidates = [(x.file, x.track) for x in lost] + [
        (memory[o.track_id].file, o) for o in coasting if o.track_id in memory and o.track_id != track.track_id
    ]
    preds = []
    for file, old in candidates:
        e, n = last_seen_en_m(old)
        gap_s = t_s - old.last_update_t_s
        distance_m = math.hypot(track.east_m - e, track.north_m - n)
        if gap_s <= rules.lineage_window_s and reachable(
            gap_s, distance_m, speed_mps=rules.lineage_speed_mps, margin_m=rules.lineage_margin_m
        ):
            preds.append((file, f"{old.track_id} (last seen {gap_s:.0f} s earlier, {distance_m / 1000:.1f} km away)"))
    why = "may continue " + ", ".join(text for _, text in preds)
    file = inherit(track.track_id, [f for f, _ in preds], t_s, why)
    origin = next((e for e in strip_events if e.kind == "takeoff_inferred" and e.track_id == track.track_id), None)
    events.append(track_confirmed(track, t_s, why if preds else None, file.lineage))
    return TrackMemory(Rung.MONITOR, file, origin=origin)


def quarantine_close(
    setting: Setting,
    live: Sequence[TrackState],
    memory: dict[str, TrackMemory],
    last_t_s: float,
    t_s: float,
    events: list[EngineEvent],
) -> None:
    """Tracks within the separation: each file quarantines its own and the other's evidence."""
    sep = setting.rules.track_min_separation_m
    close: dict[str, list[str]] = {}
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if math.hypot(a.east_m - b.east_m, a.north_m - b.north_m) < sep:
                close.setdefault(a.track_id, []).append(b.track_id)
                close.setdefault(b.track_id, []).append(a.track_id)
    before = {tid: memory[tid].file for tid in close}
    for tid, others in close.items():
        mem = memory[tid]
        why = f"within {sep:.0f} m of {', '.join(others)}: evidence may belong to either aircraft"
        continuing = mem.file.ambiguity is not None and mem.file.ambiguity.t_s == last_t_s
        memory[tid] = replace(mem, file=quarantine(mem.file, [before[o] for o in others], t_s, why))
        if not continuing:
            events.append(identity_quarantined(tid, t_s, why))
