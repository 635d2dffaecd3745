"""The scorer: the only engine-side reader of truth. Compares what the engine recommended with who
was really flying.

Report (JSON):
  {"aircraft": {"<id>": {"role", "registration", "tracks": [...], "max_rung",
                         "ground_cue": {"strip", "t_s", "lead_s", "correct"} | null,
                         "civil_indicator_discoverable": bool}},
   "totals": {"wrongful_escalations": n, "smugglers_cued": n, "smugglers_cued_before_landing": n}}
A wrongful escalation is a civil aircraft with a discoverable civil indicator (a plan held by some
unit, an ATC unit in contact, a squawk, a registry entry for a readable registration) recommended
above VISUAL_ID. `lead_s` is the true touchdown at the cued strip minus the cue time (None if the
aircraft never lands there).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from interdict.ladder import Recommendation, Rung
from interdict.scenario import AircraftSpec, Scenario
from interdict.truth import Trajectory

__all__ = ["ScoredStep", "score_replay", "civil_indicator_discoverable"]


@dataclass(frozen=True, slots=True)
class ScoredStep:
    """One replay step as the scorer sees it: which aircraft each track held, and the recommendations."""

    t_s: float
    holder: Mapping[str, str | None]  # track id -> aircraft id
    recommendations: tuple[Recommendation, ...]


def civil_indicator_discoverable(a: AircraftSpec, scenario: Scenario) -> bool:
    plan = any(a.registration is not None and p.registration == a.registration for p in scenario.flight_plans)
    contact = bool(a.radio.in_contact_with)
    squawk = a.transponder != "off"
    registry = a.registration is not None and any(r.registration == a.registration for r in scenario.registry)
    return plan or contact or squawk or registry


def _touchdown_s(trajectory: Trajectory, strip_position_en: tuple[float, float], after_s: float) -> float | None:
    """First time after `after_s` at which the aircraft is on the ground within 2 km of the strip."""
    ts = np.arange(max(after_s, trajectory.t_start_s), trajectory.t_end_s + 1.0, 5.0)
    if len(ts) == 0:
        return None
    ground = trajectory.on_ground_at(ts)
    pos = trajectory.positions_enu_at(ts)
    near = np.hypot(pos[:, 0] - strip_position_en[0], pos[:, 1] - strip_position_en[1]) < 2_000.0
    hit = np.flatnonzero(ground & near)
    return float(ts[hit[0]]) if len(hit) else None


def score_replay(
    scenario: Scenario,
    trajectories: Sequence[Trajectory],
    steps: Sequence[ScoredStep],
    strip_en: Mapping[str, tuple[float, float]],
) -> dict[str, object]:
    by_id = {t.aircraft_id: t for t in trajectories}
    out: dict[str, dict[str, object]] = {}
    wrongful = cued = cued_early = 0
    for a in scenario.aircraft:
        tracks: list[str] = []
        max_rung = None
        cue = None
        for step in steps:
            for rec in step.recommendations:
                if step.holder.get(rec.track_id) != a.id:
                    continue
                if rec.track_id not in tracks:
                    tracks.append(rec.track_id)
                if max_rung is None or rec.rung.level > max_rung.level:
                    max_rung = rec.rung
                if cue is None and rec.rung is Rung.GROUND_CUE:
                    strip = next((p.params["strip"] for p in rec.procedures if p.action == "cue_ground"), None)
                    cue = (str(strip) if strip else None, step.t_s)
        discoverable = civil_indicator_discoverable(a, scenario)
        ground_cue = None
        if cue is not None:
            strip, t_cue = cue
            touchdown = (
                _touchdown_s(by_id[a.id], strip_en[strip], t_cue) if strip is not None and strip in strip_en else None
            )
            ground_cue = {
                "strip": strip,
                "t_s": t_cue,
                "lead_s": None if touchdown is None else touchdown - t_cue,
                "correct": touchdown is not None,
            }
            if a.role == "smuggler":
                cued += 1
                cued_early += touchdown is not None
        if a.role == "civil" and discoverable and max_rung is not None and max_rung.level > Rung.VISUAL_ID.level:
            wrongful += 1
        out[a.id] = {
            "role": a.role,
            "registration": a.registration,
            "tracks": tracks,
            "max_rung": max_rung.value if max_rung else None,
            "ground_cue": ground_cue,
            "civil_indicator_discoverable": discoverable,
        }
    return {
        "aircraft": out,
        "totals": {
            "wrongful_escalations": wrongful,
            "smugglers_cued": cued,
            "smugglers_cued_before_landing": cued_early,
        },
    }
