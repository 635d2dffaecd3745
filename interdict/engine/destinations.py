"""Strip matching: where a track will land (and when), where it took off, and ground stops.

The strip database holds the picture's strips in the scenario's local ENU frame. For each confirmed
or coasting track a recursive Bayesian filter keeps a distribution over hypotheses {each strip} and
"none" (transit, or leaving the area). Every scan:

    prior_k(h)  = (1 - switch) * belief_{k-1}(h) + switch * base_prior(h)      (re-planning)
    belief_k(h) ∝ prior_k(h) * L_k(h) ** (dt / evidence_time_s)                 (tempered evidence)

Base priors: one per strip kind, multiplied by `destroyed_factor` for destroyed strips (they are
rebuilt overnight: lower, never zero) and `none_prior` for "none". The per-scan likelihood L is a
product of stated terms, each relative to the "none" hypothesis (for which every term is 1):

- course: the miss distance, how far the current course line passes from the strip (the distance
  itself for a strip behind), is Gaussian with sigma `miss_sigma_m + miss_sigma_per_m * distance`
  (routes bend, and more so far out), against a uniform density over `transit_width_m` for a
  transit; a strip behind the aircraft is further multiplied by `behind_factor`. Because the
  sigma shrinks as the strip nears, an aircraft lined up on a near strip points at it more
  convincingly than at a far strip on the same line;
- reach: strips farther than `max_reach_m` get `beyond_reach_factor`;
- descent (only with Mode C): the climb rate needed to reach the strip's elevation at the current
  speed, against the observed rate, Gaussian with `descent_sigma_mps`, relative to level flight;
- loss of coverage: while a track coasts it is not observed, so the bearing and descent terms stop;
  instead, strips near its last-seen position gain up to `coverage_loss_factor` (Gaussian in the
  distance, sigma `coverage_loss_m` / 3), because low aircraft near strips drop below radar cover;
- runway alignment: within `alignment_m`, a von Mises of course against the runway heading (either
  direction) with `kappa_runway`, relative to uniform.

Tempering (`dt / evidence_time_s`) keeps strongly correlated scan-to-scan evidence from counting as
independent. ETA = distance / ground speed + `approach_s`.

Landings and take-offs: a confirmed track that is deleted, or coasting for `landing_coast_s`, within
`landing_radius_m` of its most probable strip gives `landing_inferred` with that strip's belief
(a river strip wins by geometry over a nearby clandestine one unless the track pointed at the
latter). A confirmed track whose first position lies within `takeoff_radius_m` of a strip gives
`takeoff_inferred` with the nearest strips as origin candidates; a landing and a take-off at the
same strip make a ground stop, whose duration is in the take-off event.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
from scipy.special import i0e

from interdict.contract.picture import Picture
from interdict.core.arrays import FloatArray
from interdict.core.errors import UnknownStripError
from interdict.engine.tracking.track import TrackState, TrackStatus

__all__ = [
    "StripRecord",
    "StripDatabase",
    "strip_database",
    "StripModel",
    "Candidate",
    "DestinationEstimate",
    "StripEvent",
    "MatcherState",
    "initial_matcher_state",
    "update_destinations",
]

StripEventKind = Literal["destination_predicted", "landing_inferred", "takeoff_inferred"]


@dataclass(frozen=True, slots=True)
class StripRecord:
    """One strip in the scenario's ENU frame (metres)."""

    strip_id: str
    kind: str
    status: str
    east_m: float
    north_m: float
    alt_m: float
    runway_heading_rad: float | None
    length_m: float | None
    name: str | None


@dataclass(frozen=True, slots=True)
class StripDatabase:
    """The picture's strips, with positions as arrays for vectorised likelihoods."""

    strips: tuple[StripRecord, ...]
    east_m: FloatArray
    north_m: FloatArray
    alt_m: FloatArray

    def get(self, strip_id: str) -> StripRecord:
        for s in self.strips:
            if s.strip_id == strip_id:
                return s
        raise UnknownStripError(
            f"strip {strip_id!r} is not in the strip database ({', '.join(s.strip_id for s in self.strips)})"
        )

    def nearest(self, kind: str, east_m: float, north_m: float) -> str | None:
        """The id of the nearest strip of `kind` to an ENU position, None if there is none."""
        options = [s for s in self.strips if s.kind == kind]
        if not options:
            return None
        return min(options, key=lambda s: math.hypot(s.east_m - east_m, s.north_m - north_m)).strip_id


