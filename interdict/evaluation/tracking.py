"""Tracking scores against truth: of a replay (its steps and the true trajectories), or of a track
file against a truth file (`interdict simulate --truth`, `interdict track`), read by `io.truth_jsonl`
and `io.tracks_jsonl`.

Truth at a time is every aircraft in the air then (an aircraft on a strip is not a target: a
primary radar does not see it); estimates are the confirmed and coasting tracks. Positions are
local ENU metres (east, north) of the scenario frame. GOSPA uses c = 1,000 m, p = 1, alpha = 2; a
track is assigned to a truth within 1,000 m (`evaluation.metrics.score_tracks`).

The raw plot error is the reference a tracker must beat: the RMS horizontal distance between each
target plot, converted to the scenario frame at its aircraft's true altitude, and that aircraft's
true position at the plot's time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from interdict.contract.picture import Picture
from interdict.contract.plots import Plot
from interdict.core.arrays import FloatArray
from interdict.core.errors import InterdictError
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.engine.tracking.measurement import convert_plots, radar_geometry
from interdict.evaluation.metrics import TrackScore, score_tracks
from interdict.world.trajectories import Trajectory

__all__ = [
    "GOSPA_C_M",
    "Frame",
    "replay_frames",
    "plot_error_m",
    "plot_positions",
    "score_frames",
    "scores_of",
    "file_frames",
]

GOSPA_C_M = 1_000.0
_SHOWN = (TrackStatus.CONFIRMED, TrackStatus.COASTING)

Frame = tuple[float, dict[str, FloatArray], dict[str, FloatArray]]


def replay_frames(
    steps: Sequence[tuple[float, Sequence[TrackState]]], trajectories: Sequence[Trajectory]
) -> list[Frame]:
    """(t_s, truth in the air, confirmed and coasting tracks) per engine step."""
    times = np.array([t for t, _ in steps], dtype=float)
    air: list[tuple[str, FloatArray, npt.NDArray[np.bool_]]] = []
    for tr in trajectories:  # every aircraft's positions at every step at once
        pos = tr.positions_enu_at(times)
        up = ~np.isnan(pos[:, 0]) & ~tr.on_ground_at(times)
        air.append((tr.aircraft_id, pos[:, :2], up))
    return [
        (
            t_s,
            {aid: pos[k] for aid, pos, up in air if up[k]},
            {t.track_id: np.array([t.east_m, t.north_m]) for t in tracks if t.status in _SHOWN},
        )
        for k, (t_s, tracks) in enumerate(steps)
    ]


def plot_error_m(
    picture: Picture, plots: Sequence[Plot], plot_aircraft: Sequence[str | None], trajectories: Sequence[Trajectory]
) -> float:
    """RMS horizontal error of the target plots (see the module docstring); NaN without any."""
    by_id = {t.aircraft_id: t for t in trajectories}
    sq = [
        np.sum((z - by_id[aircraft_id].positions_enu_at(t)[:, :2]) ** 2, axis=1)
        for aircraft_id, (t, z) in plot_positions(picture, plots, plot_aircraft, trajectories).items()
    ]
    return float(math.sqrt(np.mean(np.concatenate(sq)))) if sq else float("nan")


def plot_positions(
    picture: Picture, plots: Sequence[Plot], plot_aircraft: Sequence[str | None], trajectories: Sequence[Trajectory]
) -> dict[str, tuple[FloatArray, FloatArray]]:
    """Per aircraft, the times (k,) and ENU positions (k, 2) of its target plots from every radar,
    in time order, each converted at the aircraft's true altitude (the module docstring)."""
    by_id = {t.aircraft_id: t for t in trajectories}
    geoms = {r.id: radar_geometry(r, picture.frame) for r in picture.radars}
    parts: dict[str, list[tuple[FloatArray, FloatArray]]] = {}
    for (radar_id, aircraft_id), mine in _groups(plots, plot_aircraft).items():
        t = np.array([p.t_s for p in mine])
        alt = by_id[aircraft_id].geodetic_at(t)[:, 2]
        r, az = np.array([p.range_m for p in mine]), np.array([p.azimuth_rad for p in mine])
        z, _ = convert_plots(geoms[radar_id], picture.frame, r, az, alt, np.zeros(len(mine)))
        parts.setdefault(aircraft_id, []).append((t, z))
    out = {}
    for aircraft_id, got in parts.items():
        t, z = np.concatenate([a for a, _ in got]), np.concatenate([b for _, b in got])
        order = np.argsort(t, kind="stable")
        out[aircraft_id] = (t[order], z[order])
    return out


