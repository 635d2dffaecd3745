"""Strip matching: where a track will land (and when), where it took off, and ground stops.

The strip database holds the picture's strips in the scenario's local ENU frame. For each confirmed
or coasting track a recursive Bayesian filter keeps a distribution over hypotheses {each strip} and
"none" (transit, or leaving the area). Every scan:

    prior_k(h)  = (1 - s_k) * belief_{k-1}(h) + s_k * base_prior(h)        (re-planning)
    belief_k(h) ∝ prior_k(h) * L_k(h) ** w_k                                (correlated evidence)

with s_k = 1 - exp(-dt / replan_time_s), the chance that the pilot chose again since the last scan.

Correlated evidence. Scan-to-scan geometry is not independent: a course line that passes near a
strip now passed near it ten seconds ago too. The model treats each hypothesis's log-likelihood
as an AR(1) series with correlation rho = exp(-dt / correlation_time_s) between scans. n samples
of such a series carry the information of n_eff = 1 + (n - 1)(1 - rho) / (1 + rho) independent ones
(the innovation form of the AR(1) likelihood), so the first scan of a track counts whole (w = 1)
and every later one with w_k = (1 - rho) / (1 + rho). The correlation time, the miss-distance
sigmas and the priors are stated parameters fitted by maximum likelihood on generated training
runs, then checked for calibration on other seeds (docs/bench.md, `benchmarks/calibrate.py`).

Base priors: one per strip kind, multiplied by `destroyed_factor` for destroyed strips (they are
rebuilt overnight: lower, never zero) and `none_prior` for "none". The per-scan likelihood L is a
product of stated terms, each relative to the "none" hypothesis (for which every term is 1):

- course: the miss distance, how far the current course line passes from the strip (the distance
  itself for a strip behind), is Gaussian with sigma `miss_sigma_m + miss_sigma_per_m * distance`
  (routes bend, and more so far out), against a uniform density over `transit_width_m` for a
  transit; a strip behind the aircraft is further multiplied by `behind_factor`. Because the
  sigma shrinks as the strip nears, an aircraft lined up on a near strip points at it more
  convincingly than at a far strip on the same line (a density over the course angle instead,
  with the Jacobian distance * cos(off-angle), was tried and calibrated worse on the training runs:
  on these routes the nearer strip on the final line is usually the one);
- reach: strips farther than `max_reach_m` get `beyond_reach_factor`;
- descent (only with Mode C): the climb rate needed to reach the strip's elevation at the current
  speed, against the observed rate, Gaussian with `descent_sigma_mps`, relative to level flight;
- loss of coverage: while a track coasts it is not observed, so the bearing and descent terms stop;
  instead, strips near its last-seen position gain up to `coverage_loss_factor` (Gaussian in the
  distance, sigma `coverage_loss_m` / 3), because low aircraft near strips drop below radar cover;
- runway alignment: within `alignment_m`, a von Mises of course against the runway heading (either
  direction) with `kappa_runway`, relative to uniform;
- approach: an aircraft now slower than `approach_speed_ratio` of its cruise (the highest speed, smoothed
  over `speed_smoothing_s`, its track has shown once `cruise_warmup_s` old: see `slowing` below) is
  slowing to land; strips within `approach_m` get `approach_factor`;
- final: when it is slowing so, a strip ahead within `final_m` along the course and within
  `final_miss_m` of the course line is the one the aircraft is lined up on; it gets
  `final_factor`. On the generated training runs, smugglers tracked to within five minutes of
  touchdown nearly always had just one strip in that box at their last plot, their landing strip
  (`benchmarks/calibrate.py` prints how often the top strip there is firm and right);
- cruise near a strip: an aircraft not slowing so, within `cruise_near_m` of a strip, is passing it,
  not landing there (a light single lands from a slow final of a few km): that strip gets
  `cruise_near_factor`. It weighs against a decoy overflight and the strip on the course line.

Calibration. The filter ranks the strips, but its probabilities are a model's: smugglers fly decoy
overflights and late turns that no course-line likelihood knows of, so its top strip at p = 0.3 is
right more often than that and at p = 0.6 less. The probability stated (`DestinationEstimate`) is
the filter's passed through a calibration map: the top strip's probability given a landing, c, is
mapped by the non-decreasing, piecewise-linear `calibration_map`, fitted by isotonic regression on
the training runs (the frequency with which the top strip was the landing strip, at every minute up
to 30 minutes before touchdown, against c: `benchmarks/calibrate.py --fit-map`, which also checks
the map fitted on one half of the runs against the other); the other strips share the rest in the
filter's proportions, "none" is kept, and the map never lets the top strip lose its place. The
filter's own posterior is what is carried from scan to scan: the map is applied to what is said,
never fed back. Landings are judged on the filter's own probabilities.

ETA = distance / ground speed + `approach_s`.

Two facts for the ground cue (SC-17) ride on each estimate: `slowing`, the track's ground speed
smoothed over `speed_smoothing_s` below `approach_speed_ratio` of the highest smoothed speed it has
shown from `cruise_warmup_s` after its start (one scan's speed errs by several m/s, so the raw
maximum is no cruise speed; a new track's first speeds overshoot, so they are no cruise either; a
coasting track keeps its last smoothed speed), and `top_ahead`, the top strip within 90 degrees of the
course (a strip flown over keeps its probability for a scan or two after the overflight).

Landings and take-offs: a confirmed track that is deleted, or unseen for `landing_coast_s`, within
`landing_radius_m` of its most probable strip may have landed there (a river strip wins by geometry
over a nearby clandestine one unless the track pointed at the latter). Tracks also break in the air
(a tight orbit, the cone of silence over a radar, a fade), and a broken track re-forms within a
minute or two, while an aircraft stays 10-12 minutes on a strip: so the landing is inferred only
when no new track has started within reach of where it was lost (`break_speed_mps` times the gap
plus `break_margin_m`) for `break_window_s`; a new track that starts within reach in that window
continues the lost one, and neither a landing nor a take-off is inferred. A confirmed track whose
first position lies within `takeoff_radius_m` of a strip otherwise gives `takeoff_inferred` with
the nearest strips as origin candidates; a landing and a take-off at the same strip make a ground
stop, whose duration (from the loss) is in the take-off event.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
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
    "IDENTITY_MAP",
    "calibrated",
    "stated_top",
    "Candidate",
    "DestinationEstimate",
    "StripEvent",
    "MatcherState",
    "initial_matcher_state",
    "update_destinations",
]

StripEventKind = Literal["destination_predicted", "landing_inferred", "takeoff_inferred", "strip_reactivated"]


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
    destroyed_at_s: float | None = None  # t_s of its destruction (negative: before the scenario start)


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
        destroyed = None if spec.destroyed_on is None else (spec.destroyed_on - picture.start).total_seconds()
        records.append(
            StripRecord(spec.id, spec.kind, spec.status, e, n, pos.alt_m, heading, spec.length_m, spec.name, destroyed)
        )

    def column(name: str) -> FloatArray:
        return np.array([getattr(r, name) for r in records], dtype=float)

    return StripDatabase(tuple(records), column("east_m"), column("north_m"), column("alt_m"))


IDENTITY_MAP: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))
# fitted by `python3 benchmarks/calibrate.py --seeds 1001-1320 --fit-map` (docs/strips.md)
CALIBRATION_MAP: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.104, 0.319),
    (0.137, 0.319),
    (0.159, 0.319),
    (0.18, 0.319),
    (0.202, 0.319),
    (0.224, 0.328),
    (0.248, 0.332),
    (0.274, 0.339),
    (0.303, 0.339),
    (0.336, 0.339),
    (0.371, 0.364),
    (0.408, 0.408),
    (0.451, 0.408),
    (0.501, 0.42),
    (0.561, 0.433),
    (0.633, 0.514),
    (0.718, 0.605),
    (0.806, 0.723),
    (0.894, 0.917),
    (0.96, 0.981),
    (1.0, 1.0),
)


@dataclass(frozen=True, slots=True)
class StripModel:
    """Stated parameters of the destination likelihood model (SI units)."""

    kind_prior: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType(
            {"registered": 1.0, "community": 1.0, "mission": 1.0, "river": 1.0, "clandestine": 1.0}
        )
    )
    destroyed_factor: float = 0.3
    # none_prior, replan_time_s, correlation_time_s: fitted by `benchmarks/calibrate.py --seeds
    # 1001-1080`; the miss sigmas and final_factor then chosen on the same training runs (docs/strips.md)
    none_prior: float = 0.245
    replan_time_s: float = 245.0
    correlation_time_s: float = 42.0
    miss_sigma_m: float = 2_000.0
    miss_sigma_per_m: float = 0.45
    transit_width_m: float = 100_000.0
    behind_factor: float = 0.05
    max_reach_m: float = 400_000.0
    beyond_reach_factor: float = 0.05
    descent_sigma_mps: float = 1.5
    coverage_loss_m: float = 15_000.0
    coverage_loss_factor: float = 4.0
    alignment_m: float = 6_000.0
    kappa_runway: float = 2.0
    approach_speed_ratio: float = 0.75
    speed_smoothing_s: float = 60.0  # a cue's "slowing to land" compares speeds smoothed over this
    cruise_warmup_s: float = 120.0  # a track's cruise is learnt from this age on (its first speeds overshoot)
    approach_m: float = 12_000.0
    approach_factor: float = 3.0
    final_m: float = 8_000.0
    final_miss_m: float = 1_500.0
    final_factor: float = 30.0
    cruise_near_m: float = 6_000.0
    cruise_near_factor: float = 0.5
    approach_s: float = 60.0
    landing_radius_m: float = 15_000.0
    landing_coast_s: float = 30.0
    takeoff_radius_m: float = 12_000.0
    break_window_s: float = 240.0  # a landing is inferred only if no track starts within reach for this long
    break_speed_mps: float = 100.0  # within reach: this fast from where the track was lost ...
    break_margin_m: float = 5_000.0  # ... plus this
    event_threshold: float = 0.15  # change of top probability that makes a new destination event
    # (filter's top probability given a landing, stated probability) knots of the calibration map,
    # fitted by `benchmarks/calibrate.py --fit-map` on the training runs; IDENTITY_MAP states the filter's own
    calibration_map: tuple[tuple[float, float], ...] = CALIBRATION_MAP


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
    firm_since_s: float | None = None  # since when `top` has held p >= the firmness level without a dip
    slowing: bool = False  # its smoothed speed below `approach_speed_ratio` of its cruise: about to land
    top_ahead: bool = False  # `top` lies ahead of the aircraft (not a strip it has flown past)
    cluster: tuple[str, ...] = ()  # the strips of `top`'s cluster, when it has more than one (engine.clusters)
    cluster_p: float = 0.0  # their summed probability
    cluster_firm_since_s: float | None = None  # since when the cluster has held p >= the firmness level

    @property
    def top_p(self) -> float:
        return self.candidates[0].p if self.top is not None else self.p_none

    def p_given_landing(self, strip_id: str) -> float:
        """The probability of `strip_id` given that the aircraft lands at some strip (0 when every
        strip's probability is below the candidate cut)."""
        p = next((c.p for c in self.candidates if c.strip_id == strip_id), 0.0)
        return p / (1.0 - self.p_none) if self.p_none < 1.0 else 0.0


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
    position_en_m: tuple[float, float]
    smoothed_mps: float  # ground speed smoothed over `speed_smoothing_s` (confirmed scans only)
    cruise_mps: float  # the highest smoothed speed so far
    firm: tuple[str, float] | None  # (top strip, since when it has been firm)
    seen: FloatArray  # the belief at the last scan the track was updated (a landing is judged on it)
    cluster_firm: tuple[str, float] | None = None  # (the top cluster's first strip, since when it has been firm)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A track lost near a strip: a landing there, unless a new track starts within reach of where it
    was lost before `break_window_s` has passed (then the track broke in the air)."""

    event: StripEvent  # the landing_inferred event, timed at the loss; emitted once the window has passed
    position_en_m: tuple[float, float]

    @property
    def lost_t_s(self) -> float:
        return self.event.t_s


@dataclass(frozen=True, slots=True)
class MatcherState:
    """Beliefs per track id, landings per strip, and which tracks' take-offs were already judged."""

    beliefs: Mapping[str, _Belief] = field(default_factory=dict)
    landings: Mapping[str, tuple[float, str, float]] = field(default_factory=dict)  # strip -> (t_s, track id, p)
    seen: frozenset[str] = frozenset()
    reactivated: frozenset[str] = frozenset()  # destroyed strips where a landing was inferred
    pending: Mapping[str, _Pending] = field(default_factory=dict)  # track id -> landing awaiting the break window

    def landed(self, track_id: str) -> Mapping[str, float]:
        """Strip -> probability at the loss, where `track_id` was inferred to land or may have landed
        (awaiting the break window)."""
        out = {strip: p for strip, (_, tid, p) in self.landings.items() if tid == track_id}
        waiting = self.pending.get(track_id)
        if waiting is not None and waiting.event.strip_id is not None:
            out[waiting.event.strip_id] = waiting.event.p
        return MappingProxyType(out)


def initial_matcher_state() -> MatcherState:
    return MatcherState()


def strip_status(strip: StripRecord, t_s: float, rebuild_s: float, reactivated: frozenset[str]) -> str:
    """A strip's status at `t_s`: a destroyed strip where a landing was inferred is `reactivated`; one
    destroyed `rebuild_s` or more ago is `possibly_rebuilt`; otherwise its status in the picture."""
    if strip.status != "destroyed":
        return strip.status
    if strip.strip_id in reactivated:
        return "reactivated"
    if strip.destroyed_at_s is not None and t_s - strip.destroyed_at_s >= rebuild_s:
        return "possibly_rebuilt"
    return "destroyed"


def _base_prior(
    db: StripDatabase, model: StripModel, t_s: float, rebuild_s: float, reactivated: frozenset[str]
) -> FloatArray:
    """Kind priors, lowered by `destroyed_factor` for a strip still destroyed at `t_s`."""
    p = np.array(
        [
            model.kind_prior.get(s.kind, 1.0)
            * (model.destroyed_factor if strip_status(s, t_s, rebuild_s, reactivated) == "destroyed" else 1.0)
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


def likelihood(db: StripDatabase, model: StripModel, track: TrackState, cruise_mps: float) -> FloatArray:
    """Per-scan likelihood of each strip relative to "none" (last entry, always 1); `cruise_mps`:
    the highest smoothed speed the track has shown (for the approach and cruise terms).

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
    if track.speed_mps < model.approach_speed_ratio * cruise_mps:  # slowing to land
        L = L * np.where(dist < model.approach_m, model.approach_factor, 1.0)
        lined_up = ahead & (dist * np.cos(delta) < model.final_m) & (miss < model.final_miss_m)
        L = L * np.where(lined_up, model.final_factor, 1.0)
    else:  # at cruise: an aircraft this near the strip it lands on would be on its final, slow
        L = L * np.where(dist < model.cruise_near_m, model.cruise_near_factor, 1.0)
    return np.append(L, 1.0)


def evidence_weight(model: StripModel, dt_s: float | None) -> float:
    """The weight of one scan's log-likelihood: 1 for a track's first scan, (1 - rho) / (1 + rho) after."""
    if dt_s is None:
        return 1.0
    rho = math.exp(-max(dt_s, 0.0) / model.correlation_time_s)
    return (1.0 - rho) / (1.0 + rho)


def stated_top(c: float, knots: tuple[tuple[float, float], ...]) -> float:
    """The stated probability of the top strip given a landing, from the filter's c: the calibration
    map (piecewise linear through `knots`), never below c up to 1/2 and never down to 1/2 above it,
    so the top strip stays on top (strictly, if it was)."""
    return max(float(np.interp(c, [k[0] for k in knots], [k[1] for k in knots])), min(c, 0.5 + 1e-6))


def calibrated(given_landing: FloatArray, top: int, knots: tuple[tuple[float, float], ...]) -> FloatArray:
    """The stated distribution over strips given a landing: the top strip's (index `top`, the most
    probable) by `stated_top`, the others sharing the rest in the filter's proportions."""
    c = float(given_landing[top])
    rest = 1.0 - c
    if rest <= 1e-12:
        return given_landing
    q = stated_top(c, knots)
    out: FloatArray = given_landing * ((1.0 - q) / rest)
    out[top] = q
    return out


def _ranked(db: StripDatabase, p: FloatArray) -> list[int]:
    """Strip indices by decreasing probability, ties by strip id (independent of the database's order)."""
    return sorted(range(len(db.strips)), key=lambda i: (-p[i], db.strips[i].strip_id))


def _stated(p: FloatArray, top: int, model: StripModel) -> FloatArray:
    """The filter's posterior (strips, then "none") with the strips' share calibrated around the top
    strip (index `top`); "none" kept."""
    land = 1.0 - float(p[-1])
    if land <= 1e-12:
        return p
    return np.append(calibrated(p[:-1] / land, top, model.calibration_map) * land, p[-1])


def _estimate(db: StripDatabase, track: TrackState, posterior: FloatArray, model: StripModel) -> DestinationEstimate:
    order = _ranked(db, posterior)  # the map keeps this order: ranked once, on the filter's posterior
    p = _stated(posterior, order[0], model) if order else posterior
    dist = np.hypot(db.east_m - track.east_m, db.north_m - track.north_m)
    eta = track.t_s + dist / max(track.speed_mps, 1.0) + model.approach_s
    top = db.strips[order[0]].strip_id if order and p[order[0]] > p[-1] else None
    # the top strip is always a candidate, however many strips share the probability
    keep = [i for k, i in enumerate(order) if p[i] >= 0.01 or (k == 0 and top is not None)]
    cands = tuple(Candidate(db.strips[i].strip_id, float(p[i]), float(eta[i])) for i in keep)
    return DestinationEstimate(track.track_id, track.t_s, cands, float(p[-1]), top)


def update_destinations(
    db: StripDatabase,
    model: StripModel,
    state: MatcherState,
    tracks: tuple[TrackState, ...],
    t_s: float,
    firm_p: float = 1.0,
    rebuild_s: float = math.inf,
    clusters: Mapping[str, tuple[str, ...]] = MappingProxyType({}),
) -> tuple[MatcherState, tuple[DestinationEstimate, ...], tuple[StripEvent, ...]]:
    """One scan: update beliefs of confirmed/coasting tracks; infer landings and take-offs. From the
    rule set: `firm_p`, the probability from which a top strip (or its cluster, `clusters`: strip id
    -> the strips of its cluster) counts as firm (SC-17), and `rebuild_s`, after which a destroyed
    strip may have been rebuilt."""
    base = _base_prior(db, model, t_s, rebuild_s, state.reactivated)
    beliefs = dict(state.beliefs)
    landings = dict(state.landings)
    pending = dict(state.pending)
    seen = set(state.seen)
    estimates: list[DestinationEstimate] = []
    events: list[StripEvent] = []
    for track in sorted(tracks, key=lambda t: t.track_id):
        if track.status is TrackStatus.TENTATIVE:
            continue
        old = beliefs.get(track.track_id)
        if track.status is TrackStatus.DELETED:
            if old is not None:
                _lost(db, model, track.track_id, old, t_s, landings, pending)
                del beliefs[track.track_id]
            continue
        if track.status is TrackStatus.CONFIRMED:
            pending.pop(track.track_id, None)  # seen again: it did not land
        if track.track_id not in seen:
            seen.add(track.track_id)
            if not _continues(model, track, pending):
                events += _takeoff(db, model, track, landings)
        dt = None if old is None else max(t_s - old.t_s, 0.0)
        switch = 1.0 if dt is None else 1.0 - math.exp(-dt / model.replan_time_s)
        prior = base if old is None else (1 - switch) * old.p + switch * base
        smoothed, cruise = _speeds(model, old, track, dt)
        post = prior * likelihood(db, model, track, cruise) ** evidence_weight(model, dt)
        post = post / post.sum()
        est = _estimate(db, track, post, model)
        firm = _firm(None if old is None else old.firm, est.top, est.top_p, firm_p, t_s)
        est, group_firm = _with_cluster(est, clusters, None if old is None else old.cluster_firm, firm_p, t_s)
        est = replace(
            est,
            firm_since_s=None if firm is None else firm[1],
            slowing=smoothed < model.approach_speed_ratio * cruise,
            top_ahead=est.top is not None and _ahead(db.get(est.top), track),
        )
        estimates.append(est)
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
        last_seen_p = post if track.status is TrackStatus.CONFIRMED or old is None else old.seen
        belief = _Belief(
            post, t_s, last_top, last_p, last_seen_en_m(track), smoothed, cruise, firm, last_seen_p, group_firm
        )
        if track.status is TrackStatus.COASTING and t_s - track.last_update_t_s >= model.landing_coast_s:
            _lost(db, model, track.track_id, belief, track.last_update_t_s, landings, pending)
        beliefs[track.track_id] = belief
    events += _confirmed_landings(model, pending, landings, t_s)
    revived = _reactivations(db, events, t_s, rebuild_s, state.reactivated)
    events += revived
    reactivated = state.reactivated | {e.strip_id for e in revived if e.strip_id is not None}
    return (
        MatcherState(
            MappingProxyType(beliefs),
            MappingProxyType(landings),
            frozenset(seen),
            reactivated,
            MappingProxyType(pending),
        ),
        tuple(estimates),
        tuple(events),
    )


def _with_cluster(
    est: DestinationEstimate,
    clusters: Mapping[str, tuple[str, ...]],
    old: tuple[str, float] | None,
    firm_p: float,
    t_s: float,
) -> tuple[DestinationEstimate, tuple[str, float] | None]:
    """The estimate with its top strip's cluster (of more than one strip), their summed probability and
    since when that has been firm; and the cluster's firmness to remember."""
    group = clusters.get(est.top, ()) if est.top is not None else ()
    if len(group) < 2:
        return est, None
    group_p = sum(c.p for c in est.candidates if c.strip_id in group)
    firm = _firm(old, group[0], group_p, firm_p, t_s)
    since = None if firm is None else firm[1]
    return replace(est, cluster=group, cluster_p=group_p, cluster_firm_since_s=since), firm


def _ahead(strip: StripRecord, track: TrackState) -> bool:
    """Whether the strip lies ahead of the track (within 90 degrees of its course)."""
    de, dn = strip.east_m - track.east_m, strip.north_m - track.north_m
    return de * math.sin(track.course_rad) + dn * math.cos(track.course_rad) > 0.0


def _speeds(model: StripModel, old: _Belief | None, track: TrackState, dt_s: float | None) -> tuple[float, float]:
    """The track's ground speed smoothed exponentially over `speed_smoothing_s` (a coasting track's
    speed is its last estimate, not a new measurement: left out), and the highest smoothed speed
    so far (its cruise). One scan's speed errs by several m/s, so its maximum is no cruise speed; and
    a new track's speed starts from a few plots and overshoots, so the cruise is learnt only once the
    track is `cruise_warmup_s` old (0 before: nothing is judged slowing)."""
    settled = track.t_s - track.created_t_s >= model.cruise_warmup_s
    if old is None or dt_s is None:
        return track.speed_mps, (track.speed_mps if settled else 0.0)
    if track.status is not TrackStatus.CONFIRMED:
        return old.smoothed_mps, old.cruise_mps
    a = 1.0 - math.exp(-dt_s / model.speed_smoothing_s)
    smoothed = old.smoothed_mps + a * (track.speed_mps - old.smoothed_mps)
    return smoothed, (max(old.cruise_mps, smoothed) if settled else 0.0)


def _firm(
    old: tuple[str, float] | None, top: str | None, p: float, firm_p: float, t_s: float
) -> tuple[str, float] | None:
    """(top, since when it has been on top at p >= firm_p scan after scan), None when it is not now;
    `top` is a strip, or a cluster named by its first strip."""
    if top is None or p < firm_p:
        return None
    if old is not None and old[0] == top:
        return old
    return (top, t_s)


def _reactivations(
    db: StripDatabase, events: list[StripEvent], t_s: float, rebuild_s: float, reactivated: frozenset[str]
) -> list[StripEvent]:
    """A landing inferred at a destroyed (or possibly rebuilt) strip: the strip is active again, news
    for the intelligence officer."""
    out = []
    for e in events:
        if e.kind != "landing_inferred" or e.strip_id is None or e.strip_id in reactivated:
            continue
        status = strip_status(db.get(e.strip_id), t_s, rebuild_s, reactivated)
        if status in ("destroyed", "possibly_rebuilt"):
            reactivated = reactivated | {e.strip_id}
            out.append(StripEvent("strip_reactivated", e.track_id, t_s, e.strip_id, e.p, {"was": status}))
    return out


def _lost(
    db: StripDatabase,
    model: StripModel,
    track_id: str,
    belief: _Belief,
    lost_t_s: float,
    landings: Mapping[str, tuple[float, str, float]],
    pending: dict[str, _Pending],
) -> None:
    """A track lost near the strip it was most probably heading for when last seen may have landed
    there: a pending landing, with the probability it had then."""
    if not db.strips or track_id in pending:
        return
    p = belief.seen
    i = int(np.argmax(p[:-1]))
    strip = db.strips[i]
    dist = math.hypot(strip.east_m - belief.position_en_m[0], strip.north_m - belief.position_en_m[1])
    if dist > model.landing_radius_m or p[i] < p[-1]:
        return
    if landings.get(strip.strip_id, (None, None))[1] == track_id:
        return  # already inferred for this track
    detail = {"strip_kind": strip.kind, "distance_m": dist, "river": strip.kind == "river", "lost_t_s": lost_t_s}
    event = StripEvent("landing_inferred", track_id, lost_t_s, strip.strip_id, float(p[i]), detail)
    pending[track_id] = _Pending(event, belief.position_en_m)


def _continues(model: StripModel, track: TrackState, pending: dict[str, _Pending]) -> bool:
    """Whether a new track starts within reach of a pending landing's loss, inside the break window:
    it is the same aircraft, which never landed (the pending landing is dropped)."""
    e, n = first_seen_en_m(track)
    for track_id, p in sorted(pending.items(), key=lambda kv: -kv[1].lost_t_s):
        gap = track.created_t_s - p.lost_t_s
        reach = model.break_speed_mps * max(gap, 0.0) + model.break_margin_m
        if gap <= model.break_window_s and math.hypot(e - p.position_en_m[0], n - p.position_en_m[1]) <= reach:
            del pending[track_id]
            return True
    return False


def _confirmed_landings(
    model: StripModel, pending: dict[str, _Pending], landings: dict[str, tuple[float, str, float]], t_s: float
) -> list[StripEvent]:
    """Pending landings whose break window has passed: landings, inferred now."""
    out = []
    for track_id in sorted(pending):
        p = pending[track_id]
        if t_s - p.lost_t_s >= model.break_window_s and p.event.strip_id is not None:
            del pending[track_id]
            landings[p.event.strip_id] = (p.lost_t_s, track_id, p.event.p)
            out.append(replace(p.event, t_s=t_s))
    return out


def first_seen_en_m(track: TrackState) -> tuple[float, float]:
    """East/north where the track was first seen: back along its velocity to its creation."""
    back_s = track.t_s - track.created_t_s
    return track.east_m - track.east_mps * back_s, track.north_m - track.north_mps * back_s


def _takeoff(
    db: StripDatabase, model: StripModel, track: TrackState, landings: dict[str, tuple[float, str, float]]
) -> list[StripEvent]:
    """A new track that starts near strips took off from one of them (nearest weighs most)."""
    if not db.strips:
        return []
    e, n = first_seen_en_m(track)
    dist = np.hypot(db.east_m - e, db.north_m - n)
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
