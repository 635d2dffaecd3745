"""Identification: turn a track, the picture and the observations about it into evidence.

Evidence items carry their source, time and track id. Behavioural features (cruise band, daylight,
a steady course, origin and destination kinds) are WEIGHTS summed into an innocence score, never
triggers. Civil indicators (DESIGN.md) are listed explicitly; once seen they are held (hysteresis:
an orbit or a turn does not make a plan stop matching) until resolved in writing (resolutions.py):
  flight_plan      a plan returned by an ATS unit that correlates with the track in space and time
  squawk           the track carries a Mode A code (7500/7600/7700 also mean hijack/radio failure/distress)
  atc_contact      an ATS unit reports two-way contact
  call_sign        the pilot gave a call sign by radio (looked up in the register and the returned plans)
  registry         a read registration is in the civil register (any category but `state`)
  complied         the aircraft complied: WILCO, rocked wings and followed, or landed as instructed
  registered_route origin and predicted destination are both registered aerodromes
Distress indicators (`distress`: MAYDAY, HIJACK, series 6, squawk 7500/7600/7700; `medevac`) feed SC-11.
Flight-plan correlation is a space-time gate, not a callsign match: the track must lie within the
rule set's corridor about the great circle from departure to destination (the wider of a fixed
width and a fraction of the route's length, since routes follow rivers and valleys), head along it
when its course is steady, and be in the plan's time window (off-block time to off-block plus the
route flown at a fraction of the type's cruise speed, with a margin). A round trip (departure =
destination) matches local work within a radius for a duration (all in the pinned rule set).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import numpy as np

from interdict.contract.observations import (
    AtcContactAnswer,
    Dissent,
    FlightPlanAnswer,
    InstructLand,
    InterceptReply,
    InterceptResponse,
    InterceptSignal,
    LandingResponse,
    Observation,
    Phrase,
    RadioCall,
    RadioReply,
    Resolve,
    VisualIdReport,
    asked_at,
)
from interdict.contract.picture import Picture
from interdict.contract.specs import FlightPlanSpec, GeoPoint, RegistryEntry
from interdict.core.units import m_to_ft
from interdict.engine.destinations import DestinationEstimate, StripEvent
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.track import TrackState
from interdict.reference.aircraft_types import KNOWN_TYPES

__all__ = [
    "EvidenceItem",
    "CivilIndicator",
    "Behaviour",
    "Evidence",
    "gather_evidence",
    "plan_correlates",
    "sun_elevation_deg",
    "EMERGENCY_SQUAWKS",
]

EMERGENCY_SQUAWKS = {"7500": "hijack", "7600": "radio failure", "7700": "distress"}


@dataclass(frozen=True, slots=True)
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
    `radio:FREQ`, `visual`, `intercept`, `landing`, `squawk:CODE`, `route`); `quarantined` marks one
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

    @property
    def civil_indicators(self) -> tuple[CivilIndicator, ...]:
        return tuple(c for c in self.indicators if c.kind not in DISTRESS_KINDS)

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


def sun_elevation_deg(when: datetime, lat_deg: float, lon_deg: float) -> float:
    """Approximate solar elevation (NOAA low-accuracy formulas, about 0.5 degree)."""
    day = when.timetuple().tm_yday
    hours = when.hour + when.minute / 60 + when.second / 3600
    g = 2 * math.pi / 365 * (day - 1 + (hours - 12) / 24)
    decl = (
        0.006918
        - 0.399912 * math.cos(g)
        + 0.070257 * math.sin(g)
        - 0.006758 * math.cos(2 * g)
        + 0.000907 * math.sin(2 * g)
        - 0.002697 * math.cos(3 * g)
        + 0.00148 * math.sin(3 * g)
    )
    eqtime = 229.18 * (
        0.000075
        + 0.001868 * math.cos(g)
        - 0.032077 * math.sin(g)
        - 0.014615 * math.cos(2 * g)
        - 0.040849 * math.sin(2 * g)
    )
    solar_min = hours * 60 + eqtime + 4 * lon_deg
    hour_angle = math.radians(solar_min / 4 - 180)
    lat = math.radians(lat_deg)
    cos_zenith = math.sin(lat) * math.sin(decl) + math.cos(lat) * math.cos(decl) * math.cos(hour_angle)
    return 90.0 - math.degrees(math.acos(max(-1.0, min(1.0, cos_zenith))))


def _place_en(picture: Picture, where: GeoPoint | str) -> tuple[float, float] | None:
    if isinstance(where, str):
        pos = picture.place(where)
        if pos is None:
            return None
        lat, lon = pos.lat, pos.lon
    else:
        lat, lon = where.lat, where.lon
    e, n, _ = picture.frame.point_to_enu(lat, lon, 0.0)
    return e, n


def plan_correlates(
    plan: FlightPlanSpec, track: TrackState, picture: Picture, rules: RuleSet, *, steady: bool | None = None
) -> bool:
    """Space-time gate of a flight plan against a track (see the module docstring).

    A round trip (departure = destination: survey, local work) matches anywhere within the rule
    set's local radius for its local duration. The course gate applies only to a track flying a
    steady course (an orbit or a turn says nothing about the route).
    """
    a, b = _place_en(picture, plan.departure), _place_en(picture, plan.destination)
    if a is None or b is None:
        return False
    ab = np.subtract(b, a)
    length = float(np.hypot(*ab))
    p = np.array([track.east_m, track.north_m])
    if length < 1_000.0:
        near = float(np.hypot(*(p - np.asarray(a)))) <= rules.plan_local_radius_m
        window = (
            plan.off_block_s - rules.plan_time_margin_s <= track.t_s <= plan.off_block_s + rules.plan_local_duration_s
        )
        return near and window
    f = float(np.clip(np.dot(p - a, ab) / length**2, 0.0, 1.0))
    cross_m = float(np.hypot(*(p - (np.asarray(a) + f * ab))))
    if cross_m > max(rules.plan_corridor_m, rules.plan_corridor_fraction * length):
        return False
    if steady is True and track.speed_mps > 20.0:
        route_course = math.atan2(ab[0], ab[1])
        if math.cos(track.course_rad - route_course) < math.cos(math.radians(rules.plan_course_max_deg)):
            return False
    envelope = KNOWN_TYPES.get(plan.aircraft_type)
    cruise_mps = envelope.cruise_speed_mps if envelope else rules.plan_default_cruise_mps
    slow_mps = rules.plan_slow_fraction * cruise_mps
    return (
        plan.off_block_s - rules.plan_time_margin_s
        <= track.t_s
        <= plan.off_block_s + length / slow_mps + rules.plan_time_margin_s
    )


def _steady(courses: Sequence[float]) -> bool | None:
    if len(courses) < 6:
        return None
    c = np.asarray(courses[-12:])
    r = math.hypot(float(np.mean(np.sin(c))), float(np.mean(np.cos(c))))
    return math.sqrt(max(-2 * math.log(max(r, 1e-12)), 0.0)) < math.radians(10.0)


def _behaviour(
    track: TrackState,
    picture: Picture,
    rules: RuleSet,
    destination: DestinationEstimate | None,
    origin: StripEvent | None,
    steady: bool | None,
    t_s: float,
) -> Behaviour:
    kinds = picture.strip_kinds
    band = None if track.alt_m is None else rules.cruise_band_ft[0] <= m_to_ft(track.alt_m) <= rules.cruise_band_ft[1]
    lat, lon, _ = picture.frame.point_to_geodetic(track.east_m, track.north_m, 0.0)
    daylight = sun_elevation_deg(picture.start + timedelta(seconds=t_s), lat, lon) > 0.0
    dest_kind = kinds.get(destination.top) if destination and destination.top and destination.top_p >= 0.5 else None
    origin_kind = kinds.get(origin.strip_id) if origin and origin.strip_id else None
    weights = [
        ("destination is a registered aerodrome", dest_kind == "registered", 2.0),
        ("destination is a river landing area", dest_kind == "river", 2.0),
        ("destination is a mission strip", dest_kind == "mission", 2.0),
        ("took off from a registered, mission or river strip", origin_kind in ("registered", "mission", "river"), 1.0),
        ("altitude in the normal cruise band", band is True, 1.0),
        ("daylight", daylight, 0.5),
        ("steady course", steady is True, 0.5),
    ]
    flags = tuple(name for name, on, _ in weights if on)
    return Behaviour(band, daylight, steady, origin_kind, dest_kind, sum(w for _, on, w in weights if on), flags)


def _norm_reg(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _register_entry(picture: Picture, registration: str) -> RegistryEntry | None:
    """The civil register's entry for a registration, however it is written (OB-1408, ob1408)."""
    return next((r for r in picture.registry if _norm_reg(r.registration) == _norm_reg(registration)), None)


