"""One live track's scan, as a pure function: file its new observations in its aircraft's identity
file, gather the evidence, run the checks, judge and apply written resolutions, recommend, and say
what changed. `Engine.step` calls it once per live track."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from interdict.contract.observations import FlightPlanAnswer, IdentReport, Observation
from interdict.contract.procedures import RecallGround, RequestRung, Resolve
from interdict.engine.destinations import DestinationEstimate
from interdict.engine.events import (
    EngineEvent,
    cue_revised,
    evidence_added,
    identity_quarantined,
    recall_ground_team,
    recommendation_changed,
    recommendation_key,
    request_refused,
    resolution_judged,
)
from interdict.engine.evidence import Evidence, gather_evidence
from interdict.engine.evidence.ownership import rivals, settle
from interdict.engine.identity import IdentityFile, contradiction, file_observations, quarantine
from interdict.engine.ladder import Recommendation, Rung, recommend
from interdict.engine.lineage import TrackMemory, late_indicators
from interdict.engine.resolutions import apply_resolutions, judge_resolution, update_fact_since
from interdict.engine.safety import EXCULPATORY, Action, CheckContext, CheckResult, Verdict, run_checks
from interdict.engine.setting import Setting
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.engine.tracking.coverage import time_to_leave_cover_s

__all__ = ["Around", "Assessment", "assess", "recall", "request_of", "settling"]


@dataclass(frozen=True, slots=True)
class Around:
    """What else the step knows about the track: its destination estimate, the other live tracks,
    the squawks they show, the time, and the strips where it was inferred to have landed (with the
    probability when it was lost)."""

    destination: DestinationEstimate | None
    live: Sequence[TrackState]
    other_squawks: frozenset[str]
    t_s: float
    landed_at: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Assessment:
    memory: TrackMemory
    evidence: Evidence
    checks: tuple[CheckResult, ...]
    recommendation: Recommendation
    events: tuple[EngineEvent, ...]


def assess(
    setting: Setting, mem: TrackMemory, track: TrackState, new: Sequence[Observation], around: Around
) -> Assessment:
    """File, gather, check, resolve, recommend (pure): the new memory, and the events in order."""
    t_s, tid = around.t_s, track.track_id
    file, events = _file(setting, mem.file, track, new, t_s)
    reports = [o for o in new if isinstance(o, IdentReport) and file.is_fresh(o)]
    file = replace(file, disowned=settle(file.disowned, reports, track, setting.picture, setting.rules, t_s))
    courses = mem.courses_rad + ((track.course_rad,) if track.status is TrackStatus.CONFIRMED else ())
    ev = gather_evidence(
        track,
        setting.picture,
        setting.rules,
        file.observations,
        t_s=t_s,
        destination=around.destination,
        origin=mem.origin,
        courses=courses[-setting.rules.steady_window_scans :],
        held=file.held,
        quarantined=file.quarantine,
        other_squawks=around.other_squawks,
        disowned=file.disowned,
    )
    file = replace(file, held=ev.indicators)
    added, reported = evidence_added(tid, t_s, ev.items, mem.reported)
    events += added
    ctx = CheckContext(
        setting.picture,
        setting.rules,
        t_s,
        setting.audited,
        _neighbours(track, around.live),
        time_to_leave_cover_s(track, setting.radars),
        around.landed_at,
        mem.unsettled,
        setting.clusters,
        rivals(_answers(file.observations), ev.indicators, track, around.live, setting.picture, setting.rules),
    )
    raw = run_checks(ev, ctx)
    fact_since = update_fact_since(mem.fact_since, raw, t_s)
    raw_by_id = {r.check_id: r for r in raw}
    for r in (o for o in new if isinstance(o, Resolve) and file.is_fresh(o)):
        verdict = judge_resolution(r, raw_by_id, fact_since, ev.resolutions, setting.picture, setting.rules)
        events.append(resolution_judged(r, verdict, tid, t_s))
    checks = apply_resolutions(raw, ev.resolutions, fact_since, setting.picture, setting.rules)
    rec = recommend(tid, mem.rung, checks, t_s, requested=request_of(new), land_at=_land_at(setting, track, ev))
    rec, cued, recalls = recall(rec, mem.cued_strip, mem.recalls, new, events, around.landed_at)
    key = recommendation_key(rec)
    if key != mem.last_key:
        events.append(recommendation_changed(rec))
    refused = request_refused(rec)
    if refused is not None:
        events.append(refused)
    new_mem = replace(
        mem,
        rung=rec.rung,
        file=file,
        courses_rad=courses[-setting.rules.steady_window_scans :],
        fact_since=MappingProxyType(fact_since),
        last_key=key,
        reported=reported,
        cued_strip=cued,
        recalls=recalls,
        unsettled=MappingProxyType(settling(mem.unsettled, mem.rung, rec, checks, setting.rules.settle_s)),
    )
    return Assessment(new_mem, ev, checks, rec, tuple(events))


def _file(
    setting: Setting, file: IdentityFile, track: TrackState, new: Sequence[Observation], t_s: float
) -> tuple[IdentityFile, list[EngineEvent]]:
    """A contradicting visual report quarantines everything; answers to questions asked before an
    ambiguity are filed as quarantined indicators, fresh ones as observations."""
    events = []
    why = contradiction(file, new)
    if why is not None:
        file = quarantine(file, [], t_s, why)
        events.append(identity_quarantined(track.track_id, t_s, why, separator=": "))
    late = [o for o in new if not file.is_fresh(o)]
    return file_observations(file, new, late_indicators(setting, track, late, t_s)), events


def settling(
    unsettled: Mapping[str, float],
    before: Rung,
    rec: Recommendation,
    checks: Sequence[CheckResult],
    settle_s: float,
) -> dict[str, float]:
    """SC-21's and SC-25's memory (pure): for each check behind a step down, and each exculpatory check
    that did not pass, the last time it did not pass; a check leaves once it has passed for `settle_s`.
    An operator's stand-down settles nothing."""
    t_s = rec.t_s
    failing = {c.check_id for c in checks if c.verdict is not Verdict.PASS}
    out = {c: t_s if c in failing else last for c, last in unsettled.items()}
    out.update(dict.fromkeys(sorted(failing & EXCULPATORY), t_s))
    if rec.rung.level < before.level and rec.next_rung is before:  # the ladder stepped down
        out.update({c.check_id: t_s for c in rec.blocked_by})
    return {c: last for c, last in out.items() if t_s - last < settle_s}


