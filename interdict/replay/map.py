"""The replay's map, for an operator to read in five seconds (matplotlib object API, PNG, no global
backend switch). WGS84 longitude and latitude, shown at true shape around the picture's centre.

Drawn: rivers, lakes and borders (Natural Earth 1:50m, shipped: reference/basemap.py) and the
scenario's terrain; each radar, its instrumented range and its horizon for a target 300 m above it;
strips by kind (hollow when destroyed); police team bases; each confirmed track coloured by the
highest rung the engine recommended for it, with its id and UTC clock times at its ends; the ground
cue (strip, time, team, predicted lead); a scale bar and a legend for every symbol. The extent comes
from tracks, strips and radar sites, never from false plots (drawn faint). Labels are placed by
priority where they overlap nothing already placed; those that fit nowhere are counted in the
corner, never drawn over another."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from interdict.contract.picture import Picture
from interdict.core.geodesy import LocalFrame, geodesic_distance_m, radar_horizon_m
from interdict.core.text import visible
from interdict.engine.ladder import Rung
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.io.outputs import atomic_path
from interdict.reference.basemap import Basemap, load_basemap
from interdict.replay.cues import ground_cues
from interdict.replay.loop import ReplayResult
from interdict.world.terrain import terrain_height_m, terrain_of

__all__ = ["MapFigure", "draw_map", "extent_of", "range_ring", "track_paths", "write_map"]

RUNG_COLOURS = {
    Rung.MONITOR: "0.45",
    Rung.IDENTIFY: "tab:blue",
    Rung.RADIO_CONTACT: "tab:green",
    Rung.VISUAL_ID: "tab:orange",
    Rung.INTERCEPT_INSTRUCT: "tab:red",
    Rung.GROUND_CUE: "tab:purple",
}
STRIP_MARKERS = {  # kind -> marker, colour, legend text
    "registered": ("s", "tab:blue", "registered aerodrome"),
    "community": ("D", "tab:green", "community strip"),
    "mission": ("P", "tab:cyan", "mission strip"),
    "river": ("v", "tab:olive", "river landing area"),
    "clandestine": ("X", "tab:red", "clandestine strip"),
}
LOW_TARGET_M = 300.0  # the horizon ring is drawn for a target this high above the terrain
_MARKER_PT = 5.0  # labels keep this far (points) from every labelled symbol's centre
_OFFSETS = [
    (dx, dy) for r in (6, 13, 24) for dx, dy in ((r, r), (r, -r), (-r, r), (-r, -r), (r, 0), (-r, 0), (0, r), (0, -r))
]


@dataclass(frozen=True, slots=True)
class MapFigure:
    """The figure, the labels placed on it (none overlaps another, or a labelled symbol), the
    symbols' boxes in display coordinates, and how many labels found no room."""

    figure: Figure
    labels: tuple[Annotation, ...]
    symbols: tuple[Bbox, ...]
    hidden: int


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    lon: float
    lat: float
    priority: int  # lower first
    colour: str = "black"


def _plain(text: str) -> str:
    """Text from a file shown as written: controls escaped, and `$` would start mathtext in a matplotlib label."""
    return visible(text).replace("$", r"\$")


def write_map(path: Path, result: ReplayResult) -> None:
    """The map as a PNG (written whole or not at all)."""
    drawn = draw_map(result)
    with atomic_path(path) as partial:
        drawn.figure.savefig(partial, format="png", dpi=110)


def draw_map(
    result: ReplayResult, basemap: Basemap | None = None, figsize: tuple[float, float] = (10.0, 9.0)
) -> MapFigure:
    """The operator's map of a replay (see the module's docstring); `figsize` in inches."""
    pic = result.picture
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    paths = track_paths(result)
    lon0, lat0, lon1, lat1 = extent_of(pic, paths)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1.0 / math.cos(math.radians((lat0 + lat1) / 2)))
    _draw_base(ax, basemap if basemap is not None else load_basemap(), pic, (lon0, lat0, lon1, lat1))
    labels = _draw_radars(ax, result)
    labels += _draw_tracks(ax, result, paths)
    labels += _draw_strips(ax, pic)
    labels += _draw_cues(ax, result)
    labels += _draw_teams(ax, pic, (lon0, lat0, lon1, lat1))
    _scale_bar(ax, (lon0, lat0, lon1, lat1))
    _legend(ax)
    until = f" to {pic.start + timedelta(seconds=result.steps[-1].t_s):%H:%M:%S} UTC" if result.steps else ""
    ax.set_title(_plain(f"{result.scenario.name}, seed {result.seed}: {pic.start:%Y-%m-%d %H:%M:%S}{until}"))
    ax.set_xlabel("longitude (deg, WGS84)")
    ax.set_ylabel("latitude (deg, WGS84)")
    fig.canvas.draw()  # the layout is final before labels are measured
    placed, symbols, hidden = _place(ax, labels)
    if hidden:
        ax.text(0.99, 0.01, f"{hidden} labels hidden (no room)", transform=ax.transAxes, ha="right", fontsize=7)
    return MapFigure(fig, tuple(placed), tuple(symbols), hidden)


