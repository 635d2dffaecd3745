"""The tracker comparison's own parts: the targets and plots both trackers get, interdict's side, and
a clear error when Stone Soup is not installed."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from interdict.bench.targets import CLUTTER, DURATION_S, SCAN_S, make_plots, truth_paths
from interdict.bench.trackers import run_interdict, summarise
from interdict.cli import app

runner = CliRunner()


def test_targets_turn_at_standard_rate_and_stay_in_the_area() -> None:
    paths = truth_paths(8, np.random.default_rng(3))
    speed = np.hypot(paths[:, :, 2], paths[:, :, 3])
    heading = np.unwrap(np.arctan2(paths[:, :, 2], paths[:, :, 3]), axis=1)
    assert np.all((speed > 49.9) & (speed < 80.1))
    assert np.abs(np.diff(heading, axis=1)).max() <= np.radians(3.0) + 1e-9  # 3°/s at most
    assert np.abs(paths[:, :, :2]).max() < 100_000.0
    np.testing.assert_array_equal(paths, truth_paths(8, np.random.default_rng(3)))


def test_interdict_tracks_every_target_well_under_the_plot_error() -> None:
    rng = np.random.default_rng([1, 6])
    paths = truth_paths(6, rng)
    scans = make_plots(paths, rng)
    assert len(scans) == int(DURATION_S / SCAN_S) and all(len(s) >= CLUTTER for s in scans)
    row = summarise(*run_interdict(scans), sum(map(len, scans)), paths)
    assert row["tracked_truths"] == 6 and row["false_tracks"] <= 1
    assert row["rmse_m"] < 200.0  # the plots' own error at 50-100 km: 50 m in range, 175-350 m across
    assert row["identity_switches"] <= 6  # crossings in 30 minutes of six manoeuvring aircraft


def test_without_stone_soup_the_comparison_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "stonesoup.dataassociator.neighbour", None)
    result = runner.invoke(app, ["bench-trackers", "--targets", "2", "--tuning-targets", "1", "--q", "10"])
    assert result.exit_code == 2 and "needs Stone Soup" in result.stderr and "Traceback" not in result.output


def test_bench_cost_reports_every_hour(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "cost.json"  # type: ignore[operator]
    result = runner.invoke(app, ["bench-cost", "--hours", "2", "--residents", "2", "--json", str(path)])
    assert result.exit_code == 0, result.output
    assert "hour  1:" in result.stdout and "hour  2:" in result.stdout and "last hour / first hour" in result.stdout
    import json

    figures = json.loads(path.read_text())  # type: ignore[attr-defined]
    assert [r["hour"] for r in figures["per_hour"]] == [1, 2] and all(r["steps"] >= 359 for r in figures["per_hour"])
    assert figures["per_hour"][1]["mean_live_tracks"] >= 2
    bad = runner.invoke(app, ["bench-cost", "--hours", "0.5"])
    assert bad.exit_code == 2 and "--hours" in bad.stderr