def strip_database(picture: Picture) -> StripDatabase:
    """Strips of the picture in its ENU frame (positions already resolved by the picture)."""
    records = []
    for spec in picture.strips:
        pos = picture.strip_positions[spec.id]
        e, n, _ = picture.frame.point_to_enu(pos.lat, pos.lon, pos.alt_m)
        heading = None if spec.runway_heading_deg is None else math.radians(spec.runway_heading_deg)
        records.append(StripRecord(spec.id, spec.kind, spec.status, e, n, pos.alt_m, heading, spec.length_m, spec.name))

    def column(name: str) -> FloatArray:
        return np.array([getattr(r, name) for r in records], dtype=float)

    return StripDatabase(tuple(records), column("east_m"), column("north_m"), column("alt_m"))


@dataclass(frozen=True, slots=True)
class StripModel:
    """Stated parameters of the destination likelihood model (SI units)."""

    kind_prior: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType(
            {"registered": 1.0, "community": 1.0, "mission": 1.0, "river": 1.0, "clandestine": 1.0}
        )
    )
    destroyed_factor: float = 0.3
    none_prior: float = 2.0
    switch_probability: float = 0.02
    evidence_time_s: float = 30.0
    miss_sigma_m: float = 1_500.0
    miss_sigma_per_m: float = 0.12
    transit_width_m: float = 100_000.0
    behind_factor: float = 0.05
    max_reach_m: float = 400_000.0
    beyond_reach_factor: float = 0.05
    descent_sigma_mps: float = 1.5
    coverage_loss_m: float = 15_000.0
    coverage_loss_factor: float = 4.0
    alignment_m: float = 6_000.0
    kappa_runway: float = 2.0
    approach_s: float = 60.0
    landing_radius_m: float = 15_000.0
    landing_coast_s: float = 30.0
    takeoff_radius_m: float = 12_000.0
    event_threshold: float = 0.15  # change of top probability that makes a new destination event


@dataclass(frozen=True, slots=True)
class Candidate:
    strip_id: str
    p: float
    eta_s: float


@dataclass(frozen=True, slots=True)
class DestinationEstimate:
    """Where a track is going: candidates by decreasing probability (p >= 0.01), and "none"."""

    track_id: str
    t_s: float
    candidates: tuple[Candidate, ...]
    p_none: float
    top: str | None  # most probable strip, or None when "none" is most probable

    @property
    def top_p(self) -> float:
        return self.candidates[0].p if self.top is not None else self.p_none


@dataclass(frozen=True, slots=True)
class StripEvent:
    kind: StripEventKind
    track_id: str
    t_s: float
    strip_id: str | None
    p: float
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Belief:
    p: FloatArray  # (n_strips + 1,), last entry "none"
    t_s: float
    last_top: str | None
    last_top_p: float
    coast_since_s: float | None
    position_en_m: tuple[float, float]


@dataclass(frozen=True, slots=True)
class MatcherState:
    """Beliefs per track id, landings per strip, and which tracks' take-offs were already judged."""

    beliefs: Mapping[str, _Belief] = field(default_factory=dict)
    landings: Mapping[str, tuple[float, str]] = field(default_factory=dict)  # strip -> (t_s, track id)
    seen: frozenset[str] = frozenset()


def initial_matcher_state() -> MatcherState:
    return MatcherState()


def _base_prior(db: StripDatabase, model: StripModel) -> FloatArray:
    p = np.array(
        [
            model.kind_prior.get(s.kind, 1.0) * (model.destroyed_factor if s.status == "destroyed" else 1.0)
            for s in db.strips
        ]
        + [model.none_prior]
    )
    out: FloatArray = p / p.sum()
    return out


def _von_mises_ratio(delta_rad: FloatArray, kappa: FloatArray) -> FloatArray:
    """von Mises density at delta over the uniform density 1/(2 pi)."""
    out: FloatArray = np.exp(kappa * (np.cos(delta_rad) - 1.0)) / i0e(kappa)
    return out


