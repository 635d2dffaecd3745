"""Destination and cue scores of a replay against where the aircraft really landed.

A landing is a route waypoint on a strip that follows one in the air: the aircraft touches down on
that strip at that waypoint's time. Destination top-1 at lead L: at the step nearest to L seconds
before touchdown, the track that holds the aircraft then (the scorer's holder) had that strip as its
most likely destination; no track holding the aircraft counts as a miss (the question is what an
operator could have known). A cue is precise when the scorer's report calls it correct (a smuggler
that lands at the cued strip after the cue); its lead to landing is the time from the cue to the
aircraft's next touchdown anywhere (None: it never landed again).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interdict.engine.destinations import DestinationEstimate
from interdict.evaluation.score import ScoredStep
from interdict.scenario.document import Scenario

__all__ = ["LEADS_S", "landings", "destination_scores", "cue_records"]

LEADS_S = (1_800, 1_200, 600, 300, 120, 60)


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
        for lead in LEADS_S:
            t = t_land - lead
            if not times or t < times[0] or t > times[-1]:
                continue
            k = min(range(len(times)), key=lambda i: abs(times[i] - t))
            held = [tid for tid, who in scored[k].holder.items() if who == aircraft_id]
            est = [e for e in estimates[k] if e.track_id in held]
            top1[str(lead)] = any(e.top == strip for e in est)
            p_true[str(lead)] = max((c.p for e in est for c in e.candidates if c.strip_id == strip), default=0.0)
        out.append(
            {
                "aircraft": aircraft_id,
                "role": roles[aircraft_id],
                "strip": strip,
                "t_land_s": t_land,
                "top1": top1,
                "p_true": p_true,
            }
        )
    return out


def cue_records(scenario: Scenario, report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per first ground cue of an aircraft: role, whether correct, lead to its next landing."""
    touchdowns: dict[str, list[float]] = {}
    for aircraft_id, _, t in landings(scenario):
        touchdowns.setdefault(aircraft_id, []).append(t)
    out = []
    for aircraft_id, entry in report["aircraft"].items():
        cue = entry["ground_cue"]
        if cue is None:
            continue
        after = [t for t in touchdowns.get(aircraft_id, []) if t >= cue["t_s"]]
        out.append(
            {
                "aircraft": aircraft_id,
                "role": entry["role"],
                "strip": cue["strip"],
                "t_s": cue["t_s"],
                "correct": bool(cue["correct"]),
                "lead_to_landing_s": (after[0] - cue["t_s"]) if after else None,
            }
        )
    return out
