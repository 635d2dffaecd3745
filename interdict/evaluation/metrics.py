"""Tracking accuracy metrics: GOSPA, OSPA, RMSE, identity switches, fragmentation, time to confirm,
false tracks per hour. Positions are 2-D ENU metres; all functions are pure numpy/scipy.

GOSPA (Rahmathullah, García-Fernández & Svensson 2017) with alpha = 2 splits into a localisation
part (sum of d^p over assigned pairs closer than c), a missed part and a false part (c^p / 2 per
unassigned truth or estimate); the metric is (sum of the parts)^(1/p).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist

from interdict.core.arrays import FloatArray

__all__ = [
    "GospaResult",
    "gospa",
    "gospa_of_distances",
    "ospa",
    "TrackScore",
    "DistanceFrame",
    "score_tracks",
    "score_distances",
]


@dataclass(frozen=True, slots=True)
class GospaResult:
    """GOSPA distance and its parts (the parts are in the p-th power domain, as in the paper)."""

    distance: float
    localisation: float
    missed: float
    false: float
    n_assigned: int
    n_missed: int
    n_false: int


def _as_points(a: npt.ArrayLike) -> FloatArray:
    arr = np.asarray(a, dtype=float)
    return arr.reshape(0, 2) if arr.size == 0 else arr.reshape(len(arr), -1)


def gospa(
    truth: npt.ArrayLike, estimates: npt.ArrayLike, *, c: float, p: float = 1.0, alpha: float = 2.0
) -> GospaResult:
    """GOSPA between two finite sets of points (rows). Only alpha = 2 has the missed/false split."""
    if alpha != 2.0:
        raise ValueError("only alpha = 2 separates localisation, missed and false errors")
    return gospa_of_distances(_distances(_as_points(truth), _as_points(estimates)), c=c, p=p)


def _distances(X: FloatArray, Y: FloatArray) -> FloatArray:
    """(len(X), len(Y)) Euclidean distances between the rows of two point sets (either may be empty)."""
    out: FloatArray = cdist(X, Y) if len(X) and len(Y) else np.zeros((len(X), len(Y)))
    return out


def gospa_of_distances(distances: npt.ArrayLike, *, c: float, p: float = 1.0) -> GospaResult:
    """GOSPA (alpha = 2) from the distances (m truths, n estimates) between every truth and every
    estimate: the same as `gospa` on points, for estimates that are not all at one instant."""
    D = np.asarray(distances, dtype=float)
    m, n = D.shape
    if m == 0 or n == 0:
        card = c**p / 2 * (m + n)
        return GospaResult(card ** (1 / p), 0.0, c**p / 2 * m, c**p / 2 * n, 0, m, n)
    d = np.minimum(D, c)
    rows, cols = linear_sum_assignment(d**p)
    near = d[rows, cols] < c
    k = int(near.sum())
    loc = float(np.sum(d[rows, cols][near] ** p))
    missed, false = c**p / 2 * (m - k), c**p / 2 * (n - k)
    return GospaResult((loc + missed + false) ** (1 / p), loc, missed, false, k, m - k, n - k)


def ospa(truth: npt.ArrayLike, estimates: npt.ArrayLike, *, c: float, p: float = 1.0) -> float:
    """OSPA (Schuhmacher, Vo & Vo 2008): per-target mean error with a cardinality penalty c."""
    X, Y = _as_points(truth), _as_points(estimates)
    m, n = len(X), len(Y)
    if m == 0 and n == 0:
        return 0.0
    if m == 0 or n == 0:
        return float(c)
    d = np.minimum(cdist(X, Y), c) ** p
    rows, cols = linear_sum_assignment(d)
    return float(((d[rows, cols].sum() + c**p * abs(m - n)) / max(m, n)) ** (1 / p))


@dataclass(frozen=True, slots=True)
class TrackScore:
    """Track-to-truth scores over a run."""

    gospa_mean_m: float
    gospa_localisation_m: float  # the mean of each part (p = 1: metres; the parts sum to the mean)
    gospa_missed_m: float
    gospa_false_m: float
    gospa_series: tuple[tuple[float, float], ...]  # (t_s, GOSPA) per frame
    rmse_m: float
    identity_switches: int
    fragmentations: int
    mean_time_to_confirm_s: float
    false_tracks: int
    false_tracks_per_hour: float
    tracked_truths: int
    truths: int
    coverage: float = float("nan")  # share of the (truth, frame) pairs in which a track held the truth


def _assign(d: FloatArray, tid: list[str], kid: list[str], assoc_m: float, sq_err: list[float]) -> dict[str, str]:
    """Optimal truth -> track assignment within `assoc_m` over the distances `d` (truths, tracks);
    the squared errors of the pairs go to `sq_err`."""
    pairs: dict[str, str] = {}
    if d.size:
        rows, cols = linear_sum_assignment(np.minimum(d, assoc_m * 10))
        for r, cc in zip(rows, cols, strict=True):
            if d[r, cc] <= assoc_m:
                pairs[tid[r]] = kid[cc]
                sq_err.append(d[r, cc] ** 2)
    return pairs


@dataclass
class _Identities:
    """Which track held each truth over time (the bookkeeping of `score_tracks`)."""

    last_track: dict[str, str] = field(default_factory=dict)
    first_seen: dict[str, float] = field(default_factory=dict)
    first_tracked: dict[str, float] = field(default_factory=dict)
    was_tracked: dict[str, bool] = field(default_factory=dict)
    track_hit: dict[str, bool] = field(default_factory=dict)
    switches: int = 0
    fragments: int = 0
    truth_frames: int = 0
    held_frames: int = 0

    def follow(self, t_s: float, truths: list[str], tracks: list[str], pairs: Mapping[str, str]) -> None:
        for i in truths:
            self.first_seen.setdefault(i, t_s)
        for k in tracks:
            self.track_hit.setdefault(k, False)
        self.truth_frames += len(truths)
        self.held_frames += sum(i in pairs for i in truths)
        for i in truths:
            held = pairs.get(i)
            if held is not None:
                self.track_hit[held] = True
                self.first_tracked.setdefault(i, t_s)
                self.switches += i in self.last_track and self.last_track[i] != held
                self.fragments += self.was_tracked.get(i) is False and i in self.last_track
                self.last_track[i] = held
            self.was_tracked[i] = held is not None


DistanceFrame = tuple[float, Sequence[str], Sequence[str], FloatArray]
"""(t_s, truth ids, track ids, distances (truths, tracks) in metres)."""


def score_tracks(
    frames: Sequence[tuple[float, Mapping[str, FloatArray], Mapping[str, FloatArray]]],
    *,
    c: float = 1000.0,
    p: float = 1.0,
    assoc_m: float = 1000.0,
) -> TrackScore:
    """Score confirmed tracks against truth over time.

    `frames` holds (t_s, {truth id: (east, north)}, {track id: (east, north)}), scored by
    `score_distances` on the distances between them.
    """
    out: list[DistanceFrame] = []
    for t_s, truth, tracks in frames:
        d = _distances(_as_points([truth[i] for i in truth]), _as_points([tracks[k] for k in tracks]))
        out.append((t_s, list(truth), list(tracks), d))
    return score_distances(out, c=c, p=p, assoc_m=assoc_m)


def score_distances(
    frames: Sequence[DistanceFrame], *, c: float = 1000.0, p: float = 1.0, assoc_m: float = 1000.0
) -> TrackScore:
    """Score tracks against truth over time from the distances between them at each frame (each
    track may be compared with the truth at its own instant). At each time tracks are assigned to
    truths (optimal, within `assoc_m`); an identity switch is a truth whose assigned track id
    changes; a fragmentation is a truth that is tracked again after a gap; a false track is a track
    never assigned to any truth.
    """
    gospas: list[GospaResult] = []
    sq_err: list[float] = []
    ids = _Identities()
    for t_s, tid, kid, d in frames:
        D = np.asarray(d, dtype=float).reshape(len(tid), len(kid))
        gospas.append(gospa_of_distances(D, c=c, p=p))
        ids.follow(t_s, list(tid), list(kid), _assign(D, list(tid), list(kid), assoc_m, sq_err))
    first_tracked, first_seen = ids.first_tracked, ids.first_seen
    duration_h = (frames[-1][0] - frames[0][0]) / 3600.0 if len(frames) > 1 else 0.0
    false_tracks = sum(not hit for hit in ids.track_hit.values())
    delays = [first_tracked[i] - first_seen[i] for i in first_tracked]
    parts = np.array([(g.distance, g.localisation, g.missed, g.false) for g in gospas]).reshape(-1, 4)
    means = parts.mean(axis=0) if len(parts) else np.zeros(4)
    return TrackScore(
        gospa_mean_m=float(means[0]),
        gospa_localisation_m=float(means[1]),
        gospa_missed_m=float(means[2]),
        gospa_false_m=float(means[3]),
        gospa_series=tuple((float(f[0]), float(g.distance)) for f, g in zip(frames, gospas, strict=True)),
        rmse_m=float(np.sqrt(np.mean(sq_err))) if sq_err else float("nan"),
        identity_switches=ids.switches,
        fragmentations=ids.fragments,
        mean_time_to_confirm_s=float(np.mean(delays)) if delays else float("nan"),
        false_tracks=false_tracks,
        false_tracks_per_hour=false_tracks / duration_h if duration_h else float("nan"),
        tracked_truths=len(first_tracked),
        truths=len(first_seen),
        coverage=ids.held_frames / ids.truth_frames if ids.truth_frames else float("nan"),
    )