def last_seen_en_m(track: TrackState) -> tuple[float, float]:
    """East/north where the track was last updated (its reported position is extrapolated)."""
    back_s = max(track.t_s - track.last_update_t_s, 0.0)
    return track.east_m - track.east_mps * back_s, track.north_m - track.north_mps * back_s


def likelihood(db: StripDatabase, model: StripModel, track: TrackState) -> FloatArray:
    """Per-scan likelihood of each strip relative to "none" (last entry, always 1).

    A coasting track is not observed: only the loss of coverage counts, at its last-seen position.
    """
    if track.status is TrackStatus.COASTING:
        e, n = last_seen_en_m(track)
        dist = np.hypot(db.east_m - e, db.north_m - n)
        near = np.exp(-0.5 * (dist / (model.coverage_loss_m / 3)) ** 2)
        return np.append(1.0 + (model.coverage_loss_factor - 1.0) * near, 1.0)
    de, dn = db.east_m - track.east_m, db.north_m - track.north_m
    dist = np.hypot(de, dn)
    speed = max(track.speed_mps, 1.0)
    delta = np.arctan2(de, dn) - track.course_rad
    ahead = np.cos(delta) > 0.0
    miss = np.where(ahead, dist * np.abs(np.sin(delta)), dist)
    sigma = model.miss_sigma_m + model.miss_sigma_per_m * dist
    L = model.transit_width_m / (math.sqrt(2 * math.pi) * sigma) * np.exp(-0.5 * (miss / sigma) ** 2)
    L = L * np.where(ahead, 1.0, model.behind_factor)
    L = L * np.where(dist > model.max_reach_m, model.beyond_reach_factor, 1.0)
    if track.alt_m is not None and track.alt_rate_mps is not None:
        needed = -(track.alt_m - db.alt_m) / np.maximum(dist / speed, 30.0)
        s2 = model.descent_sigma_mps**2
        L = L * np.exp(-((track.alt_rate_mps - needed) ** 2 - track.alt_rate_mps**2) / (2 * s2))
    heading = np.array([np.nan if s.runway_heading_rad is None else s.runway_heading_rad for s in db.strips])
    aligned = ~np.isnan(heading) & (dist < model.alignment_m)
    if aligned.any():
        off = np.where(aligned, 2.0 * (track.course_rad - np.nan_to_num(heading)), 0.0)  # either runway direction
        L = L * np.where(aligned, _von_mises_ratio(off, np.full(off.shape, model.kappa_runway)), 1.0)
    return np.append(L, 1.0)


def _estimate(db: StripDatabase, track: TrackState, p: FloatArray, model: StripModel) -> DestinationEstimate:
    dist = np.hypot(db.east_m - track.east_m, db.north_m - track.north_m)
    eta = track.t_s + dist / max(track.speed_mps, 1.0) + model.approach_s
    order = sorted(range(len(db.strips)), key=lambda i: (-p[i], db.strips[i].strip_id))
    top = db.strips[order[0]].strip_id if order and p[order[0]] > p[-1] else None
    # the top strip is always a candidate, however many strips share the probability
    keep = [i for k, i in enumerate(order) if p[i] >= 0.01 or (k == 0 and top is not None)]
    cands = tuple(Candidate(db.strips[i].strip_id, float(p[i]), float(eta[i])) for i in keep)
    return DestinationEstimate(track.track_id, track.t_s, cands, float(p[-1]), top)


