"""End to end: simulate then `interdict track`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_simulate_then_track(tmp_path: Path) -> None:
    scenario = str(SCENARIOS / "crossing-pair.yaml")
    assert runner.invoke(app, ["simulate", scenario, "--out", str(tmp_path / "p.jsonl")]).exit_code == 0
    result = runner.invoke(
        app, ["track", "--scenario", scenario, "--plots", str(tmp_path / "p.jsonl"), "--out", str(tmp_path / "t.jsonl")]
    )
    assert result.exit_code == 0, result.output
    header, *records = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert header["run"]["format"] == "interdict/tracks/1" and header["run"]["scenario"] == "crossing-pair"
    confirmed = {r["track_id"] for r in records if r["status"] == "confirmed"}
    assert len(confirmed) == 2
    first = records[0]
    assert {
        "track_id",
        "t_s",
        "status",
        "east_m",
        "north_m",
        "east_mps",
        "north_mps",
        "lat_deg",
        "lon_deg",
        "covariance",
    } <= set(first)
    assert len(first["covariance"]) == 4 and -12.5 < first["lat_deg"] < -11.0


def test_track_bad_plot_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "p.jsonl").write_text('{"plot_id": 0}\n')
    result = runner.invoke(
        app,
        [
            "track",
            "--scenario",
            str(SCENARIOS / "crossing-pair.yaml"),
            "--plots",
            str(tmp_path / "p.jsonl"),
            "--out",
            str(tmp_path / "t.jsonl"),
        ],
    )
    assert result.exit_code == 2 and "p.jsonl:1" in result.output and "Traceback" not in result.output


def test_simulate_to_asterix_then_track_reads_it(tmp_path: Path) -> None:
    scenario = str(SCENARIOS / "crossing-pair.yaml")
    ast, jsonl = tmp_path / "p.ast", tmp_path / "p.jsonl"
    made = runner.invoke(app, ["simulate", scenario, "--format", "asterix", "--out", str(ast)])
    assert made.exit_code == 0, made.output
    assert runner.invoke(app, ["simulate", scenario, "--out", str(jsonl)]).exit_code == 0
    counts = []
    for plots in (ast, jsonl):  # the format is read off the file's first bytes
        result = runner.invoke(
            app, ["track", "--scenario", scenario, "--plots", str(plots), "--out", str(tmp_path / "t.jsonl"), "--json"]
        )
        assert result.exit_code == 0, result.output
        counts.append({k: json.loads(result.stdout)[k] for k in ("plots", "tracks")})
    assert counts[0] == counts[1] == {"plots": 1211, "tracks": 2}
    broken = tmp_path / "b.ast"
    broken.write_bytes(ast.read_bytes()[:-3])
    bad = runner.invoke(
        app, ["track", "--scenario", scenario, "--plots", str(broken), "--out", str(tmp_path / "u.jsonl")]
    )
    assert bad.exit_code == 2 and "byte" in bad.output and "Traceback" not in bad.output
