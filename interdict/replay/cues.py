"""The ground cues of a replay, as both pictures (map.py, html.py) draw them: when the engine first
recommended a cue of a track to a strip (or to a cluster of strips, `strips`, drawn at its first
strip and labelled with every one), the team it named, and the ETA it predicted then (None when the
track was already lost where it landed)."""

from __future__ import annotations

from dataclasses import dataclass

from interdict.engine.ladder import Rung
from interdict.replay.loop import ReplayResult

__all__ = ["Cue", "ground_cues"]


@dataclass(frozen=True, slots=True)
class Cue:
    t_s: float
    track_id: str
    strip: str
    team: str
    eta_s: float | None
    strips: tuple[str, ...] = ()  # a cue to a cluster: its strips

    @property
    def label(self) -> str:
        """What the picture writes: the strip, or the cluster's strips."""
        return "/".join(self.strips) if self.strips else self.strip


def ground_cues(result: ReplayResult) -> list[Cue]:
    """Each (track, strip) cue once, at its first recommendation, in time order; strips not in the
    picture are left out."""
    cues: list[Cue] = []
    seen: set[tuple[str, str]] = set()
    for step in result.steps:
        estimates = {e.track_id: e for e in step.estimates}
        for rec in step.recommendations:
            for action in rec.procedures if rec.rung is Rung.GROUND_CUE else ():
                strip = str(action.params.get("strip", ""))
                key = (rec.track_id, strip)
                if action.action != "cue_ground" or key in seen or strip not in result.picture.strip_positions:
                    continue
                seen.add(key)
                estimate = estimates.get(rec.track_id)
                eta = next((c.eta_s for c in estimate.candidates if c.strip_id == strip), None) if estimate else None
                group = action.params.get("strips")
                strips = tuple(str(x) for x in group) if isinstance(group, list) else ()
                cues.append(Cue(rec.t_s, rec.track_id, strip, str(action.params.get("team", "")), eta, strips))
    return cues
