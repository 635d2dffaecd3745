"""The interactive replay (`replay --html`): one self-contained HTML file that opens offline.

Plotly's Python package embeds plotly.js in the file, so nothing is fetched when it is viewed. The
map (WGS84 longitude and latitude at true shape) shows rivers and borders, radar sites and ranges,
strips by kind, police team bases; a time slider and a play button step through the replay: each
track's path so far, coloured by the rung the engine recommends for it at that time, and every
ground cue once it is given. Beside the map, the quiet timeline (replay.quiet), with UTC clock
times, shows the events up to the slider's time. Every text that comes from a file is escaped:
it is shown as written, never read as markup."""

from __future__ import annotations

import html
import json
import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from matplotlib.colors import to_hex

from interdict.core.geodesy import LocalFrame
from interdict.core.text import visible
from interdict.engine.ladder import Rung
from interdict.engine.tracking import TrackState
from interdict.io.outputs import atomic_text
from interdict.reference.basemap import load_basemap
from interdict.replay.cues import ground_cues
from interdict.replay.loop import ReplayResult
from interdict.replay.map import RUNG_COLOURS, STRIP_MARKERS, extent_of, range_ring, track_paths
from interdict.replay.quiet import quiet_events

__all__ = ["write_html", "html_page"]

MAX_FRAMES = 120  # slider positions at most (every scan of a long replay would make a heavy file)
_STRIP_SYMBOLS = {"s": "square", "D": "diamond", "P": "cross", "v": "triangle-down", "X": "x"}


def _esc(text: object) -> str:
    return html.escape(visible(str(text)), quote=True)


def write_html(path: Path, result: ReplayResult) -> None:
    """The interactive replay as one HTML file (written whole or not at all)."""
    page = html_page(result)
    with atomic_text(path) as f:
        f.write(page)


def html_page(result: ReplayResult) -> str:
    """The page: the animated map and the timeline beside it (see the module's docstring)."""
    fig, times = _figure(result)
    start = result.picture.start
    rows = [
        f'<li data-t="{s.event.t_s:.0f}"><b>{(start + timedelta(seconds=s.event.t_s)):%H:%M:%S}</b> '
        f"{_esc(s.event.track_id or '')} <i>{_esc(s.label)}</i> {_esc(s.summary)}"
        + "".join(
            f"<br>&nbsp;&nbsp;{_esc(b.get('check_id'))} {_esc(b.get('verdict'))}: {_esc(b.get('reason'))}"
            for b in s.blocks
        )
        + "</li>"
        for s in quiet_events(result.events)
    ]
    plot = pio.to_html(
        fig,
        include_plotlyjs=True,
        full_html=False,
        auto_play=False,
        div_id="map",
        post_script=_SCRIPT.replace("__TIMES__", json.dumps(times)),
        config={"responsive": True, "displaylogo": False},
        default_width="100%",
        default_height="100vh",
    )
    title = _esc(f"{result.scenario.name}, seed {result.seed}")
    return _PAGE.format(title=title, plot=plot, events="\n".join(rows), start=_esc(f"{start:%Y-%m-%d %H:%M:%S} UTC"))


def _frame_times(result: ReplayResult) -> list[float]:
    times = [s.t_s for s in result.steps]
    stride = max(1, math.ceil(len(times) / MAX_FRAMES))
    chosen = times[::stride]
    return chosen if not times or chosen[-1] == times[-1] else [*chosen, times[-1]]


def _figure(result: ReplayResult) -> tuple[go.Figure, list[float]]:
    pic = result.picture
    paths = track_paths(result)
    box = extent_of(pic, paths)
    fig = go.Figure()
    _base(fig, result, box)
    track_ids = sorted(paths)
    first_track = len(fig.data)
    for tid in track_ids:
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", name=tid, marker={"size": 3}, showlegend=False))
    fig.add_trace(
        go.Scatter(
            x=[],
            y=[],
            mode="markers+text",
            name="ground cue",
            textposition="top center",
            marker={"size": 24, "symbol": "circle-open", "color": to_hex("tab:purple"), "line": {"width": 3}},
        )
    )
    times = _frame_times(result)
    traces = [*range(first_track, len(fig.data))]
    fig.frames = [
        go.Frame(name=f"{t:.0f}", data=data, traces=traces)
        for t, data in zip(times, _frames(result, paths, times), strict=True)
    ]
    if fig.frames:
        for i, trace in enumerate(fig.frames[-1].data):
            fig.data[first_track + i].update(trace)
    lon0, lat0, lon1, lat1 = box
    squash = math.cos(math.radians((lat0 + lat1) / 2))
    fig.update_layout(
        xaxis={"title": "longitude (deg, WGS84)", "range": [lon0, lon1]},
        yaxis={"title": "latitude (deg, WGS84)", "range": [lat0, lat1], "scaleanchor": "x", "scaleratio": 1.0 / squash},
        legend={"font": {"size": 10}},
        margin={"l": 50, "r": 10, "t": 30, "b": 40},
        updatemenus=[_play_button()],
        sliders=[_slider(times, pic.start)],
        plot_bgcolor="white",
    )
    return fig, times


