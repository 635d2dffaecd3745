"""The engine: one pure step per radar scan.

    tracker -> strips -> identity files -> identify -> safety -> resolutions -> ladder -> events -> audit

The engine is handed the `Picture` and, each step, the plots and the observations (procedures the
operator carried out and the answers that came back), keyed by the track id they were aimed at.
Evidence is filed per aircraft identity (identity.py): when tracks come close, or a track re-forms
after a loss, what could belong to another aircraft is quarantined; blocks carry over, permissions
never. Written resolutions follow one rule (resolutions.py). Operator procedures are judged against
the current recommendation before they are carried out (`Engine.judge`). The engine never receives
truth: no Scenario, AircraftSpec or Trajectory goes in (tests check the imports). Audit records are
returned with each step; the caller writes them (SC-18 needs `audited=True` only when it does).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from interdict import __version__
from interdict.contract.observations import Observation, Procedure, RecallGround, RequestRung, Resolve
from interdict.contract.picture import Picture
from interdict.contract.plots import Plot
from interdict.core.jsonable import canonical_json, to_jsonable
from interdict.engine.destinations import (
    DestinationEstimate,
    MatcherState,
    StripEvent,
    StripModel,
    initial_matcher_state,
    last_seen_en_m,
    strip_database,
    update_destinations,
)
from interdict.engine.evidence import CivilIndicator, Evidence, gather_evidence
from interdict.engine.identity import IdentityFile, contradiction, file_observations, inherit, quarantine, reachable
from interdict.engine.judge import Judgement, judge_procedure
from interdict.engine.ladder import Recommendation, Rung, recommend
from interdict.engine.resolutions import apply_resolutions, judge_resolution, update_fact_since
from interdict.engine.rules import BASELINE, RuleSet, check_pinned
from interdict.engine.safety import Action, CheckContext, CheckResult, run_checks
from interdict.engine.tracking import Tracker, TrackerConfig, TrackerState, TrackState, TrackStatus
from interdict.engine.tracking.measurement import radar_geometry

__all__ = ["EngineConfig", "EngineEvent", "TrackMemory", "LostTrack", "EngineState", "StepOutput", "Engine"]

_LIVE = (TrackStatus.CONFIRMED, TrackStatus.COASTING)


@dataclass(frozen=True, slots=True)
class EngineConfig:
    tracker: TrackerConfig = field(default_factory=TrackerConfig)
    strips: StripModel = field(default_factory=StripModel)


@dataclass(frozen=True, slots=True)
class EngineEvent:
    """Something an operator should see: kind, time, track, one line, and structured detail."""

    kind: str
    t_s: float
    track_id: str | None
    summary: str
    detail: Mapping[str, object] = field(default_factory=dict)


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
    last_key: str = ""
    last_results_sha: str = ""
    reported: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LostTrack:
    """A deleted track's file, kept for the lineage window: a new track may continue it."""

    file: IdentityFile
    track: TrackState


@dataclass(frozen=True, slots=True)
class EngineState:
    t_s: float
    tracker: TrackerState
    matcher: MatcherState
    memory: Mapping[str, TrackMemory]
    lost: tuple[LostTrack, ...] = ()


@dataclass(frozen=True, slots=True)
class StepOutput:
    t_s: float
    tracks: tuple[TrackState, ...]
    estimates: tuple[DestinationEstimate, ...]
    evidence: Mapping[str, Evidence]
    results: Mapping[str, tuple[CheckResult, ...]]
    recommendations: tuple[Recommendation, ...]
    events: tuple[EngineEvent, ...]
    audit: tuple[tuple[str, object], ...]  # (kind, payload) records for the audit log


