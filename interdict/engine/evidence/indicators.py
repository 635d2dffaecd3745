"""The indicators and the evidence item each observation gives, one small function per kind of
observation; the register lookup; when fresh evidence supersedes a quarantined indicator."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interdict.contract.observations import (
    AtcContactAnswer,
    FlightPlanAnswer,
    IdentReport,
    InterceptReply,
    InterceptResponse,
    LandingResponse,
    Observation,
    Phrase,
    RadioReply,
    RegistryAnswer,
    VisualIdReport,
)
from interdict.contract.picture import Picture
from interdict.contract.procedures import InterceptSignal, RadioCall
from interdict.contract.specs import RegistryEntry
from interdict.core.text import civil_form, norm_mark, visible
from interdict.engine.evidence.correlation import plan_fit
from interdict.engine.evidence.items import CivilIndicator, EvidenceItem
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState

__all__ = [
    "CATEGORY_TREATMENT",
    "norm_mark",
    "Judged",
    "Fresh",
    "indicators_of",
    "item_of",
    "register_entry",
    "superseded",
    "unique_facts",
]


# What each register category means to identification. Every category the scenario format allows has
# a row (a test checks it against `contract.specs.Category`), so no category is silently "no indicator":
#   civil    a civil aircraft: a civil indicator (SC-10), resolvable in writing by two named people;
#   medevac  a civil aircraft on medical work: a civil indicator and a medevac indicator (SC-11);
#   state    a state aircraft (police, military, customs, government: Chicago Convention Art. 3 (b)),
#            one's own side included: never intercepted or cued; never resolved in writing.
CATEGORY_TREATMENT: Mapping[str, tuple[str, ...]] = {
    "mission": ("civil",),
    "air_taxi": ("civil",),
    "private": ("civil",),
    "airline": ("civil",),
    "medevac": ("civil", "medevac"),
    "state": ("state",),
}


def register_entry(picture: Picture, registration: str) -> RegistryEntry | None:
    """The civil register's entry for a registration, however it is written (OB-1408, ob1408)."""
    return next((r for r in picture.registry if norm_mark(r.registration) == norm_mark(registration)), None)


def _call_sign_indicator(
    reply: RadioReply, picture: Picture, answers: Sequence[FlightPlanAnswer], tid: str
) -> CivilIndicator:
    """A call sign given by radio, looked up in the register and in the plans the units returned."""
    given = visible(reply.callsign or "?")
    found = [f"gave call sign {given} on {reply.frequency_mhz:g} MHz"]
    reg = register_entry(picture, given)
    if reg is not None:
        found.append(f"{visible(reg.registration)} is registered to {visible(reg.operator)} ({reg.category})")
    for answer in answers:
        for plan in answer.plans:
            if norm_mark(plan.callsign) == norm_mark(given) or (
                plan.registration and norm_mark(plan.registration) == norm_mark(given)
            ):
                found.append(f"plan {visible(plan.callsign)} held by {answer.unit_id}")
    return CivilIndicator(
        "call_sign", "; ".join(found), reply.t_s, f"radio:{reply.frequency_mhz:g}", tid, callsign=reply.callsign
    )


@dataclass(frozen=True, slots=True)
class Judged:
    """What an observation is judged against: the track as it is now, the picture, the rules, whether
    its course is steady, and the flight-plan answers filed for it (for call-sign lookups)."""

    track: TrackState
    picture: Picture
    rules: RuleSet
    steady: bool | None
    answers: Sequence[FlightPlanAnswer]


def _plans(o: FlightPlanAnswer, j: Judged) -> list[CivilIndicator]:
    fits = ((plan, plan_fit(plan, j.track, j.picture, j.rules, steady=j.steady)) for plan in o.plans)
    return [
        CivilIndicator(
            "flight_plan",
            f"plan {visible(plan.callsign)} held by {o.unit_id} {fit.value}",
            o.t_s,
            f"plans:{o.unit_id}",
            j.track.track_id,
            unit=o.unit_id,
            callsign=plan.callsign,
        )
        for plan, fit in fits
        if fit is not None
    ]


