"""End to end: `interdict replay` with every output, and `interdict audit verify`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_replay_writes_everything_and_the_audit_verifies(tmp_path: Path) -> None:
    out = {
        k: tmp_path / f"{k}.{ext}"
        for k, ext in (("events", "jsonl"), ("audit", "jsonl"), ("report", "json"), ("map", "png"), ("html", "html"))
    }
    result = runner.invoke(
        app,
        [
            "replay",
            str(SCENARIOS / "bowers-2001.yaml"),
            "--seed",
            "2",
            "--until",
            "1200",
            *(a for k, p in out.items() for a in (f"--{k}", str(p))),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "SC-01" in result.output and "seed 2" in result.output
    report = json.loads(out["report"].read_text())
    assert report["aircraft"]["ob-1408"]["max_rung"] in ("MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID")
    assert out["map"].read_bytes()[:4] == b"\x89PNG"
    assert out["html"].read_text().startswith("<!DOCTYPE html>")
    kinds = {json.loads(line)["kind"] for line in out["events"].read_text().splitlines()[1:]}
    assert {"track_confirmed", "recommendation_changed", "evidence_added"} <= kinds
    ok = runner.invoke(app, ["audit", "verify", str(out["audit"])])
    assert ok.exit_code == 0 and "OK" in ok.output
    lines = out["audit"].read_text().splitlines(keepends=True)
    out["audit"].write_text("".join(lines[:3] + lines[4:]))
    bad = runner.invoke(app, ["audit", "verify", str(out["audit"])])
    assert bad.exit_code == 1 and "first bad record 3" in bad.output
    missing = runner.invoke(app, ["audit", "verify", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_replay_bad_scenario_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: interdict/2\n")
    result = runner.invoke(app, ["replay", str(bad)])
    assert result.exit_code == 2 and "format" in result.output and "Traceback" not in result.output


def test_replay_runs_a_shipped_example_by_name() -> None:
    result = runner.invoke(app, ["replay", "--example", "crossing-pair", "--until", "300"])
    assert result.exit_code == 0, result.output
    assert "crossing-pair  start 2025-06-05 14:00:00 UTC" in result.output
    unknown = runner.invoke(app, ["replay", "--example", "no-such"])
    assert unknown.exit_code == 2 and "vraem-shuttle" in unknown.output and "Traceback" not in unknown.output
    both = runner.invoke(app, ["replay", str(SCENARIOS / "bowers-2001.yaml"), "--example", "crossing-pair"])
    assert both.exit_code == 2 and "one of them" in both.output


def test_replay_runs_the_engine_on_recorded_plots(tmp_path: Path) -> None:
    scenario = str(SCENARIOS / "crossing-pair.yaml")
    jsonl, ast = tmp_path / "p.jsonl", tmp_path / "p.ast"
    assert runner.invoke(app, ["simulate", scenario, "--out", str(jsonl)]).exit_code == 0
    assert runner.invoke(app, ["simulate", scenario, "--format", "asterix", "--out", str(ast)]).exit_code == 0
    events = {}
    for name, args in (("sim", []), ("jsonl", ["--plots", str(jsonl)]), ("ast", ["--plots", str(ast)])):
        out = tmp_path / f"{name}.jsonl"
        result = runner.invoke(app, ["replay", scenario, *args, "--events", str(out)])
        assert result.exit_code == 0, result.output
        events[name] = out.read_text()
    assert events["jsonl"] == events["sim"]  # the same plots, from a file: the same decisions, byte for byte
    assert '"kind":"recommendation_changed"' in events["ast"]  # ASTERIX's resolution may move a decision by a scan
    alien = tmp_path / "alien.jsonl"
    alien.write_text(jsonl.read_text().replace("psr-mazamari", "psr-elsewhere"))
    bad = runner.invoke(app, ["replay", scenario, "--plots", str(alien)])
    assert bad.exit_code == 2 and "psr-elsewhere" in bad.output and "Traceback" not in bad.output
