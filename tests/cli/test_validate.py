"""End to end: `interdict validate` and `interdict schema`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_validate_all_bundled() -> None:
    result = runner.invoke(app, ["validate", *map(str, sorted(SCENARIOS.glob("*.yaml")))])
    assert result.exit_code == 0, result.output
    assert result.output.count(": ok") == len(list(SCENARIOS.glob("*.yaml")))


def test_validate_bad_file_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((SCENARIOS / "vraem-shuttle.yaml").read_text().replace("seed: 42", "sed: 42"))
    result = runner.invoke(app, ["validate", str(bad), str(tmp_path / "missing.yaml"), str(tmp_path)])
    assert result.exit_code == 2
    assert "sed: unknown key" in result.output and "seed: " in result.output
    assert "missing.yaml" in result.output and "directory" in result.output
    assert "Traceback" not in result.output


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "aircraft" in schema["properties"]


def test_version() -> None:
    from interdict import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"interdict {__version__}\n"


def test_validate_warns_of_coverage_gaps_and_exits_0(tmp_path: Path) -> None:
    text = (SCENARIOS / "bowers-2001.yaml").read_text()
    gap = tmp_path / "gap.yaml"
    gap.write_text(text.replace("    serves: [SPQT]\n", ""))
    result = runner.invoke(app, ["validate", "--json", str(gap)])
    assert result.exit_code == 0
    header, record = (json.loads(line) for line in result.stdout.splitlines())
    assert header["run"]["format"] == "interdict/validation/1"
    assert record["ok"] and any("no ATS unit serves SPQT" in w for w in record["warnings"])
    assert (
        json.loads(
            runner.invoke(app, ["validate", "--json", str(SCENARIOS / "bowers-2001.yaml")]).stdout.splitlines()[1]
        )["warnings"]
        == []
    )