def _call_sign_indicator(
    reply: RadioReply, picture: Picture, answers: Sequence[FlightPlanAnswer], tid: str
) -> CivilIndicator:
    """A call sign given by radio, looked up in the register and in the plans the units returned."""
    given = reply.callsign or "?"
    found = [f"gave call sign {given} on {reply.frequency_mhz:g} MHz"]
    reg = _register_entry(picture, given)
    if reg is not None:
        found.append(f"{reg.registration} is registered to {reg.operator} ({reg.category})")
    for answer in answers:
        for plan in answer.plans:
            if _norm_reg(plan.callsign) == _norm_reg(given) or (
                plan.registration and _norm_reg(plan.registration) == _norm_reg(given)
            ):
                found.append(f"plan {plan.callsign} held by {answer.unit_id}")
    return CivilIndicator(
        "call_sign", "; ".join(found), reply.t_s, f"radio:{reply.frequency_mhz:g}", tid, callsign=reply.callsign
    )


def _indicators_of(
    o: Observation,
    track: TrackState,
    picture: Picture,
    rules: RuleSet,
    steady: bool | None,
    answers: Sequence[FlightPlanAnswer],
) -> list[CivilIndicator]:
    """The civil and distress indicators one observation gives, judged with the track as it is now."""
    tid = track.track_id
    if isinstance(o, FlightPlanAnswer):
        return [
            CivilIndicator(
                "flight_plan",
                f"plan {plan.callsign} held by {o.unit_id} matches the track's route and time",
                o.t_s,
                f"plans:{o.unit_id}",
                tid,
                unit=o.unit_id,
                callsign=plan.callsign,
            )
            for plan in o.plans
            if plan_correlates(plan, track, picture, rules, steady=steady)
        ]
    if isinstance(o, AtcContactAnswer) and o.in_contact:
        who = o.callsign or "the aircraft"
        return [
            CivilIndicator(
                "atc_contact",
                f"{o.unit_id} is in two-way contact with {who}",
                o.t_s,
                f"atc:{o.unit_id}",
                tid,
                unit=o.unit_id,
                callsign=o.callsign,
            )
        ]
    if isinstance(o, RadioReply):
        source = f"radio:{o.frequency_mhz:g}"
        if o.phrase is Phrase.CALL_SIGN:
            return [_call_sign_indicator(o, picture, answers, tid)]
        if o.phrase is Phrase.WILCO:
            return [CivilIndicator("complied", f"WILCO on {o.frequency_mhz:g} MHz", o.t_s, source, tid)]
        if o.phrase in (Phrase.MAYDAY, Phrase.HIJACK):
            return [CivilIndicator("distress", f"{o.phrase.value} on {o.frequency_mhz:g} MHz", o.t_s, source, tid)]
        return []
    if isinstance(o, InterceptResponse):
        if o.reply is InterceptReply.ROCKS_WINGS_FOLLOWS:
            return [
                CivilIndicator("complied", f"rocked wings and followed (series {o.series})", o.t_s, "intercept", tid)
            ]
        if o.reply is InterceptReply.SERIES_6_DISTRESS:
            return [CivilIndicator("distress", "series 6 distress lights", o.t_s, "intercept", tid)]
        return []
    if isinstance(o, LandingResponse) and o.complied:
        return [CivilIndicator("complied", f"landed at {o.aerodrome} as instructed", o.t_s, "landing", tid)]
    if isinstance(o, VisualIdReport) and o.registration is not None:
        entry = _register_entry(picture, o.registration)
        if entry is None:
            return []
        out = []
        if entry.category != "state":
            text = f"{entry.registration} is registered to {entry.operator} ({entry.category})"
            out.append(CivilIndicator("registry", text, o.t_s, "visual", tid))
        if entry.category == "medevac":
            out.append(CivilIndicator("medevac", f"{entry.registration} is a medevac aircraft", o.t_s, "visual", tid))
        return out
    return []


