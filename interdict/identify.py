"""Identification: turn a track, the picture and the observations about it into evidence.

Evidence items carry their source, time and track id. Behavioural features (cruise band, daylight,
a steady course, origin and destination kinds) are WEIGHTS summed into an innocence score, never
triggers. Civil indicators (DESIGN.md) are listed explicitly with whether a named authority has
resolved them:
  flight_plan      a plan returned by an ATS unit that correlates with the track in space and time
  squawk           the track carries a Mode A code (7500/7600/7700 also mean hijack/radio failure/distress)
  atc_contact      an ATS unit reports two-way contact
  registry         a read registration is in the civil register (any category but `state`)
  complied         the aircraft complied: WILCO, rocked wings and followed, or landed as instructed
  registered_route origin and predicted destination are both registered aerodromes
Flight-plan correlation is a space-time gate, not a callsign match: the track must lie within the
rule set's corridor about the great circle from departure to destination (the wider of a fixed
width and a fraction of the route's length, since routes follow rivers and valleys), head along it (within
60 degrees), and be in the plan's time window (off-block time to off-block plus the route flown at
60 % of the type's cruise speed, with a margin).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from interdict.aircraft_types import KNOWN_TYPES
from interdict.observations import (
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
)
from interdict.picture import Picture, aerodrome_position
from interdict.rules import RuleSet
from interdict.scenario import FlightPlanSpec, GeoPoint, RegistryEntry
from interdict.strips import DestinationEstimate, StripEvent
from interdict.tracking.track import TrackState
from interdict.units import m_to_ft

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
    kind: str
    detail: str
    t_s: float
    resolved_by: str | None = None


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
    """All that is known about one track at `t_s` (no truth in here)."""

    track_id: str
    t_s: float
    track: TrackState
    plan_queries: Mapping[str, float]  # unit -> time of its latest answer
    matching_plans: tuple[tuple[str, str], ...]  # (callsign, unit)
    atc_queries: Mapping[str, float]
    atc_contact: tuple[tuple[str, str | None], ...]  # (unit, callsign)
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
    civil_indicators: tuple[CivilIndicator, ...]
    destination: DestinationEstimate | None
    items: tuple[EvidenceItem, ...] = field(default=())

    @property
    def unresolved_civil(self) -> tuple[CivilIndicator, ...]:
        return tuple(c for c in self.civil_indicators if c.resolved_by is None)


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
        pos = picture.strip_positions.get(where) or aerodrome_position(where)
        if pos is None:
            return None
        lat, lon = pos.lat, pos.lon
    else:
        lat, lon = where.lat, where.lon
    e, n, _ = picture.frame.point_to_enu(lat, lon, 0.0)
    return e, n


def plan_correlates(plan: FlightPlanSpec, track: TrackState, picture: Picture, rules: RuleSet) -> bool:
    """Space-time gate of a flight plan against a track (see the module docstring)."""
    a, b = _place_en(picture, plan.departure), _place_en(picture, plan.destination)
    if a is None or b is None:
        return False
    ab = np.subtract(b, a)
    length = float(np.hypot(*ab))
    p = np.array([track.east_m, track.north_m])
    f = float(np.clip(np.dot(p - a, ab) / length**2, 0.0, 1.0)) if length > 0 else 0.0
    cross_m = float(np.hypot(*(p - (np.asarray(a) + f * ab))))
    if cross_m > max(rules.plan_corridor_m, rules.plan_corridor_fraction * length):
        return False
    if track.speed_mps > 20.0 and length > 0:
        route_course = math.atan2(ab[0], ab[1])
        if math.cos(track.course_rad - route_course) < math.cos(math.radians(60.0)):
            return False
    envelope = KNOWN_TYPES.get(plan.aircraft_type)
    slow_mps = 0.6 * (envelope.cruise_speed_mps if envelope else 60.0)
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
    courses: Sequence[float],
    t_s: float,
) -> Behaviour:
    kinds = {s.id: s.kind for s in picture.strips}
    band = None if track.alt_m is None else rules.cruise_band_ft[0] <= m_to_ft(track.alt_m) <= rules.cruise_band_ft[1]
    lat, lon, _ = picture.frame.point_to_geodetic(track.east_m, track.north_m, 0.0)
    daylight = sun_elevation_deg(picture.start + timedelta(seconds=t_s), lat, lon) > 0.0
    steady = _steady(courses)
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
) -> Evidence:
    """Evidence about `track` from the observations recorded against its id (all of them so far)."""
    tid = track.track_id
    obs = [o for o in observations if o.track_id == tid and o.t_s <= t_s]
    items: list[EvidenceItem] = []
    civil: list[CivilIndicator] = []
    plan_queries: dict[str, float] = {}
    atc_queries: dict[str, float] = {}
    matching: list[tuple[str, str]] = []
    contact: list[tuple[str, str | None]] = []
    for o in obs:
        if isinstance(o, FlightPlanAnswer):
            plan_queries[o.unit_id] = o.t_s
            for plan in o.plans:
                if plan_correlates(plan, track, picture, rules) and (plan.callsign, o.unit_id) not in matching:
                    matching.append((plan.callsign, o.unit_id))
                    civil.append(
                        CivilIndicator(
                            "flight_plan",
                            f"plan {plan.callsign} held by {o.unit_id} matches the track's route and time",
                            o.t_s,
                        )
                    )
            items.append(
                EvidenceItem(
                    "flight_plans",
                    o.unit_id,
                    o.t_s,
                    tid,
                    f"{o.unit_id}: {len(o.plans)} plans held, "
                    f"{sum(u == o.unit_id for _, u in matching)} match this track",
                    any(u == o.unit_id for _, u in matching),
                )
            )
        elif isinstance(o, AtcContactAnswer):
            atc_queries[o.unit_id] = o.t_s
            if o.in_contact:
                contact.append((o.unit_id, o.callsign))
                civil.append(
                    CivilIndicator(
                        "atc_contact", f"{o.unit_id} is in two-way contact with {o.callsign or 'the aircraft'}", o.t_s
                    )
                )
            items.append(
                EvidenceItem(
                    "atc_contact",
                    o.unit_id,
                    o.t_s,
                    tid,
                    f"{o.unit_id}: {'in contact with ' + (o.callsign or '?') if o.in_contact else 'not in contact'}",
                    o.in_contact,
                )
            )
        elif isinstance(o, RadioReply):
            items.append(
                EvidenceItem(
                    "radio_reply",
                    f"{o.frequency_mhz:g} MHz",
                    o.t_s,
                    tid,
                    f"reply {o.phrase.value}" + (f" ({o.callsign})" if o.callsign else ""),
                    o.phrase in (Phrase.WILCO, Phrase.CALL_SIGN),
                )
            )
            if o.phrase is Phrase.WILCO:
                civil.append(CivilIndicator("complied", f"WILCO on {o.frequency_mhz:g} MHz", o.t_s))
        elif isinstance(o, VisualIdReport):
            items.append(
                EvidenceItem(
                    "visual_id",
                    "interceptor",
                    o.t_s,
                    tid,
                    f"registration {o.registration or 'not visible'}, type {o.aircraft_type or '?'}, floats {o.floats}",
                )
            )
        elif isinstance(o, InterceptResponse):
            items.append(
                EvidenceItem(
                    "intercept_response",
                    "interceptor",
                    o.t_s,
                    tid,
                    f"series {o.series}: {o.reply.value}",
                    o.reply is InterceptReply.ROCKS_WINGS_FOLLOWS,
                )
            )
            if o.reply is InterceptReply.ROCKS_WINGS_FOLLOWS:
                civil.append(CivilIndicator("complied", "rocked wings and followed (series 1)", o.t_s))
        elif isinstance(o, LandingResponse) and o.complied:
            civil.append(CivilIndicator("complied", f"landed at {o.aerodrome} as instructed", o.t_s))
    visual = next((o for o in reversed(obs) if isinstance(o, VisualIdReport)), None)
    registry = None
    if visual is not None and visual.registration is not None:
        registry = next((r for r in picture.registry if r.registration == visual.registration), None)
        if registry is not None and registry.category != "state":
            civil.append(
                CivilIndicator(
                    "registry",
                    f"{registry.registration} is registered to {registry.operator} ({registry.category})",
                    visual.t_s,
                )
            )
    if track.mode_a is not None:
        meaning = EMERGENCY_SQUAWKS.get(track.mode_a, "assigned code")
        civil.append(CivilIndicator("squawk", f"squawk {track.mode_a} ({meaning})", track.last_update_t_s))
        items.append(
            EvidenceItem("transponder", "ssr", track.last_update_t_s, tid, f"squawk {track.mode_a} ({meaning})", True)
        )
    kinds = {s.id: s.kind for s in picture.strips}
    if (
        origin is not None
        and kinds.get(origin.strip_id or "") == "registered"
        and destination is not None
        and destination.top is not None
        and kinds.get(destination.top) == "registered"
        and destination.top_p >= 0.5
    ):
        civil.append(
            CivilIndicator(
                "registered_route", f"from {origin.strip_id} to {destination.top}, both registered aerodromes", t_s
            )
        )
    resolutions = tuple(o for o in obs if isinstance(o, Resolve))
    resolved = [r for r in resolutions if r.block == "SC-10" and r.by.strip()]
    civil = [
        CivilIndicator(c.kind, c.detail, c.t_s, next((r.by for r in resolved if r.t_s >= c.t_s), None)) for c in civil
    ]
    return Evidence(
        track_id=tid,
        t_s=t_s,
        track=track,
        plan_queries=plan_queries,
        matching_plans=tuple(matching),
        atc_queries=atc_queries,
        atc_contact=tuple(contact),
        radio_calls=tuple(o for o in obs if isinstance(o, RadioCall)),
        radio_replies=tuple(o for o in obs if isinstance(o, RadioReply)),
        visual=visual,
        registry_entry=registry,
        intercepts=tuple(o for o in obs if isinstance(o, InterceptSignal)),
        intercept_responses=tuple(o for o in obs if isinstance(o, InterceptResponse)),
        land_instructions=tuple(o for o in obs if isinstance(o, InstructLand)),
        land_responses=tuple(o for o in obs if isinstance(o, LandingResponse)),
        dissents=tuple(o for o in obs if isinstance(o, Dissent)),
        resolutions=resolutions,
        behaviour=_behaviour(track, picture, rules, destination, origin, courses, t_s),
        civil_indicators=tuple(civil),
        destination=destination,
        items=tuple(items),
    )
