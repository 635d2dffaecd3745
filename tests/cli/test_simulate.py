"""End to end: `interdict simulate` is deterministic and writes plots and truth."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from interdict.io.plots_jsonl import read_plots
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_simulate_is_byte_identical_per_seed(tmp_path: Path) -> None:
    args = ["simulate", str(SCENARIOS / "crossing-pair.yaml"), "--seed", "5"]
    r1 = runner.invoke(app, [*args, "--out", str(tmp_path / "a.jsonl"), "--truth", str(tmp_path / "t.jsonl")])
    r2 = runner.invoke(app, [*args, "--out", str(tmp_path / "b.jsonl")])
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert "seed 5" in r1.output and "detections of narco-2" in r1.output
    plots = list(read_plots(tmp_path / "a.jsonl"))
    header, *truth = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert header["run"] == {**header["run"], "format": "interdict/truth/1", "seed": 5}
    links = [r for r in truth if r["kind"] == "plot"]
    assert [r["plot_id"] for r in links] == [p.plot_id for p in plots]
    assert {r["aircraft_id"] for r in links} == {None, "taxi-2", "narco-2"}
    assert any(r["kind"] == "scan" and len(r["states"]) == 2 for r in truth)


def test_simulate_bad_scenario_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: interdict/1\n")
    result = runner.invoke(app, ["simulate", str(bad), "--out", str(tmp_path / "p.jsonl")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "name" in result.output
