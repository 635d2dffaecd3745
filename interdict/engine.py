"""The engine: one pure step per radar scan.

    tracker -> strips -> identify -> safety -> ladder -> events -> audit records

The engine is handed the `Picture` and, each step, the plots and the observations (procedures the
operator carried out and the answers that came back), all keyed by track id: evidence stays with
the track it was gathered on (SC-15). It never receives truth: no Scenario, AircraftSpec or
Trajectory goes in (tests check the imports). Audit records are returned with each step; the caller
writes them (SC-18 needs `audited=True`, a promise the replay keeps).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from interdict import __version__
from interdict.audit import canonical_json, to_jsonable
from interdict.identify import Evidence, gather_evidence
from interdict.ladder import Recommendation, Rung, recommend
from interdict.observations import Observation, RequestRung
from interdict.picture import Picture
from interdict.plots import Plot
from interdict.rules import BASELINE, RuleSet, check_pinned
from interdict.safety import CheckContext, CheckResult, run_checks
from interdict.strips import (
    DestinationEstimate,
    MatcherState,
    StripEvent,
    StripModel,
    initial_matcher_state,
    strip_database,
    update_destinations,
)
from interdict.tracking import Tracker, TrackerConfig, TrackerState, TrackState, TrackStatus
from interdict.tracking.measurement import radar_geometry

__all__ = ["EngineConfig", "EngineEvent", "TrackMemory", "EngineState", "StepOutput", "Engine"]


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
    """What the engine remembers about one track."""

    rung: Rung
    max_rung: Rung
    observations: tuple[Observation, ...] = ()
    courses: tuple[float, ...] = ()
    origin: StripEvent | None = None
    last_key: str = ""
    last_results_sha: str = ""
    reported: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EngineState:
    t_s: float
    tracker: TrackerState
    matcher: MatcherState
    memory: Mapping[str, TrackMemory]


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
        registered = [s for s in self._db.strips if s.kind == "registered"]
        self._aerodromes = registered

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
        live = [t for t in tracks if t.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING)]
        for strip_event in strip_events:
            events.append(_strip_event(strip_event))
            if strip_event.kind == "takeoff_inferred" and strip_event.track_id in memory:
                memory[strip_event.track_id] = replace(memory[strip_event.track_id], origin=strip_event)
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
                del memory[track.track_id]
        evidence: dict[str, Evidence] = {}
        results: dict[str, tuple[CheckResult, ...]] = {}
        recommendations: list[Recommendation] = []
        for track in sorted(live, key=lambda t: t.track_id):
            mem = memory.get(track.track_id)
            if mem is None:
                mem = TrackMemory(Rung.MONITOR, Rung.MONITOR)
                origin = next(
                    (e for e in strip_events if e.kind == "takeoff_inferred" and e.track_id == track.track_id), None
                )
                mem = replace(mem, origin=origin)
                events.append(
                    EngineEvent(
                        "track_confirmed",
                        t_s,
                        track.track_id,
                        f"{track.track_id} confirmed at {track.speed_mps:.0f} m/s, course "
                        f"{math.degrees(track.course_rad):.0f} deg"
                        + (f", squawk {track.mode_a}" if track.mode_a else ""),
                    )
                )
            mine = tuple(o for o in observations if o.track_id == track.track_id)
            courses = mem.courses + ((track.course_rad,) if track.status is TrackStatus.CONFIRMED else ())
            mem = replace(mem, observations=mem.observations + mine, courses=courses[-30:])
            ev = gather_evidence(
                track,
                self._picture,
                self._rules,
                mem.observations,
                t_s=t_s,
                destination=by_track.get(track.track_id),
                origin=mem.origin,
                courses=mem.courses,
            )
            fresh = [item for item in ev.items if f"{item.kind}|{item.source}|{item.summary}" not in mem.reported]
            for item in fresh:
                events.append(
                    EngineEvent(
                        "evidence_added",
                        t_s,
                        track.track_id,
                        item.summary,
                        {"kind": item.kind, "source": item.source, "civil": item.civil},
                    )
                )
            mem = replace(mem, reported=mem.reported | {f"{i.kind}|{i.source}|{i.summary}" for i in fresh})
            ctx = CheckContext(
                self._picture, self._rules, t_s, self._audited, self._neighbours(track, live), self._time_to_exit(track)
            )
            checks = run_checks(ev, ctx)
            requested = next((o.rung for o in reversed(mine) if isinstance(o, RequestRung)), None)
            rec = recommend(track.track_id, mem.rung, checks, t_s, requested=requested, land_at=self._land_at(track))
            evidence[track.track_id], results[track.track_id] = ev, checks
            recommendations.append(rec)
            key = canonical_json(
                to_jsonable(
                    (rec.rung, rec.next_rung, rec.allowed, [b.check_id + b.verdict.value for b in rec.blocked_by])
                )
            )
            if key != mem.last_key:
                events.append(_recommendation_event(rec))
            if rec.refused is not None:
                events.append(
                    EngineEvent(
                        "request_refused",
                        t_s,
                        track.track_id,
                        f"request for {rec.refused.requested} refused: {rec.refused.reason}",
                        {"blocked_by": [b.check_id for b in rec.refused.blocked_by]},
                    )
                )
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
            max_rung = rec.rung if rec.rung.level > mem.max_rung.level else mem.max_rung
            memory[track.track_id] = replace(
                mem, rung=rec.rung, max_rung=max_rung, last_key=key, last_results_sha=results_sha
            )
        audit += [("event", e) for e in events]
        new_state = EngineState(t_s, tracker_state, matcher, MappingProxyType(memory))
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

    def _neighbours(self, track: TrackState, live: list[TrackState]) -> dict[str, float]:
        return {
            o.track_id: math.hypot(o.east_m - track.east_m, o.north_m - track.north_m)
            for o in live
            if o.track_id != track.track_id and o.status is TrackStatus.CONFIRMED
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

    def _land_at(self, track: TrackState) -> str | None:
        """The designated aerodrome for an instruction to land: the nearest registered one."""
        if not self._aerodromes:
            return None
        return min(
            self._aerodromes, key=lambda s: math.hypot(s.east_m - track.east_m, s.north_m - track.north_m)
        ).strip_id

    @property
    def version(self) -> str:
        return __version__


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