class Engine:
    """Decision support over one picture (immutable). Refuses to start with an unpinned rule set."""

    def __init__(
        self, picture: Picture, rules: RuleSet = BASELINE, config: EngineConfig | None = None, *, audited: bool = True
    ) -> None:
        self.rules_sha256 = check_pinned(rules)
        self._picture = picture
        self._rules = rules
        self._config = config or EngineConfig()
        self._audited = audited
        self._tracker = Tracker(picture.frame, picture.radars, self._config.tracker)
        self._db = strip_database(picture)
        self._geoms = [radar_geometry(r, picture.frame) for r in picture.radars]

    def initial_state(self, t_s: float = 0.0) -> EngineState:
        return EngineState(t_s, self._tracker.initial_state(t_s), initial_matcher_state(), MappingProxyType({}))

    def step(
        self, state: EngineState, plots: Sequence[Plot], observations: Sequence[Observation], t_s: float
    ) -> tuple[EngineState, StepOutput]:
        """One scan: plots with state.t_s < t <= t_s and the observations that arrived by t_s."""
        tracker_state, tracks = self._tracker.step(state.tracker, plots, t_s)
        matcher, estimates, strip_events = update_destinations(
            self._db, self._config.strips, state.matcher, tracks, t_s
        )
        by_track = {e.track_id: e for e in estimates}
        memory = dict(state.memory)
        events: list[EngineEvent] = []
        audit: list[tuple[str, object]] = [("observation", o) for o in observations]
        live = sorted((t for t in tracks if t.status in _LIVE), key=lambda t: t.track_id)
        for strip_event in strip_events:
            events.append(_strip_event(strip_event))
            if strip_event.kind == "takeoff_inferred" and strip_event.track_id in memory:
                memory[strip_event.track_id] = replace(memory[strip_event.track_id], origin=strip_event)
        lost = [x for x in state.lost if t_s - x.track.last_update_t_s <= self._rules.lineage_window_s]
        for track in tracks:
            if track.status is TrackStatus.DELETED and track.track_id in memory:
                events.append(
                    EngineEvent(
                        "track_lost",
                        t_s,
                        track.track_id,
                        f"{track.track_id} lost (last update t = {track.last_update_t_s:.0f} s)",
                    )
                )
                lost.append(LostTrack(memory.pop(track.track_id).file, track))
        mine = _by_track(observations)
        lost = self._file_for_lost(lost, mine, t_s, events)
        coasting = [t for t in live if t.status is TrackStatus.COASTING]
        for track in live:
            if track.track_id not in memory:
                memory[track.track_id] = self._open(track, memory, lost, coasting, strip_events, t_s, events)
        filed = {t.track_id for t in live} | {x.track.track_id for x in lost}
        for tid in sorted(set(mine) - filed):
            events.append(
                EngineEvent(
                    "observation_unfiled",
                    t_s,
                    tid,
                    f"{len(mine[tid])} observation(s) for {tid}, which is not a confirmed track: not used as evidence",
                )
            )
        self._quarantine_close(live, memory, state.t_s, t_s, events)
        evidence: dict[str, Evidence] = {}
        results: dict[str, tuple[CheckResult, ...]] = {}
        recommendations: list[Recommendation] = []
        squawks = {t.track_id: t.mode_a for t in live if t.mode_a is not None}
        for track in live:
            others = frozenset(code for tid, code in squawks.items() if tid != track.track_id)
            mem, ev, checks, rec, new_events = self.assess(
                memory[track.track_id],
                track,
                mine.get(track.track_id, ()),
                by_track.get(track.track_id),
                live,
                others,
                t_s,
            )
            events += new_events
            evidence[track.track_id], results[track.track_id] = ev, checks
            recommendations.append(rec)
            results_sha = _sha(checks)
            audit.append(
                (
                    "assessment",
                    {
                        "track_id": track.track_id,
                        "recommendation": rec,
                        "results_sha256": results_sha,
                        "results": checks if results_sha != mem.last_results_sha else "unchanged",
                    },
                )
            )
            memory[track.track_id] = replace(mem, last_results_sha=results_sha)
        audit += [("event", e) for e in events]
        new_state = EngineState(t_s, tracker_state, matcher, MappingProxyType(memory), tuple(lost))
        return new_state, StepOutput(
            t_s,
            tracks,
            estimates,
            MappingProxyType(evidence),
            MappingProxyType(results),
            tuple(recommendations),
            tuple(events),
            tuple(audit),
        )

    def judge(self, output: StepOutput, procedures: Sequence[Procedure]) -> tuple[Judgement, ...]:
        """Judge each operator procedure against the recommendation of `output` (the last step)."""
        recs = {r.track_id: r for r in output.recommendations}
        return tuple(
            judge_procedure(
                p,
                recs.get(p.track_id),
                output.evidence.get(p.track_id),
                {r.check_id: r for r in output.results.get(p.track_id, ())},
                self._picture,
            )
            for p in procedures
        )

    def _late_indicators(self, track: TrackState, late: Sequence[Observation], t_s: float) -> list[CivilIndicator]:
        """What answers to procedures asked before an ambiguity say, judged with the track as it is now."""
        if not late:
            return []
        ev = gather_evidence(track, self._picture, self._rules, late, t_s=t_s)
        return list(ev.indicators)

    def _file_for_lost(
        self, lost: list[LostTrack], mine: Mapping[str, tuple[Observation, ...]], t_s: float, events: list[EngineEvent]
    ) -> list[LostTrack]:
        """Answers that arrive for a lost track go, quarantined, into its file (a successor inherits them)."""
        out = []
        for x in lost:
            new = mine.get(x.track.track_id, ())
            if new:
                found = self._late_indicators(x.track, new, t_s)
                x = LostTrack(file_observations(x.file, (), found), x.track)
                events.append(
                    EngineEvent(
                        "evidence_for_lost_track",
                        t_s,
                        x.track.track_id,
                        f"{len(new)} observation(s) for lost track {x.track.track_id} filed, quarantined, "
                        "for a track that may continue it",
                    )
                )
            out.append(x)
        return out

    def _open(
        self,
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
        rules = self._rules
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
                preds.append(
                    (file, f"{old.track_id} (last seen {gap_s:.0f} s earlier, {distance_m / 1000:.1f} km away)")
                )
        why = "may continue " + ", ".join(text for _, text in preds)
        file = inherit(track.track_id, [f for f, _ in preds], t_s, why)
        origin = next((e for e in strip_events if e.kind == "takeoff_inferred" and e.track_id == track.track_id), None)
        events.append(
            EngineEvent(
                "track_confirmed",
                t_s,
                track.track_id,
                f"{track.track_id} confirmed at {track.speed_mps:.0f} m/s, course "
                f"{math.degrees(track.course_rad):.0f} deg"
                + (f", squawk {track.mode_a}" if track.mode_a else "")
                + (f"; {why}: its evidence is quarantined" if preds else ""),
                {"lineage": list(file.lineage)},
            )
        )
        return TrackMemory(Rung.MONITOR, file, origin=origin)

    def _quarantine_close(
        self,
        live: Sequence[TrackState],
        memory: dict[str, TrackMemory],
        last_t_s: float,
        t_s: float,
        events: list[EngineEvent],
    ) -> None:
        """Tracks within the separation: each file quarantines its own and the other's evidence."""
        sep = self._rules.track_min_separation_m
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
            continuing = bool(mem.file.ambiguities) and mem.file.ambiguities[-1].t_s == last_t_s
            memory[tid] = replace(mem, file=quarantine(mem.file, [before[o] for o in others], t_s, why))
            if not continuing:
                events.append(
                    EngineEvent("identity_quarantined", t_s, tid, f"{tid} {why}; identification starts again")
                )

    def assess(
        self,
        mem: TrackMemory,
        track: TrackState,
        new: Sequence[Observation],
        destination: DestinationEstimate | None,
        live: Sequence[TrackState],
        other_squawks: frozenset[str],
        t_s: float,
    ) -> tuple[TrackMemory, Evidence, tuple[CheckResult, ...], Recommendation, list[EngineEvent]]:
        """One live track's scan (pure): file its new observations, gather evidence, run the checks,
        judge and apply written resolutions, recommend. Returns the new memory and the events."""
        events: list[EngineEvent] = []
        tid = track.track_id
        file = mem.file
        why = contradiction(file, new)
        if why is not None:
            file = quarantine(file, [], t_s, why)
            events.append(EngineEvent("identity_quarantined", t_s, tid, f"{tid}: {why}; identification starts again"))
        late = [o for o in new if not file.is_fresh(o)]
        file = file_observations(file, new, self._late_indicators(track, late, t_s))
        courses = mem.courses_rad + ((track.course_rad,) if track.status is TrackStatus.CONFIRMED else ())
        ev = gather_evidence(
            track,
            self._picture,
            self._rules,
            file.observations,
            t_s=t_s,
            destination=destination,
            origin=mem.origin,
            courses=courses[-30:],
            held=file.held,
            quarantined=file.quarantine,
            other_squawks=other_squawks,
        )
        file = replace(file, held=ev.indicators)
        reported = set(mem.reported)
        for item in ev.items:
            key = f"{item.kind}|{item.source}|{item.summary}"
            if key not in reported:
                reported.add(key)
                events.append(
                    EngineEvent(
                        "evidence_added",
                        t_s,
                        tid,
                        item.summary,
                        {"kind": item.kind, "source": item.source, "civil": item.civil},
                    )
                )
        ctx = CheckContext(
            self._picture, self._rules, t_s, self._audited, self._neighbours(track, live), self._time_to_exit(track)
        )
        raw = run_checks(ev, ctx)
        fact_since = update_fact_since(mem.fact_since, raw, t_s)
        raw_by_id = {r.check_id: r for r in raw}
        for r in (o for o in new if isinstance(o, Resolve) and file.is_fresh(o)):
            verdict = judge_resolution(r, raw_by_id, fact_since, ev.resolutions, self._picture, self._rules)
            kind = "resolution_recorded" if verdict.accepted else "resolution_refused"
            events.append(
                EngineEvent(
                    kind,
                    t_s,
                    tid,
                    f"resolution of {r.block} by {r.by!r}: {verdict.reason}",
                    {
                        "block": r.block,
                        "by": r.by,
                        "how": r.how,
                        "accepted": verdict.accepted,
                        "reason": verdict.reason,
                    },
                )
            )
        checks = apply_resolutions(raw, ev.resolutions, fact_since, self._picture, self._rules)
        requested = _request(new)
        rec = recommend(tid, mem.rung, checks, t_s, requested=requested, land_at=self._land_at(track, ev))
        rec, cued, recalls = _recall(rec, mem.cued_strip, mem.recalls, new, events)
        key = canonical_json(
            to_jsonable((rec.rung, rec.next_rung, rec.allowed, [b.check_id + b.verdict.value for b in rec.blocked_by]))
        )
        if key != mem.last_key:
            events.append(_recommendation_event(rec))
        if rec.refused is not None:
            events.append(
                EngineEvent(
                    "request_refused",
                    t_s,
                    tid,
                    f"request for {rec.refused.requested} refused: {rec.refused.reason}",
                    {"blocked_by": [b.check_id for b in rec.refused.blocked_by]},
                )
            )
        new_mem = replace(
            mem,
            rung=rec.rung,
            file=file,
            courses_rad=courses[-30:],
            fact_since=MappingProxyType(fact_since),
            last_key=key,
            reported=frozenset(reported),
            cued_strip=cued,
            recalls=recalls,
        )
        return new_mem, ev, checks, rec, events

    def _neighbours(self, track: TrackState, live: Sequence[TrackState]) -> dict[str, float]:
        return {
            o.track_id: math.hypot(o.east_m - track.east_m, o.north_m - track.north_m)
            for o in live
            if o.track_id != track.track_id  # a coasting neighbour is as ambiguous as a confirmed one
        }

    def _time_to_exit(self, track: TrackState) -> float | None:
        """Seconds until the track leaves the coverage of every radar on its current velocity, if it will."""
        best = None
        for g in self._geoms:
            px, py = track.east_m - g.sensor_en_m[0], track.north_m - g.sensor_en_m[1]
            vx, vy = track.east_mps, track.north_mps
            a, b, c = vx * vx + vy * vy, 2 * (px * vx + py * vy), px * px + py * py - g.max_range_m**2
            if c > 0 or a == 0:
                continue
            t_exit = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
            best = t_exit if best is None else max(best, t_exit)
        return best

    def _land_at(self, track: TrackState, ev: Evidence) -> str | None:
        """The designated aerodrome for an instruction to land: the nearest that suits the aircraft
        (floats need water: Annex 2 App. 2 §1.1 e); None while it is not known whether it has floats."""
        if ev.floats is None:
            return None
        kind = "river" if ev.floats else "registered"
        options = [s for s in self._db.strips if s.kind == kind]
        if not options:
            return None
        return min(options, key=lambda s: math.hypot(s.east_m - track.east_m, s.north_m - track.north_m)).strip_id

    @property
    def version(self) -> str:
        return __version__


def _recall(
    rec: Recommendation,
    cued: str | None,
    recalls: tuple[str, ...],
    new: Sequence[Observation],
    events: list[EngineEvent],
) -> tuple[Recommendation, str | None, tuple[str, ...]]:
    """A cue withdrawn (the rung stepped down) or moved to another strip: recall the ground team, and
    keep recommending the recall until one is recorded."""
    now = next((str(a.params["strip"]) for a in rec.procedures if a.action == "cue_ground"), None)
    if rec.rung is Rung.GROUND_CUE and now is None:
        now = cued
    done = {o.strip for o in new if isinstance(o, RecallGround)}
    pending = [s for s in recalls if s not in done]
    if cued is not None and cued != now:
        pending.append(cued)
        events.append(
            EngineEvent(
                "recall_ground_team",
                rec.t_s,
                rec.track_id,
                f"recall the ground team from {cued}: the cue is " + (f"moved to {now}" if now else "withdrawn"),
                {"strip": cued, "moved_to": now},
            )
        )
    pending = [s for s in dict.fromkeys(pending) if s != now]
    actions = tuple(Action("recall_ground", {"strip": s}) for s in pending)
    return replace(rec, procedures=(*actions, *rec.procedures)), now, tuple(pending)


def _request(new: Sequence[Observation]) -> str | None:
    """The operator's request this scan: the latest; of simultaneous ones the lowest (order-free, cautious)."""
    asks = [o for o in new if isinstance(o, RequestRung)]
    if not asks:
        return None
    latest = max(o.t_s for o in asks)
    levels = {r.value: r.level for r in Rung}
    return min((o.rung for o in asks if o.t_s == latest), key=lambda r: (levels.get(r, len(levels)), r))


def _by_track(observations: Sequence[Observation]) -> dict[str, tuple[Observation, ...]]:
    out: dict[str, list[Observation]] = {}
    for o in sorted(observations, key=lambda o: o.t_s):
        out.setdefault(o.track_id, []).append(o)
    return {k: tuple(v) for k, v in out.items()}


def _sha(checks: tuple[CheckResult, ...]) -> str:
    import hashlib

    return hashlib.sha256(
        canonical_json(to_jsonable([(c.check_id, c.verdict, c.reason) for c in checks])).encode()
    ).hexdigest()


def _strip_event(ev: StripEvent) -> EngineEvent:
    if ev.kind == "destination_predicted":
        text = (
            f"destination {ev.strip_id} p = {ev.p:.2f}, ETA t = {ev.detail.get('eta_s', 0):.0f} s"
            if ev.strip_id
            else f"no strip destination (transit) p = {ev.p:.2f}"
        )
    elif ev.kind == "landing_inferred":
        text = f"landing inferred at {ev.strip_id} ({ev.detail.get('strip_kind')}) p = {ev.p:.2f}"
    else:
        stop = ev.detail.get("ground_stop_s")
        text = f"take-off inferred from {ev.strip_id} p = {ev.p:.2f}" + (
            f", ground stop <= {stop:.0f} s" if stop else ""
        )
    return EngineEvent(ev.kind, ev.t_s, ev.track_id, text, {"strip": ev.strip_id, "p": ev.p, **ev.detail})


def _recommendation_event(rec: Recommendation) -> EngineEvent:
    if rec.note:
        head = f"{rec.rung.value} ({rec.note})"
    elif rec.allowed:
        head = f"recommend {rec.rung.value}"
    else:
        head = f"hold at {rec.rung.value}"
    blocks = [
        {
            "check": b.check_id,
            "verdict": b.verdict.value,
            "reason": b.reason,
            "requirement": b.requirement,
            "resolve": b.resolve_hint,
        }
        for b in rec.blocked_by
    ]
    nxt = (
        f"; next {rec.next_rung.value} blocked by {', '.join(b['check'] for b in blocks)}"
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