def _atc(o: AtcContactAnswer, j: Judged) -> list[CivilIndicator]:
    if not o.in_contact:
        return []
    who = visible(o.callsign or "the aircraft")
    detail = f"{o.unit_id} is in two-way contact with {who}"
    tid = j.track.track_id
    return [CivilIndicator("atc_contact", detail, o.t_s, f"atc:{o.unit_id}", tid, unit=o.unit_id, callsign=o.callsign)]


def _radio(o: RadioReply, j: Judged) -> list[CivilIndicator]:
    source, tid = f"radio:{o.frequency_mhz:g}", j.track.track_id
    if o.phrase is Phrase.CALL_SIGN:
        return [_call_sign_indicator(o, j.picture, j.answers, tid)]
    if o.phrase is Phrase.WILCO:
        return [CivilIndicator("complied", f"WILCO on {o.frequency_mhz:g} MHz", o.t_s, source, tid)]
    if o.phrase in (Phrase.MAYDAY, Phrase.HIJACK):
        return [CivilIndicator("distress", f"{o.phrase.value} on {o.frequency_mhz:g} MHz", o.t_s, source, tid)]
    return []


def _intercept(o: InterceptResponse, j: Judged) -> list[CivilIndicator]:
    tid = j.track.track_id
    if o.reply is InterceptReply.ROCKS_WINGS_FOLLOWS:
        return [CivilIndicator("complied", f"rocked wings and followed (series {o.series})", o.t_s, "intercept", tid)]
    if o.reply is InterceptReply.SERIES_6_DISTRESS:
        return [CivilIndicator("distress", "series 6 distress lights", o.t_s, "intercept", tid)]
    return []


def _landing(o: LandingResponse, j: Judged) -> list[CivilIndicator]:
    if not o.complied:
        return []
    return [CivilIndicator("complied", f"landed at {o.aerodrome} as instructed", o.t_s, "landing", j.track.track_id)]


def _visual(o: VisualIdReport, j: Judged) -> list[CivilIndicator]:
    entry = register_entry(j.picture, o.registration) if o.registration is not None else None
    if entry is None:
        return _serial(o, j)
    if o.aircraft_type is not None and o.aircraft_type != entry.aircraft_type:
        return []  # marks on another type than the register's: a cloned registration, a ground (SC-23), not civil
    tid, out = j.track.track_id, []
    treatment = CATEGORY_TREATMENT.get(entry.category, ("state",))  # an unlisted category: the strongest block
    text = f"{visible(entry.registration)} is registered to {visible(entry.operator)} ({entry.category})"
    if "civil" in treatment:
        out.append(CivilIndicator("registry", text, o.t_s, "visual", tid))
    if "state" in treatment:
        out.append(CivilIndicator("state_aircraft", text + ": a state aircraft", o.t_s, "visual", tid))
    if "medevac" in treatment:
        out.append(CivilIndicator("medevac", f"{entry.registration} is a medevac aircraft", o.t_s, "visual", tid))
    return out


def _serial(o: VisualIdReport, j: Judged) -> list[CivilIndicator]:
    """Marks the register lacks and that have no civil registration form (FAP-346, FAB-2001): a state
    aircraft's serial, as far as the engine can tell. Held as a state aircraft, never signed away: the
    engine cannot tell an air force serial from a painted one, and the wrong guess harms a crew."""
    if o.registration is None or civil_form(o.registration):
        return []
    text = f"marks {visible(o.registration)} have no civil registration form and are not in the register"
    return [
        CivilIndicator(
            "state_aircraft", text + ": possibly a state aircraft's serial", o.t_s, "visual", j.track.track_id
        )
    ]


_BY_KIND: Mapping[type, Callable[[Any, Judged], list[CivilIndicator]]] = {
    FlightPlanAnswer: _plans,
    AtcContactAnswer: _atc,
    RadioReply: _radio,
    InterceptResponse: _intercept,
    LandingResponse: _landing,
    VisualIdReport: _visual,
}


def indicators_of(o: Observation, judged: Judged) -> list[CivilIndicator]:
    """The civil and distress indicators one observation gives, judged with the track as it is now."""
    kind = _BY_KIND.get(type(o))
    return [] if kind is None else kind(o, judged)


