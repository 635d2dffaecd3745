"""The operator's map: readable (no label over another label or a labelled symbol), with its base
layers, a legend for every symbol, clock times, and the ground cue where there is one."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from interdict.bench.suites import document_of
from interdict.engine.ladder import Rung
from interdict.reference.basemap import load_basemap
from interdict.replay.loop import ReplayResult, run_replay
from interdict.replay.map import RUNG_COLOURS, STRIP_MARKERS, MapFigure, draw_map, track_paths, write_map
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS


def _assert_readable(drawn: MapFigure) -> None:
    renderer = drawn.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [label.get_window_extent(renderer) for label in drawn.labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    for box, symbol in itertools.product(boxes, drawn.symbols):
        assert not box.overlaps(symbol)
    axes = drawn.figure.axes[0].get_window_extent(renderer)
    assert all(axes.x0 <= b.x0 and b.x1 <= axes.x1 and axes.y0 <= b.y0 and b.y1 <= axes.y1 for b in boxes)


@pytest.fixture(scope="module")
def shuttle() -> ReplayResult:
    scenario = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
    return run_replay(scenario, seed=scenario.seed, until_s=2600.0)


def test_the_shuttle_map_is_readable_with_base_layers_and_a_legend(shuttle: ReplayResult) -> None:
    drawn = draw_map(shuttle)
    _assert_readable(drawn)
    ax = drawn.figure.axes[0]
    texts = [t.get_text() for t in drawn.labels]
    first = shuttle.report["aircraft"]["narco-1"]["tracks"][0]  # type: ignore[index]
    assert any(t.startswith(f"{first} 10:32") for t in texts)  # track id and clock time at its start
    assert {"cl-llochegua-03", "SPMF", "psr-mazamari"} <= set(texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert all(f"track, highest rung {r.value}" in legend for r in RUNG_COLOURS)
    assert all(text in legend for _, _, text in STRIP_MARKERS.values())
    assert "river (Natural Earth)" in legend and "ground cue" in legend
    lon0, lon1 = ax.get_xlim()
    lat0, lat1 = ax.get_ylim()
    assert lon1 - lon0 < 3.0 and lat1 - lat0 < 3.0  # the extent is the tracks and strips, not the radar's disc
    inside = [(r[:, 0] > lon0) & (r[:, 0] < lon1) & (r[:, 1] > lat0) & (r[:, 1] < lat1) for r in load_basemap().rivers]
    rivers_in_view = [r for r in inside if r.any()]
    assert rivers_in_view  # the Apurimac-Ene runs through the VRAEM
    assert "10:30:00" in ax.get_title() and "11:13:20" in ax.get_title()  # start and --until, UTC


def test_a_crowded_picture_hides_labels_rather_than_overlap_them(shuttle: ReplayResult) -> None:
    small = draw_map(shuttle, figsize=(4.0, 4.0))
    _assert_readable(small)
    assert small.hidden > 0


def test_the_ground_cue_is_drawn_with_its_time_team_and_lead(tmp_path: object) -> None:
    scenario = Scenario.model_validate(document_of("traffic", 3001))  # a bench run that cues (seed 3001)
    result = run_replay(scenario, seed=3001, until_s=2300.0)
    assert any(r.rung is Rung.GROUND_CUE for s in result.steps for r in s.recommendations)
    drawn = draw_map(result)
    _assert_readable(drawn)
    cues = [t.get_text() for t in drawn.labels if t.get_text().startswith("CUE ")]
    assert len(cues) == 1 and "Z " in cues[0] and ("lead" in cues[0] or "landed" in cues[0])


def test_write_map_writes_a_png(shuttle: ReplayResult, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "m.png"
    write_map(path, shuttle)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_picture_without_tracks_draws_and_pages(tmp_path: Path) -> None:
    from interdict.replay.html import html_page

    scenario = load_scenario(SCENARIOS / "crossing-pair.yaml")
    result = run_replay(scenario, seed=11, until_s=20.0)  # before any track is confirmed
    assert not track_paths(result)
    drawn = draw_map(result)
    _assert_readable(drawn)
    assert {"SPMF", "psr-mazamari"} <= {t.get_text() for t in drawn.labels}  # strips and radar still set the extent
    write_map(tmp_path / "m.png", result)
    assert html_page(result).startswith("<!DOCTYPE html>")