def _base(fig: go.Figure, result: ReplayResult, box: tuple[float, float, float, float]) -> None:
    """What does not move: rivers, borders, radars and their ranges, strips by kind, team bases."""
    pic, base = result.picture, load_basemap()
    around = (box[0] - 1.0, box[1] - 1.0, box[2] + 1.0, box[3] + 1.0)  # lines that cross the view have a point here
    for name, lines, colour in (("river", base.rivers, "steelblue"), ("border", base.countries, "#595959")):
        x, y = _joined([ln for ln in lines if _touches(ln, around)])
        fig.add_trace(
            go.Scatter(x=x, y=y, mode="lines", name=name, line={"color": colour, "width": 1}, hoverinfo="skip")
        )
    for radar in pic.radars:
        site = LocalFrame(radar.at.lat, radar.at.lon, radar.at.alt_m + radar.antenna_height_m)
        lon, lat = range_ring(site, radar.max_range_km * 1000.0)
        fig.add_trace(
            go.Scatter(
                x=list(lon),
                y=list(lat),
                mode="lines",
                name=_esc(f"{radar.id} range"),
                line={"color": "black", "dash": "dash", "width": 1},
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[radar.at.lon],
                y=[radar.at.lat],
                mode="markers",
                name=_esc(radar.id),
                text=[_esc(radar.id)],
                marker={"symbol": "triangle-up", "size": 14, "color": "yellow", "line": {"color": "black", "width": 1}},
            )
        )
    for kind, (marker, colour, label) in STRIP_MARKERS.items():
        mine = [s for s in pic.strips if s.kind == kind]
        if mine:
            fig.add_trace(
                go.Scatter(
                    x=[pic.strip_positions[s.id].lon for s in mine],
                    y=[pic.strip_positions[s.id].lat for s in mine],
                    mode="markers",
                    name=label,
                    text=[_esc(f"{s.id} ({s.status})") for s in mine],
                    hoverinfo="text",
                    marker={"symbol": _STRIP_SYMBOLS[marker], "size": 11, "color": to_hex(colour)},
                )
            )
    if pic.team_positions:
        teams = list(pic.team_positions.items())
        fig.add_trace(
            go.Scatter(
                x=[b.lon for _, b in teams],
                y=[b.lat for _, b in teams],
                mode="markers",
                name="police team base",
                text=[_esc(t) for t, _ in teams],
                hoverinfo="text",
                marker={"symbol": "hexagon", "size": 11, "color": "#8c564b"},
            )
        )
    for rung, colour in RUNG_COLOURS.items():  # legend entries for the track colours
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=f"track at {rung.value}",
                line={"color": to_hex(colour), "width": 3},
            )
        )