def track_paths(result: ReplayResult) -> dict[str, list[TrackState]]:
    """Each track's confirmed and coasting states, in time order."""
    paths: dict[str, list[TrackState]] = {}
    for step in result.steps:
        for tr in step.tracks:
            if tr.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING):
                paths.setdefault(tr.track_id, []).append(tr)
    return paths


def extent_of(pic: Picture, paths: dict[str, list[TrackState]]) -> tuple[float, float, float, float]:
    """Tracks, strips and radar sites, with a margin (false plots never set it)."""
    lons = [s.lon for s in pic.strip_positions.values()] + [r.at.lon for r in pic.radars]
    lats = [s.lat for s in pic.strip_positions.values()] + [r.at.lat for r in pic.radars]
    for seq in paths.values():
        lat, lon, _ = pic.frame.to_geodetic([t.east_m for t in seq], [t.north_m for t in seq], [0.0] * len(seq))
        lons += list(np.atleast_1d(lon))
        lats += list(np.atleast_1d(lat))
    margin = max(0.1, 0.08 * max(max(lons) - min(lons), max(lats) - min(lats)))
    lon0, lat0, lon1, lat1 = min(lons) - margin, min(lats) - margin, max(lons) + margin, max(lats) + margin
    squash = math.cos(math.radians((lat0 + lat1) / 2))  # east-west degrees are this much shorter
    wide, high = (lon1 - lon0) * squash, lat1 - lat0
    if high < 0.7 * wide:  # no strip of a map: at least 7 high for 10 wide, and the other way round
        pad = (0.7 * wide - high) / 2
        lat0, lat1 = lat0 - pad, lat1 + pad
    elif wide < 0.7 * high:
        pad = (0.7 * high - wide) / 2 / squash
        lon0, lon1 = lon0 - pad, lon1 + pad
    return lon0, lat0, lon1, lat1


def _draw_base(ax: Axes, base: Basemap, pic: Picture, box: tuple[float, float, float, float]) -> None:
    """Terrain (when the scenario has any), lakes, rivers, borders; faint, under everything."""
    if pic.terrain is not None and pic.terrain.ridges:
        lon = np.linspace(box[0], box[2], 120)
        lat = np.linspace(box[1], box[3], 120)
        glon, glat = np.meshgrid(lon, lat)
        east, north, _ = pic.frame.to_enu(glat.ravel(), glon.ravel(), np.zeros(glat.size))
        height = terrain_height_m(terrain_of(pic.terrain, pic.frame), east, north).reshape(glat.shape)
        filled = ax.contourf(glon, glat, height, levels=8, cmap="Greys", alpha=0.35, zorder=0)
        bar = ax.figure.colorbar(filled, ax=ax, shrink=0.4, pad=0.01)
        bar.set_label("terrain (m, scenario)")
    for line in base.lakes:
        ax.fill(line[:, 0], line[:, 1], color="lightsteelblue", lw=0, zorder=0.5)
    for line in base.rivers:
        ax.plot(line[:, 0], line[:, 1], color="steelblue", lw=0.9, alpha=0.8, zorder=0.6)
    for line in base.countries:
        ax.plot(line[:, 0], line[:, 1], color="0.35", lw=1.0, ls=(0, (6, 2, 1, 2)), zorder=0.7)


