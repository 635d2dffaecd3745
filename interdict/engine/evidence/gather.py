"""`gather_evidence`: the evidence about the aircraft a track holds, from the observations filed for
it so far, the indicators it held before and those quarantined."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from interdict.contract.observations import (
    AtcContactAnswer,
    FlightPlanAnswer,
    IdentReport,
    InterceptResponse,
    LandingResponse,
    Observation,
    RadioReply,
    RegistryAnswer,
    VisualIdReport,
    asked_at,
)
from interdict.contract.picture import Picture
from interdict.contract.procedures import AlertTeam, Dissent, InstructLand, InterceptSignal, RadioCall, Resolve
from interdict.engine.destinations import DestinationEstimate, StripEvent
from interdict.engine.evidence.behaviour import behaviour_of, steady_course
from interdict.engine.evidence.coverage import coverage_gaps
from interdict.engine.evidence.indicators import (
    Fresh,
    Judged,
    indicators_of,
    item_of,
    register_entry,
    superseded,
    unique_facts,
)
from interdict.engine.evidence.items import EMERGENCY_SQUAWKS, Behaviour, CivilIndicator, Evidence, EvidenceItem
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState

__all__ = ["gather_evidence"]


def gather_evidence(  # noqa: PLR0913  (keyword-only context after the four inputs)
    track: TrackState,
    picture: Picture,
    rules: RuleSet,
    observations: Sequence[Observation],
    *,
    t_s: float,
    destination: DestinationEstimate | None = None,
    origin: StripEvent | None = None,
    courses: Sequence[float] = (),
    held: Sequence[CivilIndicator] = (),
    quarantined: Sequence[CivilIndicator] = (),
    other_squawks: frozenset[str] = frozenset(),
    disowned: frozenset[tuple[str, str]] = frozenset(),
) -> Evidence:
    """Evidence about the aircraft a track holds, from the observations filed for it so far.

    `held` are indicators this aircraft showed earlier (they keep blocking: hysteresis);
    `quarantined` those that may belong to another aircraft; a quarantined indicator drops out once
    fresh evidence from its source answers for this aircraft (`other_squawks`: the codes other live
    tracks show now). Each flight-plan answer is correlated with the track as it is now; a match,
    once seen, is held, unless its plan is one the aircraft is known not to own (`disowned`: its
    aircraft reported itself elsewhere, `ownership.settle`).
    """
    tid = track.track_id
    obs = _canonical(observations, t_s)
    registry_answers = _of(obs, RegistryAnswer)
    picture = _answered_register(picture, registry_answers)
    steady = steady_course(courses, rules)
    answers = [o for o in obs if isinstance(o, FlightPlanAnswer)]
    found, items = _observed(obs, Judged(track, picture, rules, steady, answers))
    squawk_found, squawk_items = _transponder(track)
    behaviour = behaviour_of(track, picture, rules, destination, origin, steady, t_s)
    found = [
        *held,
        *found,
        *squawk_found,
        *_registered_route(picture, rules, origin, destination, t_s, tid),
        *coverage_gaps(picture, rules, origin, destination, t_s, tid),
        *_innocent_profile(behaviour, held, rules, t_s, tid),
    ]
    idents = _of(obs, IdentReport)
    found = [c for c in found if c.kind != "flight_plan" or (c.unit, c.callsign) not in disowned]
    visual = next((o for o in reversed(obs) if isinstance(o, VisualIdReport)), None)
    fresh = _fresh(obs, answers, visual, track)
    indicators = unique_facts(found)
    return Evidence(
        track_id=tid,
        t_s=t_s,
        track=track,
        plan_queries=fresh.plan_queries,
        atc_queries=fresh.atc_queries,
        asked=_asked(obs),
        radio_calls=fresh.radio_calls,
        radio_replies=_of(obs, RadioReply),
        visual=visual,
        registry_entry=register_entry(picture, visual.registration) if visual and visual.registration else None,
        registry_answers=registry_answers,
        ident_reports=idents,
        intercepts=fresh.intercepts,
        intercept_responses=fresh.intercept_responses,
        land_instructions=_of(obs, InstructLand),
        alerts=_of(obs, AlertTeam),
        land_responses=fresh.land_responses,
        dissents=_of(obs, Dissent),
        resolutions=_of(obs, Resolve),
        behaviour=behaviour,
        indicators=indicators,
        destination=destination,
        items=(*items, *squawk_items),
        quarantined=_still_quarantined(quarantined, indicators, fresh, rules, t_s, other_squawks),
    )


_O = TypeVar("_O")


def _answered_register(picture: Picture, answers: Sequence[RegistryAnswer]) -> Picture:
    """The register snapshot completed by the registry authority's answers about marks it lacked."""
    new = tuple(a.entry for a in answers if a.entry is not None and register_entry(picture, a.registration) is None)
    return picture if not new else replace(picture, registry=(*picture.registry, *new))


def _kind_time(o: Observation) -> tuple[float, str]:
    return (o.t_s, type(o).__name__)


def _canonical(observations: Sequence[Observation], t_s: float) -> list[Observation]:
    """Those up to `t_s` in a canonical order (time, kind, then full text): what arrives in the same
    scan gives the same evidence whatever its order. The full text is made only to break a tie."""
    out: list[Observation] = []
    ordered = sorted((o for o in observations if o.t_s <= t_s), key=_kind_time)
    for _, group in itertools.groupby(ordered, key=_kind_time):
        same = list(group)
        out += same if len(same) == 1 else sorted(same, key=repr)
    return out


