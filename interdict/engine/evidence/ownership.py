"""One plan, one aircraft: whose plan a matching flight plan is settles by where the plan's aircraft
reported itself when its ATS unit asked it to identify (`request_ident`). A report that places the
plan's aircraft far from this track when it arrives (beyond `ident_gate_m`, plus `ident_drift_mps`
for each second since it was asked) says the plan belongs to another aircraft: it is no civil ground
for this one, and that stays settled for the aircraft this track holds (`IdentityFile.disowned`, lost
with any ambiguity) however the two fly afterwards. A later report near the track gives the plan back;
a unit that could not reach its aircraft settles nothing, and the plan keeps blocking (fail safe).

Until then a plan that fits more than one live track blocks each of them: it is not given to the
best-fitting one, since a geometric guess would take a civil ground from an aircraft that may own it.
The tracks it also fits are named (`rivals`) so that the operator sees the ambiguity SC-01 asks to
settle."""

from __future__ import annotations

import math
from collections.abc import Sequence

from interdict.contract.observations import FlightPlanAnswer, IdentReport
from interdict.contract.picture import Picture
from interdict.engine.evidence.correlation import plan_fit
from interdict.engine.evidence.items import CivilIndicator
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState

__all__ = ["distance_m", "settle", "rivals"]


def distance_m(report: IdentReport, track: TrackState, picture: Picture) -> float | None:
    """How far from the track, now, the plan's aircraft reported itself (None: it was not reached)."""
    if report.position is None:
        return None
    e, n, _ = picture.frame.point_to_enu(report.position.lat, report.position.lon, 0.0)
    return math.hypot(e - track.east_m, n - track.north_m)


def _far(report: IdentReport, track: TrackState, picture: Picture, rules: RuleSet, t_s: float) -> bool:
    d = distance_m(report, track, picture)
    since = max(t_s - (report.t_s if report.asked_t_s is None else report.asked_t_s), 0.0)
    return d is not None and d > rules.ident_gate_m + rules.ident_drift_mps * since


def settle(
    before: frozenset[tuple[str, str]],
    reports: Sequence[IdentReport],
    track: TrackState,
    picture: Picture,
    rules: RuleSet,
    t_s: float,
) -> frozenset[tuple[str, str]]:
    """(unit, call sign) of the plans this track's aircraft is known not to own, after the reports that
    arrived this scan: one far from the track adds its plan, one near it gives the plan back, one that
    did not reach its aircraft changes nothing."""
    out = set(before)
    for r in sorted(reports, key=lambda r: r.t_s):
        if r.position is None:
            continue
        if _far(r, track, picture, rules, t_s):
            out.add((r.unit, r.callsign))
        else:
            out.discard((r.unit, r.callsign))
    return frozenset(out)


def rivals(
    answers: Sequence[FlightPlanAnswer],
    indicators: Sequence[CivilIndicator],
    track: TrackState,
    live: Sequence[TrackState],
    picture: Picture,
    rules: RuleSet,
) -> dict[tuple[str, str], tuple[str, ...]]:
    """(unit, call sign) of each plan this track holds -> the other live tracks the plan also fits now."""
    plans = {(a.unit_id, p.callsign): p for a in answers for p in a.plans}
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for c in indicators:
        plan = plans.get((c.unit or "", c.callsign or ""))
        if c.kind != "flight_plan" or c.quarantined or plan is None:
            continue
        fits = (o for o in live if o.track_id != track.track_id and plan_fit(plan, o, picture, rules) is not None)
        others = tuple(sorted(o.track_id for o in fits))
        if others:
            out[(c.unit or "", c.callsign or "")] = others
    return out
