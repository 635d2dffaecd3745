"""The engine: one pure step per radar scan, a short pipeline.

    tracker -> destinations -> identity files (lineage) -> per live track: assess (evidence ->
    checks -> resolutions -> ladder -> events) -> audit records

The engine is handed the `Picture` and, each step, the plots and the observations (procedures the
operator carried out and the answers that came back), keyed by the track id they were aimed at.
Evidence is filed per aircraft identity (lineage.py, identity.py): when tracks come close, or a
track re-forms after a loss, what could belong to another aircraft is quarantined; blocks carry
over, permissions never. Written resolutions follow one rule (resolutions.py). Operator procedures
are judged against the current recommendation before they are carried out (`Engine.judge`). The
engine never receives truth: no Scenario, AircraftSpec or Trajectory goes in (the import contracts
of pyproject.toml forbid it). Audit records are returned with each step; the caller writes them
(SC-18 needs `audited=True` only when it does).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from interdict.contract.observations import Observation
from interdict.contract.picture import Picture
from interdict.contract.plots import NorthMarker, Plot
from interdict.contract.procedures import Procedure
from interdict.core.geodesy import LocalFrame
from interdict.core.jsonable import canonical_json, to_jsonable
from interdict.engine.assess import Around, Assessment, assess
from interdict.engine.destinations import (
    DestinationEstimate,
    MatcherState,
    StripModel,
    initial_matcher_state,
    update_destinations,
)
from interdict.engine.events import EngineEvent
from interdict.engine.evidence import Evidence
from interdict.engine.judge import Judgement, judge_procedure
from interdict.engine.ladder import Recommendation
from interdict.engine.lineage import LIVE, LostTrack, TrackMemory, update_files
from interdict.engine.rules import BASELINE, RuleSet, check_pinned
from interdict.engine.safety import CheckResult
from interdict.engine.setting import setting_of
from interdict.engine.tracking import Tracker, TrackerConfig, TrackerState, TrackState

__all__ = ["EngineConfig", "EngineState", "StepOutput", "Engine", "config_sha256"]


@dataclass(frozen=True, slots=True)
class EngineConfig:
    tracker: TrackerConfig = field(default_factory=TrackerConfig)
    strips: StripModel = field(default_factory=StripModel)


def config_sha256(config: EngineConfig) -> str:
    """SHA-256 of the models that feed the gates (tracker: M-of-N confirmation feeds SC-15; strip
    model: priors feed SC-17), in canonical JSON: the audit header records it beside the rule set's."""
    return hashlib.sha256(canonical_json(to_jsonable(config)).encode("utf-8")).hexdigest()


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
        self._config = config or EngineConfig()
        self.config_sha256 = config_sha256(self._config)
        self._setting = setting_of(picture, rules, audited=audited)
        self._tracker = Tracker(picture.frame, picture.radars, self._config.tracker)

    def initial_state(self, t_s: float = 0.0) -> EngineState:
        return EngineState(t_s, self._tracker.initial_state(t_s), initial_matcher_state(), MappingProxyType({}))

    def step(
        self,
        state: EngineState,
        plots: Sequence[Plot],
        observations: Sequence[Observation],
        t_s: float,
        north: Sequence[NorthMarker] = (),
    ) -> tuple[EngineState, StepOutput]:
        """One scan: plots (and a recording's north markers) with state.t_s < t <= t_s and the
        observations that arrived by t_s."""
        tracker_state, tracks = self._tracker.step(state.tracker, plots, t_s, north)
        matcher, estimates, strip_events = update_destinations(
            self._setting.strips,
            self._config.strips,
            state.matcher,
            tracks,
            t_s,
            self._setting.rules.ground_cue_min_probability,
            self._setting.rules.strip_rebuild_s,
            self._setting.clusters,
        )
        mine = by_track(observations)
        files = update_files(self._setting, state.memory, state.lost, tracks, strip_events, mine, t_s, state.t_s)
        live = sorted((t for t in tracks if t.status in LIVE), key=lambda t: t.track_id)
        assessed = self._assess_all(files.memory, live, mine, estimates, t_s, matcher)
        memory = dict(files.memory)
        audit: list[tuple[str, object]] = [("observation", o) for o in observations]
        for track, a in zip(live, assessed, strict=True):  # _assess_all keeps the order of `live`
            where = _where(self._setting.picture.frame, track)
            record, sha = _assessment_record(a, memory[a.recommendation.track_id].last_results_sha, where)
            audit.append(("assessment", record))
            memory[a.recommendation.track_id] = replace(a.memory, last_results_sha=sha)
        events = files.events + tuple(e for a in assessed for e in a.events)
        audit += [("event", e) for e in events]
        new_state = EngineState(t_s, tracker_state, matcher, MappingProxyType(memory), files.lost)
        return new_state, StepOutput(
            t_s,
            tracks,
            estimates,
            MappingProxyType({a.recommendation.track_id: a.evidence for a in assessed}),
            MappingProxyType({a.recommendation.track_id: a.checks for a in assessed}),
            tuple(a.recommendation for a in assessed),
            events,
            tuple(audit),
        )

    def _assess_all(
        self,
        memory: Mapping[str, TrackMemory],
        live: Sequence[TrackState],
        mine: Mapping[str, tuple[Observation, ...]],
        estimates: Sequence[DestinationEstimate],
        t_s: float,
        matcher: MatcherState,
    ) -> list[Assessment]:
        destinations = {e.track_id: e for e in estimates}
        squawks = {t.track_id: t.mode_a for t in live if t.mode_a is not None}
        out = []
        for track in live:
            others = frozenset(code for tid, code in squawks.items() if tid != track.track_id)
            landed_at = matcher.landed(track.track_id)
            around = Around(destinations.get(track.track_id), live, others, t_s, landed_at)
            out.append(assess(self._setting, memory[track.track_id], track, mine.get(track.track_id, ()), around))
        return out

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
                rules=self._setting.rules,
            )
            for p in procedures
        )


def by_track(observations: Sequence[Observation]) -> dict[str, tuple[Observation, ...]]:
    """Observations grouped by the track they were aimed at, each group in time order."""
    out: dict[str, list[Observation]] = {}
    for o in sorted(observations, key=lambda o: o.t_s):
        out.setdefault(o.track_id, []).append(o)
    return {k: tuple(v) for k, v in out.items()}


def _where(frame: LocalFrame, track: TrackState) -> dict[str, object]:
    """Where the track is, for the operator's status board: WGS84 degrees, metres, m/s, degrees true."""
    lat, lon, _ = frame.point_to_geodetic(track.east_m, track.north_m, 0.0)
    return {
        "status": track.status.value,
        "lat_deg": round(lat, 5),
        "lon_deg": round(lon, 5),
        "alt_m": None if track.alt_m is None else round(track.alt_m),
        "speed_mps": round(track.speed_mps, 1),
        "course_deg": round(math.degrees(track.course_rad) % 360.0, 1),
    }


def _assessment_record(a: Assessment, last_sha: str, where: Mapping[str, object]) -> tuple[dict[str, object], str]:
    """The audit record of one assessment: where the track is, and the check results in full only
    when they changed."""
    sha = hashlib.sha256(
        canonical_json(to_jsonable([(c.check_id, c.verdict, c.reason) for c in a.checks])).encode()
    ).hexdigest()
    record = {
        "track_id": a.recommendation.track_id,
        "track": where,
        "recommendation": a.recommendation,
        "results_sha256": sha,
        "results": a.checks if sha != last_sha else "unchanged",
    }
    return record, sha
