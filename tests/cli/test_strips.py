"""End to end: `interdict strips report` over a replay, as JSON and as Markdown; bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_strips_report_over_a_replay(tmp_path: Path) -> None:
    md = tmp_path / "strips.md"
    result = runner.invoke(
        app, ["strips", "report", str(SCENARIOS / "vraem-shuttle.yaml"), "--seed", "3", "--json", "--out", str(md)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_id = {s["strip"]: s for s in data["strips"]}
    assert by_id["cl-llochegua-03"]["landings"] == 1 and by_id["cl-llochegua-03"]["flights"] == 1
    assert data["ranking"][0]["strip"] == "cl-llochegua-03" and data["ranking"][0]["rank"] == 1
    assert all(r["kind"] == "clandestine" for r in data["ranking"])
    text = md.read_text()
    assert "| 1 | cl-llochegua-03 | clandestine | active | 1 |" in text


def test_strips_report_refuses_bad_input_without_traceback(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["strips", "report", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    wrong = runner.invoke(app, ["strips", "report", str(SCENARIOS / "vraem-shuttle.yaml"), "--out", "x.txt"])
    assert wrong.exit_code == 2 and "--out" in wrong.output and not Path("x.txt").exists()
