"""Plot JSON-lines I/O: round trip and errors that name the line and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interdict.contract.plots import Plot
from interdict.core.errors import OutOfOrderPlotError, PlotFileError
from interdict.io.header import run_header
from interdict.io.plots_jsonl import read_plots, write_plots

HEADER = run_header("plots", scenario="s", scenario_sha256="0" * 64, seed=1)


def test_round_trip(tmp_path: Path) -> None:
    plots = [
        Plot(plot_id=0, radar_id="r", t_s=1.5, range_m=1000.25, azimuth_rad=0.1),
        Plot(
            plot_id=1,
            radar_id="r",
            t_s=2.0,
            range_m=2000.0,
            azimuth_rad=6.2,
            elevation_rad=None,
            mode_a="7600",
            mode_c_alt_ft=4500.0,
        ),
    ]
    path = tmp_path / "p.jsonl"
    assert write_plots(path, plots, HEADER) == 2
    assert json.loads(path.read_text().splitlines()[0]) == HEADER  # the run header comes first ...
    assert list(read_plots(path)) == plots  # ... and the reader skips it


@pytest.mark.parametrize(
    ("line", "match"),
    [
        (
            '{"plot_id": 0, "radar_id": "r", "t_s": 1, "range_m": "far", "azimuth_rad": 0}',
            r":2.range_m: expected a finite",
        ),
        ('{"plot_id": 0, "radar_id": "r", "t_s": 1, "azimuth_rad": 0}', r":2: missing keys \['range_m'\]"),
        ('{"plot_id": 0, "radar_id": "r", "t_s": 1, "range_m": 5, "azimuth_rad": 0, "mode_a": 1200}', r":2.mode_a"),
        ("not json", r":2: not valid JSON"),
    ],
)
def test_bad_line_names_line_and_field(tmp_path: Path, line: str, match: str) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"plot_id": 0, "radar_id": "r", "t_s": 0, "range_m": 5, "azimuth_rad": 0}\n' + line + "\n")
    with pytest.raises(PlotFileError, match=match):
        list(read_plots(path))


def test_out_of_order_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    write_plots(
        path,
        [
            Plot(plot_id=0, radar_id="r", t_s=5.0, range_m=1.0, azimuth_rad=0.0),
            Plot(plot_id=1, radar_id="r", t_s=4.0, range_m=1.0, azimuth_rad=0.0),
        ],
        HEADER,
    )
    with pytest.raises((OutOfOrderPlotError, PlotFileError), match="t_s"):
        list(read_plots(path))


def test_a_run_header_counts_only_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    plot = '{"plot_id": 0, "radar_id": "r", "t_s": 0, "range_m": 5, "azimuth_rad": 0}'
    path.write_text(plot + "\n" + json.dumps(HEADER) + "\n")
    with pytest.raises(PlotFileError, match=":2: missing keys"):
        list(read_plots(path))