def _superseded(q: CivilIndicator, fresh: _Fresh, rules: RuleSet, t_s: float, other_squawks: frozenset[str]) -> bool:
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
class _Fresh:
    plan_queries: Mapping[str, float]
    atc_queries: Mapping[str, float]
    radio_calls: tuple[RadioCall, ...]
    visual: VisualIdReport | None
    intercepts: tuple[InterceptSignal, ...]
    intercept_responses: tuple[InterceptResponse, ...]
    land_responses: tuple[LandingResponse, ...]
    mode_a: str | None


def _unique(indicators: Sequence[CivilIndicator]) -> tuple[CivilIndicator, ...]:
    """First of each fact (the earliest time it was seen)."""
    seen: dict[str, CivilIndicator] = {}
    for c in indicators:
        seen.setdefault(c.fact, c)
    return tuple(seen.values())


def _item(o: Observation, tid: str, matches: int) -> EvidenceItem | None:
    if isinstance(o, FlightPlanAnswer):
        text = f"{o.unit_id}: {len(o.plans)} plans held, {matches} match this track"
        return EvidenceItem("flight_plans", o.unit_id, o.t_s, tid, text, matches > 0)
    if isinstance(o, AtcContactAnswer):
        text = f"{o.unit_id}: " + ("in contact with " + (o.callsign or "?") if o.in_contact else "not in contact")
        return EvidenceItem("atc_contact", o.unit_id, o.t_s, tid, text, o.in_contact)
    if isinstance(o, RadioReply):
        text = f"reply {o.phrase.value}" + (f" ({o.callsign})" if o.callsign else "")
        return EvidenceItem(
            "radio_reply", f"{o.frequency_mhz:g} MHz", o.t_s, tid, text, o.phrase in (Phrase.WILCO, Phrase.CALL_SIGN)
        )
    if isinstance(o, VisualIdReport):
        text = f"registration {o.registration or 'not visible'}, type {o.aircraft_type or '?'}, floats {o.floats}"
        return EvidenceItem("visual_id", "interceptor", o.t_s, tid, text)
    if isinstance(o, InterceptResponse):
        text = f"series {o.series}: {o.reply.value}"
        return EvidenceItem(
            "intercept_response", "interceptor", o.t_s, tid, text, o.reply is InterceptReply.ROCKS_WINGS_FOLLOWS
        )
    return None