def _answers(observations: Sequence[Observation]) -> list[FlightPlanAnswer]:
    return [o for o in observations if isinstance(o, FlightPlanAnswer)]


def _neighbours(track: TrackState, live: Sequence[TrackState]) -> dict[str, float]:
    return {
        o.track_id: math.hypot(o.east_m - track.east_m, o.north_m - track.north_m)
        for o in live
        if o.track_id != track.track_id  # a coasting neighbour is as ambiguous as a confirmed one
    }


def _land_at(setting: Setting, track: TrackState, ev: Evidence) -> str | None:
    """The designated aerodrome for an instruction to land: the nearest that suits the aircraft
    (floats need water: Annex 2 App. 2 §1.1 e); None while it is not known whether it has floats."""
    if ev.floats is None:
        return None
    return setting.strips.nearest("river" if ev.floats else "registered", track.east_m, track.north_m)


def recall(
    rec: Recommendation,
    cued: str | None,
    recalls: tuple[str, ...],
    new: Sequence[Observation],
    events: list[EngineEvent],
    landed_at: Mapping[str, float] = MappingProxyType({}),
) -> tuple[Recommendation, str | None, tuple[str, ...]]:
    """A cue withdrawn (the rung stepped down) or moved to another strip: recall the ground team, and
    keep recommending the recall until one is recorded. A cue stands while the track is lost where
    it was inferred to land on the cued strip: the aircraft is there, and so should the team be."""
    now = next((str(a.params["strip"]) for a in rec.procedures if a.action == "cue_ground"), None)
    if now is None and (rec.rung is Rung.GROUND_CUE or cued in landed_at):
        now = cued
    done = {o.strip for o in new if isinstance(o, RecallGround)}
    pending = [s for s in recalls if s not in done]
    if cued is not None and cued != now:
        pending.append(cued)
        if now is not None:
            events.append(cue_revised(rec, cued, now))
        events.append(recall_ground_team(rec, cued, now))
    pending = [s for s in dict.fromkeys(pending) if s != now]
    actions = tuple(Action("recall_ground", {"strip": s}) for s in pending)
    return replace(rec, procedures=(*actions, *rec.procedures)), now, tuple(pending)


def request_of(new: Sequence[Observation]) -> str | None:
    """The operator's request this scan: the latest; of simultaneous ones the lowest (order-free, cautious)."""
    asks = [o for o in new if isinstance(o, RequestRung)]
    if not asks:
        return None
    latest = max(o.t_s for o in asks)
    levels = {r.value: r.level for r in Rung}
    return min((o.rung for o in asks if o.t_s == latest), key=lambda r: (levels.get(r, len(levels)), r))
