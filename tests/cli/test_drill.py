"""`interdict drill` end to end: exit 0 for a pass, 1 for a fail naming the unsafe actions, 2 for
bad input; the after-action report; `validate` on drill and answers files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app

runner = CliRunner()
DRILLS = Path(__file__).resolve().parents[2] / "interdict" / "examples" / "drills"
BOWERS = str(DRILLS / "bowers-2001.yaml")


def test_the_2001_drill_passes_with_its_model_and_fails_with_hurried_answers(tmp_path: Path) -> None:
    good = runner.invoke(app, ["drill", BOWERS, "--answers", str(DRILLS / "bowers-2001.model.yaml"), "--json"])
    assert good.exit_code == 0, good.output
    assert json.loads(good.stdout)["passed"] is True
    report = tmp_path / "aar"
    bad = runner.invoke(
        app, ["drill", BOWERS, "--answers", str(DRILLS / "bowers-2001.hurried.yaml"), "--report", str(report)]
    )
    assert bad.exit_code == 1
    assert "UNSAFE" in bad.stdout and "intercept_signal on a civil aircraft" in bad.stdout
    text = (report / "report.md").read_text()
    assert "**FAIL**" in text and "## Where the chain should have stopped" in text
    stop = text.split("## Where the chain should have stopped")[1].split("##")[0]
    assert "SC-01, SC-02" in stop  # the checks that said the chain should stop
    for name in ("map.png", "timeline.png"):
        assert (report / name).read_bytes()[:4] == b"\x89PNG"
    verified = runner.invoke(app, ["audit", "verify", str(report / "audit.jsonl")])
    assert verified.exit_code == 0, verified.output


def test_model_answers_are_written_from_the_by_the_book_run(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    result = runner.invoke(app, ["drill", BOWERS, "--write-model", str(out)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["drill", BOWERS, "--answers", str(out)])
    assert again.exit_code == 0, again.output


def test_bad_drill_input_exits_2_naming_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "d.yaml"
    bad.write_text((DRILLS / "bowers-2001.yaml").read_text().replace("aircraft: ob-1408", "aircraft: nobody", 1))
    result = runner.invoke(app, ["drill", str(bad), "--answers", str(DRILLS / "bowers-2001.model.yaml")])
    assert result.exit_code == 2 and "checkpoints[0].aircraft" in result.output and "Traceback" not in result.output
    other = runner.invoke(app, ["drill", BOWERS, "--answers", str(DRILLS / "river-landing.model.yaml")])
    assert other.exit_code == 2 and "these answers are for 'river-landing'" in other.output
    alone = runner.invoke(app, ["drill", BOWERS])  # no terminal in a test
    assert alone.exit_code == 2 and "--answers" in alone.output


def test_validate_checks_drill_and_answers_files(tmp_path: Path) -> None:
    files = sorted(str(p) for p in DRILLS.glob("*.yaml"))
    assert runner.invoke(app, ["validate", *files]).exit_code == 0
    bad = tmp_path / "d.yaml"
    bad.write_text((DRILLS / "bowers-2001.yaml").read_text().replace("ask: choice", "ask: guess"))
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2 and "checkpoints[2].ask" in result.output
