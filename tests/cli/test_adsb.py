"""End to end: `interdict adsb` turns recorded flights into a scenario that validates, simulates and
tracks; bad input exits 2 naming the file, and leaves no scenario behind."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from tests.adsb_rows import rows

runner = CliRunner()


def _csv(path: Path, records: list[dict[str, object]]) -> Path:
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


def test_adsb_then_validate_simulate_and_track(tmp_path: Path) -> None:
    vectors = _csv(tmp_path / "orbit.csv", rows("opensky", stamp_error_s=2.0, duration_s=900.0))
    out = tmp_path / "orbit.yaml"
    result = runner.invoke(app, ["adsb", str(vectors), "--out", str(out), "--at=-12.4,-73.9", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["flights"] == 1 and summary["dialect"] == "OpenSky" and summary["smoothed"] is True
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    plots, tracks = tmp_path / "p.jsonl", tmp_path / "t.jsonl"
    assert runner.invoke(app, ["simulate", str(out), "--out", str(plots)]).exit_code == 0
    result = runner.invoke(app, ["track", "--scenario", str(out), "--plots", str(plots), "--out", str(tracks)])
    assert result.exit_code == 0, result.output
    confirmed = {json.loads(line).get("track_id") for line in tracks.read_text().splitlines()[1:]}
    assert len(confirmed) == 1  # one aircraft, one track through its orbit


def test_as_recorded_keeps_the_positions(tmp_path: Path) -> None:
    vectors = _csv(tmp_path / "orbit.csv", rows("traffic", duration_s=300.0))
    out = tmp_path / "orbit.yaml"
    result = runner.invoke(app, ["adsb", str(vectors), "--out", str(out), "--as-recorded"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "recorded: true" in text and f"lat: {round(rows('traffic')[10]['latitude'], 7)}" in text


def test_bad_input_exits_2_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    bad = _csv(tmp_path / "bad.csv", [{**rows("opensky")[0], "lat": "north"}])
    result = runner.invoke(app, ["adsb", str(bad), "--out", str(out)])
    assert result.exit_code == 2 and str(bad) in result.output and "line 2, lat" in result.output
    assert "Traceback" not in result.output and not out.exists()
    contradicting = _csv(tmp_path / "fast.csv", [{**r, "velocity": 2 * r["velocity"]} for r in rows("opensky")])
    result = runner.invoke(app, ["adsb", str(contradicting), "--out", str(out)])
    assert result.exit_code == 2 and "contradict its positions" in result.output and not out.exists()
    result = runner.invoke(app, ["adsb", str(bad), "--out", str(out), "--at", "somewhere"])
    assert result.exit_code == 2 and "--at" in result.output and not out.exists()


def test_hostile_names_an_airliner_and_an_empty_file(tmp_path: Path) -> None:
    # markup and non-ASCII in the file name and the call sign: kept as text, a valid scenario name
    records = [{**r, "callsign": "[b]X[/b]"} for r in rows("traffic", duration_s=300.0)]
    hostile = tmp_path / "vuelo-año [red].json"
    hostile.write_text(json.dumps(records))
    out = tmp_path / "s.yaml"
    result = runner.invoke(app, ["adsb", str(hostile), "--out", str(out), "--as-recorded"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "name: vuelo-a-o--red" in text and "[red].json" in text and "[b]X[/b]" in text  # kept as text
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    # an explicit name is not rewritten: a bad one is refused by key path
    result = runner.invoke(app, ["adsb", str(hostile), "--out", str(tmp_path / "n.yaml"), "--name", "a b"])
    assert result.exit_code == 2 and "name" in result.output and not (tmp_path / "n.yaml").exists()
    # an airliner at 41,000 ft is above what the format flies: refused, naming the waypoint
    jet = tmp_path / "jet.json"
    jet.write_text(json.dumps([{**r, "altitude": 41_000.0} for r in rows("traffic", duration_s=300.0)]))
    result = runner.invoke(app, ["adsb", str(jet), "--out", str(tmp_path / "j.yaml"), "--as-recorded"])
    assert result.exit_code == 2 and "aircraft[0].route[0].alt_m" in result.output
    assert not (tmp_path / "j.yaml").exists()
    # an empty file says so
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = runner.invoke(app, ["adsb", str(empty), "--out", str(tmp_path / "e.yaml")])
    assert result.exit_code == 2 and "no state vectors" in result.output and "Traceback" not in result.output
