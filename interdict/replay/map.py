"""The replay's map (matplotlib object API, PNG, no global backend switch): WGS84 longitude and
latitude, plots from each radar, confirmed tracks, where each recommendation changed rung, the last
destination predictions, strips by kind."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from interdict.core.geodesy import LocalFrame
from interdict.engine.ladder import Rung
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.io.outputs import atomic_path
from interdict.replay.loop import ReplayResult

__all__ = ["write_map"]

RUNG_COLOURS = {
    Rung.IDENTIFY: "tab:blue",
    Rung.RADIO_CONTACT: "tab:green",
    Rung.VISUAL_ID: "tab:orange",
    Rung.INTERCEPT_INSTRUCT: "tab:red",
    Rung.GROUND_CUE: "tab:purple",
}
STRIP_MARKERS = {
    "registered": ("s", "tab:blue"),
    "community": ("D", "tab:green"),
    "mission": ("P", "tab:cyan"),
    "river": ("v", "tab:olive"),
    "clandestine": ("X", "tab:red"),
}


def _plain(text: str) -> str:
    """Text from a file shown as written: `$` would start mathtext in a matplotlib label."""
    return text.replace("$", r"\$")


def write_map(path: Path, result: ReplayResult) -> None:
    """A map (WGS84 lon/lat): strips by kind, plots, confirmed tracks, destinations, recommendations."""
    fig = Figure(figsize=(9, 9))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    _draw_plots(ax, result)
    _draw_tracks(ax, result)
    _draw_rungs_and_destinations(ax, result)
    _draw_strips(ax, result)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="best", fontsize=8)
    ax.set_xlabel("longitude (deg)")
    ax.set_ylabel("latitude (deg)")
    ax.set_title(_plain(f"{result.scenario.name}, seed {result.seed}"))
    ax.set_aspect("equal", adjustable="datalim")
    with atomic_path(path) as partial:
        fig.savefig(partial, format="png", dpi=110, bbox_inches="tight")


def _draw_plots(ax: Axes, result: ReplayResult) -> None:
    """Plots, from each radar's polar frame; the radar sites."""
    for radar in result.picture.radars:
        site = LocalFrame(radar.at.lat, radar.at.lon, radar.at.alt_m + radar.antenna_height_m)
        mine = [p for p in result.simulation.plots if p.radar_id == radar.id]
        r = np.array([p.range_m for p in mine])
        az = np.array([p.azimuth_rad for p in mine])
        lat, lon, _ = site.to_geodetic(r * np.sin(az), r * np.cos(az), np.zeros_like(r))
        ax.scatter(lon, lat, s=1, c="0.75", label=_plain(f"plots ({radar.id})"), zorder=1)
        ax.plot(radar.at.lon, radar.at.lat, "k^", ms=9, zorder=5)
        ax.annotate(_plain(radar.id), (radar.at.lon, radar.at.lat), fontsize=8)


def _draw_tracks(ax: Axes, result: ReplayResult) -> None:
    paths: dict[str, list[TrackState]] = {}
    for step in result.steps:
        for tr in step.tracks:
            if tr.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING):
                paths.setdefault(tr.track_id, []).append(tr)
    frame = result.picture.frame
    for tid, seq in paths.items():
        lat, lon, _ = frame.to_geodetic([t.east_m for t in seq], [t.north_m for t in seq], [0.0] * len(seq))
        ax.plot(lon, lat, "-", lw=1.5, zorder=3)
        ax.annotate(_plain(tid), (lon[-1], lat[-1]), fontsize=8)


def _draw_rungs_and_destinations(ax: Axes, result: ReplayResult) -> None:
    """A dot where each recommendation changed rung; an arrow to each track's last predicted strip."""
    pic = result.picture
    last: dict[str, Rung] = {}
    for step in result.steps:
        pos = {t.track_id: t for t in step.tracks}
        for rec in step.recommendations:
            if rec.rung != last.get(rec.track_id) and rec.rung in RUNG_COLOURS and rec.track_id in pos:
                t = pos[rec.track_id]
                la, lo, _ = pic.frame.point_to_geodetic(t.east_m, t.north_m, 0.0)
                ax.plot(lo, la, "o", color=RUNG_COLOURS[rec.rung], ms=8, zorder=6)
                ax.annotate(rec.rung.value, (lo, la), fontsize=7, xytext=(4, -8), textcoords="offset points")
            last[rec.track_id] = rec.rung
        for est in step.estimates:
            if est.top is not None and step is result.steps[-1] and est.track_id in pos:
                t = pos[est.track_id]
                la, lo, _ = pic.frame.point_to_geodetic(t.east_m, t.north_m, 0.0)
                s = pic.strip_positions[est.top]
                ax.annotate("", (s.lon, s.lat), (lo, la), arrowprops={"arrowstyle": "->", "ls": "--"})


def _draw_strips(ax: Axes, result: ReplayResult) -> None:
    pic = result.picture
    for spec in pic.strips:
        where = pic.strip_positions[spec.id]
        marker, colour = STRIP_MARKERS[spec.kind]
        ax.plot(
            where.lon,
            where.lat,
            marker,
            color=colour,
            ms=9,
            mfc="none" if spec.status == "destroyed" else colour,
            zorder=7,
            label=f"{spec.kind} strip",
        )
        ax.annotate(_plain(spec.id), (where.lon, where.lat), fontsize=8, xytext=(4, 4), textcoords="offset points")
