"""One plan, one aircraft: whose plan a matching flight plan is settles by where the plan's aircraft
reported itself when its ATS unit asked it to identify (`request_ident`). A plan whose aircraft
reported itself far from this track (beyond `ident_gate_m`, plus `ident_drift_mps` for each second
since) belongs to another aircraft flying the same corridor: it is no civil ground for this one. A
report near the track confirms the plan; a unit that could not reach its aircraft settles nothing,
and the plan keeps blocking (fail safe)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from interdict.contract.observations import IdentReport
from interdict.contract.picture import Picture
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState

__all__ = ["distance_m", "disowned"]


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


def disowned(
    reports: Sequence[IdentReport], track: TrackState, picture: Picture, rules: RuleSet, t_s: float
) -> frozenset[tuple[str, str]]:
    """(unit, call sign) of the plans whose aircraft last reported itself far from this track."""
    latest = {(r.unit, r.callsign): r for r in sorted(reports, key=lambda r: r.t_s)}
    return frozenset(k for k, r in latest.items() if _far(r, track, picture, rules, t_s))
