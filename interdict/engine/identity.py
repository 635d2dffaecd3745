"""Identity files: evidence filed per aircraft identity, not per track id.

A track id is the tracker's guess at which aircraft made a run of plots; when two tracks come close
they can swap, and when a track breaks the aircraft comes back under a new id. The file of a track
therefore keeps apart what is known to come from the aircraft it holds now (`observations` and the
civil indicators seen since, `held`) and what may come from another aircraft (`quarantine`).

An ambiguity moves everything the file knew into quarantine and identification starts again:
- two live tracks within the rule set's separation (SC-15): each file quarantines its own evidence
  and the other's, from the last scan they were close;
- a new track that may continue one lost within the lineage window (it could have flown there at the
  lineage speed): it inherits the lost file's evidence, quarantined, and its dissents;
- a visual report that contradicts an earlier one of the same file (another registration or type).
Quarantined indicators still block (SC-10 civil, SC-11 distress): blocks carry over, permissions
never do. Fresh evidence from the same source (the same unit asked again, the same frequency called
again, a new visual identification) replaces a quarantined indicator. Answers to procedures asked
before the ambiguity arrive quarantined. Dissents carry over to every file involved; written
resolutions never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from interdict.contract.observations import Observation, VisualIdReport, asked_at
from interdict.contract.procedures import Dissent
from interdict.engine.evidence import CivilIndicator

__all__ = ["Ambiguity", "IdentityFile", "file_observations", "quarantine", "inherit", "contradiction"]


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """Why a file's earlier evidence was quarantined."""

    t_s: float
    tracks: tuple[str, ...]
    why: str


@dataclass(frozen=True, slots=True)
class IdentityFile:
    """What is known of the aircraft one track holds (see the module docstring)."""

    track_id: str
    lineage: tuple[str, ...] = ()  # track ids this track may continue
    observations: tuple[Observation, ...] = ()  # gathered since the last ambiguity
    held: tuple[CivilIndicator, ...] = ()  # indicators seen since the last ambiguity (they keep blocking)
    quarantine: tuple[CivilIndicator, ...] = ()  # may belong to another aircraft: block, never permit
    ambiguity: Ambiguity | None = None  # the latest (only the latest is kept: a file's cost must not grow with age)
    clear_since_t_s: float | None = None  # evidence asked for at or before this time is quarantined
    # plans (unit, call sign) whose aircraft reported itself elsewhere than this one (`ownership.settle`):
    # a permission, so never carried through an ambiguity
    disowned: frozenset[tuple[str, str]] = frozenset()

    def is_fresh(self, o: Observation) -> bool:
        return self.clear_since_t_s is None or asked_at(o) > self.clear_since_t_s


def _merge(*groups: Sequence[CivilIndicator]) -> tuple[CivilIndicator, ...]:
    """The indicators of `groups`, quarantined, one per fact (the first seen): a fact that passed
    through many track ids blocks once, and a file's quarantine stays as small as the facts it holds."""
    seen: dict[str, CivilIndicator] = {}
    for group in groups:
        for c in group:
            q = c if c.quarantined else replace(c, quarantined=True)
            seen.setdefault(q.fact, q)
    return tuple(seen.values())


def _dissents(files: Sequence[IdentityFile]) -> tuple[Observation, ...]:
    return tuple(dict.fromkeys(o for f in files for o in f.observations if isinstance(o, Dissent)))


def file_observations(
    file: IdentityFile, new: Sequence[Observation], late_indicators: Sequence[CivilIndicator]
) -> IdentityFile:
    """File this scan's observations: fresh ones as evidence; `late_indicators` (what the answers to
    procedures asked before the last ambiguity say) into quarantine."""
    fresh = tuple(o for o in new if file.is_fresh(o))
    return replace(
        file,
        observations=file.observations + fresh,
        quarantine=_merge(file.quarantine, late_indicators),
    )


def quarantine(file: IdentityFile, others: Sequence[IdentityFile], t_s: float, why: str) -> IdentityFile:
    """Everything this file and the `others` knew may belong to either aircraft: quarantine it."""
    group = (file, *others)
    return IdentityFile(
        track_id=file.track_id,
        lineage=file.lineage,
        observations=_dissents(group),
        held=(),
        quarantine=_merge(*(f.held for f in group), *(f.quarantine for f in group)),
        ambiguity=Ambiguity(t_s, tuple(f.track_id for f in group), why),
        clear_since_t_s=t_s,
    )


def inherit(track_id: str, predecessors: Sequence[IdentityFile], t_s: float, why: str) -> IdentityFile:
    """A new track's file: what its possible predecessors knew, quarantined (empty without any)."""
    if not predecessors:
        return IdentityFile(track_id)
    opened = quarantine(IdentityFile(track_id), predecessors, t_s, why)
    return replace(opened, lineage=tuple(p.track_id for p in predecessors))


def contradiction(file: IdentityFile, new: Sequence[Observation]) -> str | None:
    """Why a new visual report contradicts an earlier one of this file, or None."""
    reports = [o for o in file.observations if isinstance(o, VisualIdReport)]
    for report in (o for o in new if isinstance(o, VisualIdReport)):
        for earlier in reports:
            if (earlier.registration, earlier.aircraft_type) != (report.registration, report.aircraft_type):
                return (
                    f"visual report at t = {report.t_s:.0f} s (registration {report.registration or 'none'}, "
                    f"type {report.aircraft_type or '?'}) contradicts the one at t = {earlier.t_s:.0f} s "
                    f"(registration {earlier.registration or 'none'}, type {earlier.aircraft_type or '?'})"
                )
        reports.append(report)
    return None


def reachable(gap_s: float, distance_m: float, *, speed_mps: float, margin_m: float) -> bool:
    """Could an aircraft have covered `distance_m` in `gap_s`?"""
    return distance_m <= max(gap_s, 0.0) * speed_mps + margin_m  # NaN compares False: not reachable