def update_destinations(
    db: StripDatabase, model: StripModel, state: MatcherState, tracks: tuple[TrackState, ...], t_s: float
) -> tuple[MatcherState, tuple[DestinationEstimate, ...], tuple[StripEvent, ...]]:
    """One scan: update beliefs of confirmed/coasting tracks; infer landings and take-offs."""
    base = _base_prior(db, model)
    beliefs = dict(state.beliefs)
    landings = dict(state.landings)
    seen = set(state.seen)
    estimates: list[DestinationEstimate] = []
    events: list[StripEvent] = []
    for track in sorted(tracks, key=lambda t: t.track_id):
        if track.status is TrackStatus.TENTATIVE:
            continue
        old = beliefs.get(track.track_id)
        if track.status is TrackStatus.DELETED:
            if old is not None:
                events += _landing(db, model, track.track_id, old, t_s, landings)
                del beliefs[track.track_id]
            continue
        if track.track_id not in seen:
            seen.add(track.track_id)
            events += _takeoff(db, model, track, landings)
        prior = base if old is None else (1 - model.switch_probability) * old.p + model.switch_probability * base
        dt = model.evidence_time_s if old is None else max(t_s - old.t_s, 0.0)
        post = prior * likelihood(db, model, track) ** (dt / model.evidence_time_s)
        post = post / post.sum()
        est = _estimate(db, track, post, model)
        estimates.append(est)
        coast = (
            None
            if track.status is not TrackStatus.COASTING
            else (old.coast_since_s if old is not None and old.coast_since_s is not None else t_s)
        )
        last_top, last_p = (None, 0.0) if old is None else (old.last_top, old.last_top_p)
        if est.top is not None and (est.top != last_top or abs(est.top_p - last_p) >= model.event_threshold):
            events.append(
                StripEvent(
                    "destination_predicted",
                    track.track_id,
                    t_s,
                    est.top,
                    est.top_p,
                    {"eta_s": est.candidates[0].eta_s, "p_none": est.p_none},
                )
            )
            last_top, last_p = est.top, est.top_p
        elif est.top is None and last_top is not None:
            events.append(
                StripEvent("destination_predicted", track.track_id, t_s, None, est.p_none, {"p_none": est.p_none})
            )
            last_top, last_p = None, est.p_none
        belief = _Belief(post, t_s, last_top, last_p, coast, last_seen_en_m(track))
        if coast is not None and t_s - coast >= model.landing_coast_s:
            events += _landing(db, model, track.track_id, belief, t_s, landings)
        beliefs[track.track_id] = belief
    return (
        MatcherState(MappingProxyType(beliefs), MappingProxyType(landings), frozenset(seen)),
        tuple(estimates),
        tuple(events),
    )


def _landing(
    db: StripDatabase,
    model: StripModel,
    track_id: str,
    belief: _Belief,
    t_s: float,
    landings: dict[str, tuple[float, str]],
) -> list[StripEvent]:
    """A landing at the most probable strip, if the track ended near it."""
    if not db.strips:
        return []
    i = int(np.argmax(belief.p[:-1]))
    strip = db.strips[i]
    dist = math.hypot(strip.east_m - belief.position_en_m[0], strip.north_m - belief.position_en_m[1])
    if dist > model.landing_radius_m or belief.p[i] < belief.p[-1]:
        return []
    if landings.get(strip.strip_id, (None, None))[1] == track_id:
        return []  # already inferred for this track
    landings[strip.strip_id] = (t_s, track_id)
    return [
        StripEvent(
            "landing_inferred",
            track_id,
            t_s,
            strip.strip_id,
            float(belief.p[i]),
            {"strip_kind": strip.kind, "distance_m": dist, "river": strip.kind == "river"},
        )
    ]


def _takeoff(
    db: StripDatabase, model: StripModel, track: TrackState, landings: dict[str, tuple[float, str]]
) -> list[StripEvent]:
    """A new track that starts near strips took off from one of them (nearest weighs most)."""
    if not db.strips:
        return []
    de, dn = db.east_m - track.east_m, db.north_m - track.north_m
    # where the track was when first seen: back along its velocity
    back_s = track.t_s - track.created_t_s
    dist = np.hypot(de + track.east_mps * back_s, dn + track.north_mps * back_s)
    near = dist < model.takeoff_radius_m
    if not near.any():
        return []
    w = np.where(near, np.exp(-0.5 * (dist / (model.takeoff_radius_m / 2)) ** 2), 0.0)
    w = w / w.sum()
    i = int(np.argmax(w))
    strip = db.strips[i]
    detail: dict[str, object] = {"distance_m": float(dist[i]), "strip_kind": strip.kind}
    landed = landings.get(strip.strip_id)
    if landed is not None and landed[1] != track.track_id:
        detail["ground_stop_s"] = track.created_t_s - landed[0]
        detail["landed_track_id"] = landed[1]
    return [StripEvent("takeoff_inferred", track.track_id, track.t_s, strip.strip_id, float(w[i]), detail)]