def gather_evidence(
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
) -> Evidence:
    """Evidence about the aircraft a track holds, from the observations filed for it so far.

    `held` are indicators this aircraft showed earlier (they keep blocking: hysteresis);
    `quarantined` those that may belong to another aircraft; a quarantined indicator drops out once
    fresh evidence from its source answers for this aircraft (`other_squawks`: the codes other live
    tracks show now). Each flight-plan answer is correlated with the track as it is now; a match,
    once seen, is held.
    """
    tid = track.track_id
    # a canonical order: what arrives in the same scan gives the same evidence whatever its order
    obs = sorted((o for o in observations if o.t_s <= t_s), key=lambda o: (o.t_s, type(o).__name__, repr(o)))
    steady = _steady(courses)
    answers = [o for o in obs if isinstance(o, FlightPlanAnswer)]
    latest = {a.unit_id: a.t_s for a in answers}  # older answers' matches are carried by `held`
    found: list[CivilIndicator] = list(held)
    items: list[EvidenceItem] = []
    for o in obs:
        new = (
            _indicators_of(o, track, picture, rules, steady, answers)
            if not isinstance(o, FlightPlanAnswer) or latest[o.unit_id] == o.t_s
            else []
        )
        found += new
        item = _item(o, tid, len(new))
        if item is not None:
            items.append(item)
    if track.mode_a is not None:
        meaning = EMERGENCY_SQUAWKS.get(track.mode_a, "assigned code")
        source = f"squawk:{track.mode_a}"
        found.append(CivilIndicator("squawk", f"squawk {track.mode_a} ({meaning})", track.last_update_t_s, source, tid))
        if track.mode_a in EMERGENCY_SQUAWKS:
            found.append(
                CivilIndicator("distress", f"squawk {track.mode_a} ({meaning})", track.last_update_t_s, source, tid)
            )
        items.append(
            EvidenceItem("transponder", "ssr", track.last_update_t_s, tid, f"squawk {track.mode_a} ({meaning})", True)
        )
    kinds = picture.strip_kinds
    if (
        origin is not None
        and kinds.get(origin.strip_id or "") == "registered"
        and destination is not None
        and destination.top is not None
        and kinds.get(destination.top) == "registered"
        and destination.top_p >= 0.5
    ):
        found.append(
            CivilIndicator(
                "registered_route",
                f"from {origin.strip_id} to {destination.top}, both registered aerodromes",
                t_s,
                "route",
                tid,
            )
        )
    visual = next((o for o in reversed(obs) if isinstance(o, VisualIdReport)), None)
    registry = _register_entry(picture, visual.registration) if visual is not None and visual.registration else None
    fresh = _Fresh(
        plan_queries={a.unit_id: a.t_s for a in answers},
        atc_queries={o.unit_id: o.t_s for o in obs if isinstance(o, AtcContactAnswer)},
        radio_calls=tuple(o for o in obs if isinstance(o, RadioCall)),
        visual=visual,
        intercepts=tuple(o for o in obs if isinstance(o, InterceptSignal)),
        intercept_responses=tuple(o for o in obs if isinstance(o, InterceptResponse)),
        land_responses=tuple(o for o in obs if isinstance(o, LandingResponse)),
        mode_a=track.mode_a,
    )
    asked: dict[str, float] = {}
    for o in obs:
        if isinstance(o, (FlightPlanAnswer, AtcContactAnswer)):
            asked[("plans:" if isinstance(o, FlightPlanAnswer) else "atc:") + o.unit_id] = asked_at(o)
    indicators = _unique(found)
    facts = {c.fact for c in indicators}
    still = _unique(
        [
            replace(q, quarantined=True)
            for q in quarantined
            if not _superseded(q, fresh, rules, t_s, other_squawks) and replace(q, quarantined=False).fact not in facts
        ]
    )
    return Evidence(
        track_id=tid,
        t_s=t_s,
        track=track,
        plan_queries=fresh.plan_queries,
        atc_queries=fresh.atc_queries,
        asked=asked,
        radio_calls=fresh.radio_calls,
        radio_replies=tuple(o for o in obs if isinstance(o, RadioReply)),
        visual=visual,
        registry_entry=registry,
        intercepts=fresh.intercepts,
        intercept_responses=fresh.intercept_responses,
        land_instructions=tuple(o for o in obs if isinstance(o, InstructLand)),
        land_responses=fresh.land_responses,
        dissents=tuple(o for o in obs if isinstance(o, Dissent)),
        resolutions=tuple(o for o in obs if isinstance(o, Resolve)),
        behaviour=_behaviour(track, picture, rules, destination, origin, steady, t_s),
        indicators=indicators,
        destination=destination,
        items=tuple(items),
        quarantined=still,
    )