def _touches(line: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    inside = (line[:, 0] >= box[0]) & (line[:, 0] <= box[2]) & (line[:, 1] >= box[1]) & (line[:, 1] <= box[3])
    return bool(inside.any())


def _joined(lines: Sequence[np.ndarray]) -> tuple[list[float | None], list[float | None]]:
    """Polylines as one trace, separated by gaps (None)."""
    x: list[float | None] = []
    y: list[float | None] = []
    for ln in lines:
        x += [*ln[:, 0].tolist(), None]
        y += [*ln[:, 1].tolist(), None]
    return x, y


def _frames(
    result: ReplayResult, paths: Mapping[str, Sequence[TrackState]], times: Sequence[float]
) -> list[list[go.Scatter]]:
    """For each slider time: each track's path so far in the colour of its rung then, and the cues
    given by then (positions, rung changes and cues are collected once, then cut at each time)."""
    pic = result.picture
    where = {}
    for tid, seq in paths.items():
        lat, lon, _ = pic.frame.to_geodetic([t.east_m for t in seq], [t.north_m for t in seq], [0.0] * len(seq))
        where[tid] = ([t.t_s for t in seq], np.atleast_1d(lon).tolist(), np.atleast_1d(lat).tolist())
    changes: dict[str, tuple[list[float], list[Rung]]] = {}
    for step in result.steps:
        for rec in step.recommendations:
            at, rungs = changes.setdefault(rec.track_id, ([], []))
            if not rungs or rungs[-1] is not rec.rung:
                at.append(step.t_s)
                rungs.append(rec.rung)
    cues = ground_cues(result)
    out = []
    for t_s in times:
        data = []
        for tid in sorted(paths):
            at_s, lon, lat = where[tid]
            n = bisect_right(at_s, t_s)
            at, rungs = changes.get(tid, ([], []))
            k = bisect_right(at, t_s)
            rung = rungs[k - 1] if k else Rung.MONITOR
            colour, label = to_hex(RUNG_COLOURS[rung]), f"{tid} {rung.value}"
            data.append(
                go.Scatter(
                    x=lon[:n],
                    y=lat[:n],
                    line={"color": colour, "width": 3},
                    name=label,
                    marker={"color": colour, "size": [0] * (n - 1) + [7] if n else []},
                    hovertext=[label] * n,
                    hoverinfo="text",
                )
            )
        given = {c.strip: c for c in reversed(cues) if c.t_s <= t_s}  # the first cue to each strip
        data.append(
            go.Scatter(
                x=[pic.strip_positions[s].lon for s in given],
                y=[pic.strip_positions[s].lat for s in given],
                text=[
                    _esc(f"CUE {c.label} {pic.start + timedelta(seconds=c.t_s):%H:%M}Z {c.track_id}")
                    for s, c in given.items()
                ],
            )
        )
        out.append(data)
    return out


def _play_button() -> dict[str, Any]:
    return {
        "type": "buttons",
        "showactive": False,
        "x": 0.0,
        "y": -0.08,
        "xanchor": "left",
        "buttons": [
            {
                "label": "play",
                "method": "animate",
                "args": [
                    None,
                    {"frame": {"duration": 300, "redraw": False}, "fromcurrent": True, "transition": {"duration": 0}},
                ],
            },
            {"label": "pause", "method": "animate", "args": [[None], {"frame": {"duration": 0}, "mode": "immediate"}]},
        ],
    }


def _slider(times: list[float], start: Any) -> dict[str, Any]:
    return {
        "active": len(times) - 1,
        "x": 0.12,
        "len": 0.88,
        "y": -0.02,
        "currentvalue": {"prefix": "time (UTC) "},
        "steps": [
            {
                "label": f"{start + timedelta(seconds=t):%H:%M:%S}",
                "method": "animate",
                "args": [[f"{t:.0f}"], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}],
            }
            for t in times
        ],
    }


_SCRIPT = """
var times = __TIMES__;
var plot = document.getElementById('{plot_id}');
function showUntil(t) {
  var items = document.querySelectorAll('#events li');
  var last = null;
  items.forEach(function (li) {
    var shown = parseFloat(li.dataset.t) <= t;
    li.style.display = shown ? '' : 'none';
    if (shown) { last = li; }
  });
  document.getElementById('now').textContent = 't = ' + Math.round(t) + ' s';
  if (last) { last.scrollIntoView({block: 'nearest'}); }
}
plot.on('plotly_sliderchange', function (e) { showUntil(times[e.slider.active]); });
plot.on('plotly_animatingframe', function (e) { showUntil(parseFloat(e.name)); });
showUntil(times.length ? times[times.length - 1] : 0);
if (window.pageErrors.length) { document.body.dataset.errors = window.pageErrors.join(' | '); }
document.body.dataset.rendered = 'yes';
"""

_PAGE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 0; display: flex; height: 100vh; overflow: hidden; }}
#left {{ flex: 0 0 62%; height: 100vh; order: 1; }}
#right {{ order: 2; flex: 0 0 37%; height: 100vh; overflow-y: auto; border-left: 1px solid #ccc;
  padding: 0 8px; font-size: 12px; }}
#events {{ list-style: none; padding: 0; }}
#events li {{ margin: 2px 0; border-bottom: 1px solid #eee; }}
</style>
<script>
window.pageErrors = [];
function pageError(text) {{
  window.pageErrors.push(text);
  if (document.body) {{ document.body.dataset.errors = window.pageErrors.join(' | '); }}
}}
window.addEventListener('error', function (e) {{ pageError(String(e.message)); }});
window.addEventListener('unhandledrejection', function (e) {{ pageError(String(e.reason)); }});
var consoleError = console.error;
console.error = function () {{ pageError(Array.from(arguments).join(' ')); consoleError.apply(console, arguments); }};
</script>
</head>
<body>
<div id="right">
<h3>{title}</h3>
<p>start {start}; <span id="now"></span>. The engine's timeline up to the slider's time
(changes only; check ids: docs/checks.md).</p>
<ol id="events">
{events}
</ol>
</div>
<div id="left">{plot}</div>
</body>
</html>
"""