def superseded(q: CivilIndicator, fresh: Fresh, rules: RuleSet, t_s: float, other_squawks: frozenset[str]) -> bool:
    """Fresh evidence from the quarantined indicator's own source answers for this aircraft now."""
    kind, _, arg = q.source.partition(":")
    if kind == "plans":
        return arg in fresh.plan_queries
    if kind == "atc":
        return arg in fresh.atc_queries
    if kind == "radio":
        return any(
            f"{c.frequency_mhz:g}" == arg and t_s - c.t_s >= rules.radio_response_window_s for c in fresh.radio_calls
        )
    if kind == "visual":
        return fresh.visual is not None
    if kind == "intercept":
        return bool(fresh.intercept_responses) or any(
            t_s - i.t_s >= rules.intercept_response_window_s for i in fresh.intercepts
        )
    if kind == "landing":
        return bool(fresh.land_responses)
    if kind == "squawk":
        return arg in other_squawks and fresh.mode_a != arg
    return False


@dataclass(frozen=True, slots=True)
class Fresh:
    plan_queries: Mapping[str, float]
    atc_queries: Mapping[str, float]
    radio_calls: tuple[RadioCall, ...]
    visual: VisualIdReport | None
    intercepts: tuple[InterceptSignal, ...]
    intercept_responses: tuple[InterceptResponse, ...]
    land_responses: tuple[LandingResponse, ...]
    mode_a: str | None


def unique_facts(indicators: Sequence[CivilIndicator]) -> tuple[CivilIndicator, ...]:
    """First of each fact (the earliest time it was seen)."""
    seen: dict[str, CivilIndicator] = {}
    for c in indicators:
        seen.setdefault(c.fact, c)
    return tuple(seen.values())


def item_of(o: Observation, tid: str, matches: int) -> EvidenceItem | None:
    if isinstance(o, FlightPlanAnswer):
        text = f"{o.unit_id}: {len(o.plans)} plans held, {matches} match this track"
        return EvidenceItem(
            kind="flight_plans", source=o.unit_id, t_s=o.t_s, track_id=tid, summary=text, civil=matches > 0
        )
    if isinstance(o, AtcContactAnswer):
        text = f"{o.unit_id}: " + ("in contact with " + (o.callsign or "?") if o.in_contact else "not in contact")
        return EvidenceItem(
            kind="atc_contact", source=o.unit_id, t_s=o.t_s, track_id=tid, summary=text, civil=o.in_contact
        )
    if isinstance(o, RadioReply):
        text = f"reply {o.phrase.value}" + (f" ({o.callsign})" if o.callsign else "")
        return EvidenceItem(
            kind="radio_reply",
            source=f"{o.frequency_mhz:g} MHz",
            t_s=o.t_s,
            track_id=tid,
            summary=text,
            civil=o.phrase in (Phrase.WILCO, Phrase.CALL_SIGN),
        )
    if isinstance(o, VisualIdReport):
        text = f"registration {o.registration or 'not visible'}, type {o.aircraft_type or '?'}, floats {o.floats}"
        return EvidenceItem(kind="visual_id", source="interceptor", t_s=o.t_s, track_id=tid, summary=text)
    if isinstance(o, RegistryAnswer):
        found = o.entry
        text = f"registry authority: {visible(o.registration)} " + (
            f"registered to {visible(found.operator)} ({found.category}), a {found.aircraft_type}"
            if found is not None
            else "has no record"
        )
        return EvidenceItem(kind="registry", source="registry authority", t_s=o.t_s, track_id=tid, summary=text)
    if isinstance(o, IdentReport):
        p = o.position
        where = "could not reach its aircraft" if p is None else f"it reported itself at {p.lat:.3f} {p.lon:.3f}"
        text = f"{o.unit}: asked plan {visible(o.callsign)} to identify; {where}"
        return EvidenceItem(kind="ident", source=o.unit, t_s=o.t_s, track_id=tid, summary=text)
    if isinstance(o, InterceptResponse):
        text = f"series {o.series}: {o.reply.value}"
        return EvidenceItem(
            kind="intercept_response",
            source="interceptor",
            t_s=o.t_s,
            track_id=tid,
            summary=text,
            civil=o.reply is InterceptReply.ROCKS_WINGS_FOLLOWS,
        )
    return None