def range_ring(site: LocalFrame, radius_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (deg) of the circle of `radius_m` around a site."""
    az = np.linspace(0.0, 2.0 * np.pi, 181)
    lat, lon, _ = site.to_geodetic(radius_m * np.sin(az), radius_m * np.cos(az), np.zeros_like(az))
    return np.asarray(lon), np.asarray(lat)


def _draw_radars(ax: Axes, result: ReplayResult) -> list[_Label]:
    """Each radar: site, instrumented range, horizon for a low target; its plots, faint."""
    labels = []
    for radar in result.picture.radars:
        site = LocalFrame(radar.at.lat, radar.at.lon, radar.at.alt_m + radar.antenna_height_m)
        ax.plot(*range_ring(site, radar.max_range_km * 1000.0), color="k", lw=0.8, ls="--", zorder=1)
        horizon_m = float(radar_horizon_m(radar.antenna_height_m, LOW_TARGET_M))
        if horizon_m < radar.max_range_km * 1000.0:
            ax.plot(*range_ring(site, horizon_m), color="k", lw=0.8, ls=":", zorder=1)
        mine = [p for p in result.simulation.plots if p.radar_id == radar.id]
        r = np.array([p.range_m for p in mine])
        az = np.array([p.azimuth_rad for p in mine])
        lat, lon, _ = site.to_geodetic(r * np.sin(az), r * np.cos(az), np.zeros_like(r))
        ax.scatter(lon, lat, s=0.3, c="0.8", alpha=0.5, zorder=1, linewidths=0)
        ax.plot(radar.at.lon, radar.at.lat, "k^", ms=10, mfc="yellow", zorder=9)
        labels.append(_Label(radar.id, radar.at.lon, radar.at.lat, 1))
    return labels


def _highest_rungs(result: ReplayResult) -> dict[str, Rung]:
    best: dict[str, Rung] = {}
    for step in result.steps:
        for rec in step.recommendations:
            if rec.track_id not in best or rec.rung.level > best[rec.track_id].level:
                best[rec.track_id] = rec.rung
    return best


def _draw_tracks(ax: Axes, result: ReplayResult, paths: dict[str, list[TrackState]]) -> list[_Label]:
    """Each track in the colour of its highest rung; id and clock time at its start, time at its end."""
    frame, start = result.picture.frame, result.picture.start
    rungs = _highest_rungs(result)
    labels = []
    for tid, seq in paths.items():
        lat, lon, _ = frame.to_geodetic([t.east_m for t in seq], [t.north_m for t in seq], [0.0] * len(seq))
        lon, lat = np.atleast_1d(lon), np.atleast_1d(lat)
        colour = RUNG_COLOURS[rungs.get(tid, Rung.MONITOR)]
        ax.plot(lon, lat, "-", color=colour, lw=2.2, zorder=4, solid_capstyle="round")
        ax.plot(lon[-1], lat[-1], "o", color=colour, ms=4, zorder=4)
        first, last = start + timedelta(seconds=seq[0].t_s), start + timedelta(seconds=seq[-1].t_s)
        labels.append(_Label(_plain(f"{tid} {first:%H:%M}"), float(lon[0]), float(lat[0]), 2, colour))
        labels.append(_Label(f"{last:%H:%M}", float(lon[-1]), float(lat[-1]), 4, colour))
    return labels


def _draw_strips(ax: Axes, pic: Picture) -> list[_Label]:
    labels = []
    for spec in pic.strips:
        where = pic.strip_positions[spec.id]
        marker, colour, _ = STRIP_MARKERS[spec.kind]
        hollow = spec.status == "destroyed"
        ax.plot(where.lon, where.lat, marker, color=colour, ms=8, mfc="white" if hollow else colour, zorder=7)
        labels.append(_Label(_plain(spec.id), where.lon, where.lat, 3 if spec.kind == "clandestine" else 5))
    return labels


def _draw_cues(ax: Axes, result: ReplayResult) -> list[_Label]:
    """Each ground cue: a ring at the strip, with time, team and the lead the engine predicted."""
    pic, labels = result.picture, []
    for cue in ground_cues(result):
        where = pic.strip_positions[cue.strip]
        ax.plot(where.lon, where.lat, "o", ms=22, mfc="none", mec="tab:purple", mew=2.5, zorder=8)
        lead = f", lead {max(0.0, cue.eta_s - cue.t_s) / 60:.0f} min" if cue.eta_s is not None else ", landed"
        when = pic.start + timedelta(seconds=cue.t_s)
        text = f"CUE {cue.label} {when:%H:%M}Z {cue.team}{lead}"
        labels.append(_Label(_plain(text), where.lon, where.lat, 0, "tab:purple"))
    return labels


def _draw_teams(ax: Axes, pic: Picture, box: tuple[float, float, float, float]) -> list[_Label]:
    """The police team bases on the map (a base outside it is left out, not pointed at)."""
    labels = []
    for team_id, base in pic.team_positions.items():
        if not (box[0] <= base.lon <= box[2] and box[1] <= base.lat <= box[3]):
            continue
        ax.plot(base.lon, base.lat, "h", color="tab:brown", ms=9, zorder=8)
        labels.append(_Label(_plain(team_id), base.lon, base.lat, 6, "tab:brown"))
    return labels


def _scale_bar(ax: Axes, box: tuple[float, float, float, float]) -> None:
    """A bar of a round number of kilometres, about a fifth of the width, lower left."""
    lon0, lat0, lon1, lat1 = box
    y = lat0 + 0.05 * (lat1 - lat0)
    x = lon0 + 0.04 * (lon1 - lon0)
    km_per_deg = geodesic_distance_m(y, x, y, x + 1.0) / 1000.0
    want = 0.2 * (lon1 - lon0) * km_per_deg
    km = max((k for k in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500) if k <= want), default=1)
    ax.plot([x, x + km / km_per_deg], [y, y], color="k", lw=3, solid_capstyle="butt", zorder=10)
    ax.text(x + km / km_per_deg / 2, y + 0.012 * (lat1 - lat0), f"{km} km", ha="center", fontsize=8, zorder=10)


def _legend(ax: Axes) -> None:
    handles = [Line2D([], [], color=c, lw=2.2, label=f"track, highest rung {r.value}") for r, c in RUNG_COLOURS.items()]
    handles += [Line2D([], [], ls="", marker=m, color=c, label=t) for m, c, t in STRIP_MARKERS.values()]
    handles += [
        Line2D([], [], ls="", marker="X", color="tab:red", mfc="white", label="destroyed strip (hollow)"),
        Line2D([], [], ls="", marker="o", ms=12, mfc="none", mec="tab:purple", mew=2.5, label="ground cue"),
        Line2D([], [], ls="", marker="h", color="tab:brown", label="police team base"),
        Line2D([], [], ls="", marker="^", color="k", mfc="yellow", label="radar"),
        Line2D([], [], color="k", lw=0.8, ls="--", label="radar instrumented range"),
        Line2D([], [], color="k", lw=0.8, ls=":", label=f"radar horizon, target {LOW_TARGET_M:.0f} m up"),
        Line2D([], [], ls="", marker=".", color="0.7", label="radar plots (faint)"),
        Line2D([], [], color="steelblue", lw=0.9, label="river (Natural Earth)"),
        Line2D([], [], color="0.35", lw=1.0, ls=(0, (6, 2, 1, 2)), label="border (Natural Earth)"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False)


def _place(ax: Axes, labels: Sequence[_Label]) -> tuple[list[Annotation], list[Bbox], int]:
    """Place labels by priority at the first offset where the label's box overlaps no placed label,
    no labelled symbol, and stays inside the axes; a label with no such offset is not drawn."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = ax.get_window_extent(renderer)
    half = _MARKER_PT * ax.figure.dpi / 72.0
    points = [(lb.lon, lb.lat) for lb in labels]
    anchors = [(float(x), float(y)) for x, y in ax.transData.transform(points)] if points else []
    taken = [Bbox.from_extents(x - half, y - half, x + half, y + half) for x, y in anchors]
    placed: list[Annotation] = []
    hidden = 0
    for label in sorted(labels, key=lambda lb: lb.priority):  # stable: equal priorities keep their order
        box = _first_free(ax, label, renderer, frame, taken, placed)
        if box is None:
            hidden += 1
        else:
            taken.append(box)
    return placed, taken[: len(anchors)], hidden


def _first_free(
    ax: Axes, label: _Label, renderer: RendererBase, frame: Bbox, taken: Iterable[Bbox], placed: list[Annotation]
) -> Bbox | None:
    taken = list(taken)
    for dx, dy in _OFFSETS:
        text = ax.annotate(
            label.text,
            (label.lon, label.lat),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=7 if label.priority else 8,
            color=label.colour,
            ha="left" if dx >= 0 else "right",
            va="bottom" if dy >= 0 else "top",
            zorder=11,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )
        box = text.get_window_extent(renderer)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        if inside and not any(box.overlaps(t) for t in taken):
            placed.append(text)
            return box
        text.remove()
    return None