def _groups(plots: Sequence[Plot], plot_aircraft: Sequence[str | None]) -> dict[tuple[str, str], list[Plot]]:
    """Target plots by (radar, aircraft)."""
    out: dict[tuple[str, str], list[Plot]] = {}
    for p, a in zip(plots, plot_aircraft, strict=True):
        if a is not None:
            out.setdefault((p.radar_id, a), []).append(p)
    return out


def score_frames(frames: Sequence[Frame]) -> TrackScore:
    """Track-to-truth scores over the frames that hold a truth or a track (a scan with neither says
    nothing, and would dilute the mean)."""
    frames = [f for f in frames if f[1] or f[2]]
    if not frames:
        raise InterdictError("nothing to score: no aircraft in the air and no track at any scan")
    return score_tracks(frames, c=GOSPA_C_M, p=1.0, assoc_m=GOSPA_C_M)


def scores_of(s: TrackScore, raw_plot_error_m: float | None = None) -> dict[str, Any]:
    """The tracking scores of a run, JSON-ready (NaN where a score has no data)."""
    out: dict[str, Any] = {
        "rmse_m": s.rmse_m,
        "gospa_m": s.gospa_mean_m,
        "gospa_localisation_m": s.gospa_localisation_m,
        "gospa_missed_m": s.gospa_missed_m,
        "gospa_false_m": s.gospa_false_m,
        "identity_switches": s.identity_switches,
        "fragmentations": s.fragmentations,
        "time_to_confirm_s": s.mean_time_to_confirm_s,
        "false_tracks": s.false_tracks,
        "false_tracks_per_hour": s.false_tracks_per_hour,
        "tracked_truths": s.tracked_truths,
        "coverage": s.coverage,
        "truths": s.truths,
        "scans": len(s.gospa_series),
    }
    if raw_plot_error_m is not None:
        out["raw_plot_error_m"] = raw_plot_error_m
        out["rmse_over_plot_error"] = s.rmse_m / raw_plot_error_m if raw_plot_error_m > 0 else float("nan")
    return out


def _truth_at(tables: Mapping[str, FloatArray], t_s: float) -> dict[str, FloatArray]:
    out = {}
    for aircraft_id, rows in tables.items():
        if not rows[0, 0] <= t_s <= rows[-1, 0]:
            continue
        k = int(np.clip(np.searchsorted(rows[:, 0], t_s), 0, len(rows) - 1))
        if rows[k, 3] > 0:  # on the ground at the nearest truth sample
            continue
        out[aircraft_id] = np.array([np.interp(t_s, rows[:, 0], rows[:, 1]), np.interp(t_s, rows[:, 0], rows[:, 2])])
    return out


def file_frames(tables: Mapping[str, FloatArray], tracks: Mapping[float, Mapping[str, FloatArray]]) -> list[Frame]:
    """Frames from a truth file's tables (`io.truth_jsonl.read_truth`) and a track file's shown tracks
    (`io.tracks_jsonl.read_shown_tracks`): one per time stamp of the track file, truth interpolated to
    it between the truth file's scans."""
    return [(t, _truth_at(tables, t), dict(tracks.get(t, {}))) for t in _grid(sorted(tracks), tables)]


def _grid(times: Sequence[float], tables: Mapping[str, FloatArray]) -> list[float]:
    """The track file's time stamps, with the scans it left out (no confirmed track then) put back on
    its step grid over the span of the truth: a truth nobody tracked is missed, not unscored."""
    steps = np.diff(times)
    if not len(steps) or steps.min() <= 0:
        return list(times)
    step = float(steps.min())
    lo = min(float(r[0, 0]) for r in tables.values())
    hi = max(float(r[-1, 0]) for r in tables.values())
    first = times[0] - step * math.floor((times[0] - lo) / step)
    grid = np.round(np.arange(first, hi + step / 2, step), 6)
    return sorted({*times, *(float(t) for t in grid)})