def _fresh(
    obs: Sequence[Observation], answers: Sequence[FlightPlanAnswer], visual: VisualIdReport | None, track: TrackState
) -> Fresh:
    """What answers for this aircraft now (it can supersede a quarantined indicator)."""
    return Fresh(
        plan_queries={a.unit_id: a.t_s for a in answers},
        atc_queries={o.unit_id: o.t_s for o in obs if isinstance(o, AtcContactAnswer)},
        radio_calls=_of(obs, RadioCall),
        visual=visual,
        intercepts=_of(obs, InterceptSignal),
        intercept_responses=_of(obs, InterceptResponse),
        land_responses=_of(obs, LandingResponse),
        mode_a=track.mode_a,
    )


def _of(obs: Sequence[Observation], kind: type[_O]) -> tuple[_O, ...]:
    return tuple(o for o in obs if isinstance(o, kind))


def _observed(obs: Sequence[Observation], judged: Judged) -> tuple[list[CivilIndicator], list[EvidenceItem]]:
    """Indicators and timeline items from the observations; only each unit's latest plan answer is
    judged again (the matches of older answers are carried by the held indicators)."""
    latest = {a.unit_id: a.t_s for a in judged.answers}
    found: list[CivilIndicator] = []
    items: list[EvidenceItem] = []
    for o in obs:
        stale = isinstance(o, FlightPlanAnswer) and latest[o.unit_id] != o.t_s
        new = [] if stale else indicators_of(o, judged)
        found += new
        item = item_of(o, judged.track.track_id, len(new))
        if item is not None:
            items.append(item)
    return found, items


def _transponder(track: TrackState) -> tuple[list[CivilIndicator], list[EvidenceItem]]:
    """A Mode A code is a civil indicator; 7500/7600/7700 are also distress."""
    if track.mode_a is None:
        return [], []
    tid, t_s = track.track_id, track.last_update_t_s
    text = f"squawk {track.mode_a} ({EMERGENCY_SQUAWKS.get(track.mode_a, 'assigned code')})"
    source = f"squawk:{track.mode_a}"
    found = [CivilIndicator("squawk", text, t_s, source, tid)]
    if track.mode_a in EMERGENCY_SQUAWKS:
        found.append(CivilIndicator("distress", text, t_s, source, tid))
    return found, [EvidenceItem(kind="transponder", source="ssr", t_s=t_s, track_id=tid, summary=text, civil=True)]


def _innocent_profile(
    behaviour: Behaviour, held: Sequence[CivilIndicator], rules: RuleSet, t_s: float, tid: str
) -> list[CivilIndicator]:
    """An innocent profile at or above the threshold, held once shown like every civil indicator (SC-09):
    a profile that comes and goes with the destination filter or the steady-course flag is not a reason
    to climb on the scan it dips. The first showing is the fact; later ones add nothing."""
    if behaviour.innocence < rules.innocence_threshold or any(c.kind == "innocent_profile" for c in held):
        return []
    text = f"innocent profile shown at t = {t_s:.0f} s (score {behaviour.innocence:.1f}: {', '.join(behaviour.flags)})"
    return [CivilIndicator("innocent_profile", text, t_s, "profile", tid)]


def _registered_route(
    picture: Picture,
    rules: RuleSet,
    origin: StripEvent | None,
    destination: DestinationEstimate | None,
    t_s: float,
    tid: str,
) -> list[CivilIndicator]:
    """From a registered aerodrome to a registered aerodrome (the destination likely enough)."""
    kinds = picture.strip_kinds
    if (
        origin is None
        or kinds.get(origin.strip_id or "") != "registered"
        or destination is None
        or destination.top is None
        or kinds.get(destination.top) != "registered"
        or destination.top_p < rules.destination_min_probability
    ):
        return []
    text = f"from {origin.strip_id} to {destination.top}, both registered aerodromes"
    return [CivilIndicator("registered_route", text, t_s, "route", tid)]


def _asked(obs: Sequence[Observation]) -> dict[str, float]:
    """ "plans:UNIT" / "atc:UNIT" -> when the latest answer from that unit was asked for."""
    asked: dict[str, float] = {}
    for o in obs:
        if isinstance(o, (FlightPlanAnswer, AtcContactAnswer)):
            asked[("plans:" if isinstance(o, FlightPlanAnswer) else "atc:") + o.unit_id] = asked_at(o)
    return asked


def _still_quarantined(
    quarantined: Sequence[CivilIndicator],
    indicators: Sequence[CivilIndicator],
    fresh: Fresh,
    rules: RuleSet,
    t_s: float,
    other_squawks: frozenset[str],
) -> tuple[CivilIndicator, ...]:
    """Quarantined indicators that fresh evidence has not superseded and that are not held anew."""
    facts = {c.fact for c in indicators}
    return unique_facts(
        [
            replace(q, quarantined=True)
            for q in quarantined
            if not superseded(q, fresh, rules, t_s, other_squawks) and replace(q, quarantined=False).fact not in facts
        ]
    )
