"""What identification knows about the aircraft a track holds: evidence items for the timeline,
civil and distress indicators (see `interdict.engine.evidence`), behaviour, and `Evidence`, all
of it at one time `t_s` (no truth in here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from interdict.contract.observations import (
    IdentReport,
    InterceptResponse,
    LandingResponse,
    RadioReply,
    RegistryAnswer,
    VisualIdReport,
)
from interdict.contract.procedures import AlertTeam, Dissent, InstructLand, InterceptSignal, RadioCall, Resolve
from interdict.contract.specs import RegistryEntry
from interdict.engine.destinations import DestinationEstimate
from interdict.engine.tracking.track import TrackState

__all__ = [
    "EvidenceItem",
    "CivilIndicator",
    "Behaviour",
    "Evidence",
    "EMERGENCY_SQUAWKS",
    "DISTRESS_KINDS",
    "GAP_KINDS",
    "PROFILE_KINDS",
    "NOT_CIVIL_KINDS",
]


EMERGENCY_SQUAWKS = {"7500": "hijack", "7600": "radio failure", "7700": "distress"}


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceItem:
    """One piece of evidence for the timeline and the audit."""

    kind: str
    source: str
    t_s: float
    track_id: str
    summary: str
    civil: bool = False


@dataclass(frozen=True, slots=True)
class CivilIndicator:
    """A fact that says "civil aircraft" (or, kind `distress`/`medevac`, "assist it").

    `source` names what can answer about it again after an ambiguity (`plans:UNIT`, `atc:UNIT`,
    `radio:FREQ`, `visual`, `intercept`, `landing`, `squawk:CODE`, `route`; `picture:STRIP` or
    `picture:airspace` for a coverage gap and `profile` for an innocent profile, which nothing
    supersedes); `quarantined` marks one
    that may belong to another aircraft: it blocks, and fresh evidence from its source supersedes it.
    """

    kind: str
    detail: str
    t_s: float
    source: str
    track_id: str = ""
    quarantined: bool = False
    unit: str | None = None
    callsign: str | None = None

    @property
    def fact(self) -> str:
        """A stable key for written resolutions."""
        return ("quarantined " if self.quarantined else "") + f"{self.kind}: {self.detail}"


DISTRESS_KINDS = frozenset({"distress", "medevac"})
# Held like indicators but not civil: a gap in the picture's ATS coverage that matters to this aircraft
# (SC-22), and an innocent profile once shown (SC-09).
GAP_KINDS = frozenset({"ats_gap"})
PROFILE_KINDS = frozenset({"innocent_profile"})
NOT_CIVIL_KINDS = DISTRESS_KINDS | GAP_KINDS | PROFILE_KINDS


@dataclass(frozen=True, slots=True)
class Behaviour:
    """Behavioural features, None when unknown, and the weighted innocence score (SC-09)."""

    cruise_band: bool | None
    daylight: bool
    steady_course: bool | None
    origin_kind: str | None
    destination_kind: str | None
    innocence: float
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """All that is known about the aircraft a track holds at `t_s` (no truth in here).

    `indicators` are civil and distress indicators of this aircraft (fresh, or held since first
    seen); `quarantined` are those that may belong to another aircraft after an ambiguity.
    """

    track_id: str
    t_s: float
    track: TrackState
    plan_queries: Mapping[str, float]  # unit -> time of its latest answer
    atc_queries: Mapping[str, float]
    asked: Mapping[str, float]  # "plans:UNIT" / "atc:UNIT" -> when the latest answer was asked for
    radio_calls: tuple[RadioCall, ...]
    radio_replies: tuple[RadioReply, ...]
    visual: VisualIdReport | None
    registry_entry: RegistryEntry | None
    intercepts: tuple[InterceptSignal, ...]
    intercept_responses: tuple[InterceptResponse, ...]
    land_instructions: tuple[InstructLand, ...]
    land_responses: tuple[LandingResponse, ...]
    dissents: tuple[Dissent, ...]
    resolutions: tuple[Resolve, ...]
    behaviour: Behaviour
    indicators: tuple[CivilIndicator, ...]
    destination: DestinationEstimate | None
    items: tuple[EvidenceItem, ...] = field(default=())
    quarantined: tuple[CivilIndicator, ...] = ()
    registry_answers: tuple[RegistryAnswer, ...] = ()  # the registry authority's answers about marks read
    ident_reports: tuple[IdentReport, ...] = ()  # ATS units' answers: where a plan's aircraft reported itself
    alerts: tuple[AlertTeam, ...] = ()  # police teams put on stand-by for this aircraft

    @property
    def alerted(self) -> dict[str, float]:
        """Team id -> since when it has been on stand-by for this aircraft."""
        out: dict[str, float] = {}
        for a in self.alerts:
            out[a.team] = min(out.get(a.team, a.t_s), a.t_s)
        return out

    @property
    def civil_indicators(self) -> tuple[CivilIndicator, ...]:
        return tuple(c for c in self.indicators if c.kind not in NOT_CIVIL_KINDS)

    def held_of(self, kinds: frozenset[str]) -> tuple[CivilIndicator, ...]:
        """This aircraft's held items of `kinds`, its own and those quarantined after an ambiguity."""
        return tuple(c for c in (*self.indicators, *self.quarantined) if c.kind in kinds)

    @property
    def distress(self) -> tuple[CivilIndicator, ...]:
        return tuple(c for c in (*self.indicators, *self.quarantined) if c.kind in DISTRESS_KINDS)

    @property
    def floats(self) -> bool | None:
        """Whether the aircraft has floats: the shadowing crew's reading, else its register entry, else None."""
        if self.visual is not None and self.visual.floats is not None:
            return self.visual.floats
        return self.registry_entry.floats if self.registry_entry is not None else None

    @property
    def matching_plans(self) -> tuple[tuple[str, str], ...]:
        """(callsign, unit) of the held plans that correlate with this aircraft."""
        return tuple((c.callsign or "?", c.unit or "?") for c in self.indicators if c.kind == "flight_plan")

    @property
    def atc_contact(self) -> tuple[tuple[str, str | None], ...]:
        """(unit, callsign) of the ATS units in two-way contact with this aircraft."""
        return tuple((c.unit or "?", c.callsign) for c in self.indicators if c.kind == "atc_contact")
