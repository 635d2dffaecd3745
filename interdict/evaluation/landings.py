"""Destination and cue scores of a replay against where the aircraft really landed.

A landing is a route waypoint on a strip that follows one in the air: the aircraft touches down on
that strip at that waypoint's time. Destination top-1 at lead L: at the step nearest to L seconds
before touchdown, the track that holds the aircraft then (the scorer's holder) had that strip as its
most likely destination; no track holding the aircraft counts as a miss (the question is what an
operator could have known). Forecasts for calibration, every `CALIBRATION_STEP_S` of lead up to 30
minutes: the most likely strip of the most confident holder, its probability given that the
aircraft lands (the forecasts are drawn from aircraft that did land, so the mass of "none" is set
aside), and whether the aircraft landed there (no holder, or no strip candidate: no forecast).

Cues: every cue of the scorer's report (a cue moved to another strip is a new one), precise when
the report calls it correct (a smuggler that lands at the cued strip after the cue), actionable
when its team could be there before the aircraft left; its lead to landing is the time from the
cue to the aircraft's next touchdown anywhere (None: it never landed again).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from interdict.engine.destinations import DestinationEstimate
from interdict.evaluation.score import ScoredStep
from interdict.scenario.document import Scenario

__all__ = ["LEADS_S", "CALIBRATION_LEADS_S", "landings", "destination_scores", "cue_records"]

LEADS_S = (1_800, 1_200, 600, 300, 120, 60)
CALIBRATION_STEP_S = 60
CALIBRATION_LEADS_S = tuple(range(CALIBRATION_STEP_S, 1_801, CALIBRATION_STEP_S))


def landings(scenario: Scenario) -> list[tuple[str, str, float]]:
    """(aircraft id, strip id, touchdown t_s) of every landing in the scenario, in time order."""
    out = []
    for a in scenario.aircraft:
        for before, w in zip(a.route, a.route[1:], strict=False):
            if w.strip is not None and before.strip is None:
                out.append((a.id, w.strip, w.t_s))
    return sorted(out, key=lambda x: (x[2], x[0]))


def destination_scores(
    scenario: Scenario,
    scored: Sequence[ScoredStep],
    estimates: Sequence[Sequence[DestinationEstimate]],
) -> list[dict[str, Any]]:
    """Per landing within the scenario: aircraft, role, strip, touchdown and, per lead in LEADS_S that falls within the
    replay, whether the aircraft's track had the strip on top (and its probability)."""
    roles = {a.id: a.role for a in scenario.aircraft}
    times = [s.t_s for s in scored]
    out = []
    for aircraft_id, strip, t_land in landings(scenario):
        if t_land > scenario.duration_s:
            continue
        top1: dict[str, bool] = {}
        p_true: dict[str, float] = {}
        forecasts: dict[str, tuple[float, bool]] = {}
        for lead in sorted({*LEADS_S, *CALIBRATION_LEADS_S}):
            est = _held_estimates(aircraft_id, t_land - lead, times, scored, estimates)
            if est is None:
                continue
            if lead in LEADS_S:
                top1[str(lead)] = any(e.top == strip for e in est)
                p_true[str(lead)] = max((c.p for e in est for c in e.candidates if c.strip_id == strip), default=0.0)
            strip_forecasts = [(e.p_given_landing(e.candidates[0].strip_id), e) for e in est if e.candidates]
            if lead in CALIBRATION_LEADS_S and strip_forecasts:
                p, best = max(strip_forecasts, key=lambda x: (x[0], x[1].track_id))
                forecasts[str(lead)] = (p, best.candidates[0].strip_id == strip)
        out.append(
            {
                "aircraft": aircraft_id,
                "role": roles[aircraft_id],
                "strip": strip,
                "t_land_s": t_land,
                "top1": top1,
                "p_true": p_true,
                "forecasts": forecasts,
            }
        )
    return out


def _held_estimates(
    aircraft_id: str,
    t_s: float,
    times: Sequence[float],
    scored: Sequence[ScoredStep],
    estimates: Sequence[Sequence[DestinationEstimate]],
) -> list[DestinationEstimate] | None:
    """The estimates of the tracks holding the aircraft at the step nearest `t_s` (None: outside the replay)."""
    if not times or t_s < times[0] or t_s > times[-1]:
        return None
    j = bisect.bisect_left(times, t_s)
    k = min((i for i in (j - 1, j) if 0 <= i < len(times)), key=lambda i: abs(times[i] - t_s))
    held = [tid for tid, who in scored[k].holder.items() if who == aircraft_id]
    return [e for e in estimates[k] if e.track_id in held]


def cue_records(scenario: Scenario, report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per cue (every one: a cue moved to another strip is a new one): aircraft, role, strip (and a
    cluster's strips, and the strip the aircraft landed on), time,
    whether correct and actionable (its team there before the aircraft left), lead to the aircraft's
    next landing anywhere."""
    touchdowns: dict[str, list[float]] = {}
    for aircraft_id, _, t in landings(scenario):
        touchdowns.setdefault(aircraft_id, []).append(t)
    out = []
    for aircraft_id, entry in report["aircraft"].items():
        for cue in entry["cues"]:
            after = [t for t in touchdowns.get(aircraft_id, []) if t >= cue["t_s"]]
            out.append(
                {
                    "aircraft": aircraft_id,
                    "role": entry["role"],
                    "strip": cue["strip"],
                    "strips": cue.get("strips", []),
                    "landed_at": cue.get("landed_at"),
                    "t_s": cue["t_s"],
                    "correct": bool(cue["correct"]),
                    "actionable": bool(cue["actionable"]),
                    "lead_to_landing_s": (after[0] - cue["t_s"]) if after else None,
                }
            )
    return out
