"""Bad options end in exit 2, a message naming the option and what was expected, no traceback,
before any work and without leaving a file behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()
BOWERS = str(SCENARIOS / "bowers-2001.yaml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "{d}/m.txt"], "--map {d}/m.txt: expected a file ending in .png"),
        (["--until", "-5"], "--until -5: expected a time after the start"),
        (["--until", "nan"], "--until nan: expected a time after the start"),
        (["--until", "99999"], "--until 99999: the scenario lasts"),
        (["--events", "{d}/missing/e.jsonl"], "the folder {d}/missing does not exist"),
        (["--report", "{d}"], "expected a file ending in .json"),
        (["--audit", "-"], "--audit: '-' (standard output) is not possible here"),
        (["--signing-key", "{d}/k"], "--signing-key: give --audit FILE too"),
        (["--audit", "{d}/a.jsonl", "--signing-key", "{d}/no-such-key"], "cannot read the signing key"),
    ],
)
def test_bad_replay_options_exit_2_and_leave_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["replay", BOWERS, *(a.format(d=tmp_path) for a in args)])
    assert result.exit_code == 2, result.output
    assert message.format(d=tmp_path) in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_report_goes_to_standard_output_alone(tmp_path: Path) -> None:
    result = runner.invoke(app, ["replay", BOWERS, "--until", "300", "--report", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["totals"]["wrongful_escalations"] == 0  # the JSON only, no timeline
    assert not Path("-").exists()
    both = runner.invoke(app, ["replay", BOWERS, "--events", "-", "--report", "-"])
    assert both.exit_code == 2 and "only one output can go to standard output" in both.output


def test_a_failing_track_leaves_no_output(tmp_path: Path) -> None:
    plots = tmp_path / "p.jsonl"
    plots.write_text(
        '{"plot_id": 0, "radar_id": "psr-iquitos", "t_s": 5.0, "range_m": 1000.0, "azimuth_rad": 0.1}\n'
        '{"plot_id": 1, "radar_id": "nowhere", "t_s": 6.0, "range_m": 1000.0, "azimuth_rad": 0.1}\n'
    )
    out = tmp_path / "t.jsonl"
    result = runner.invoke(app, ["track", "--scenario", BOWERS, "--plots", str(plots), "--out", str(out)])
    assert result.exit_code == 2 and "nowhere" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jsonl"]


def test_simulate_refuses_an_unsupported_extension_before_simulating(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", BOWERS, "--out", str(tmp_path / "plots.csv")])
    assert result.exit_code == 2 and "expected a file ending in .jsonl" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", BOWERS, "--out", "-"],
        ["replay", BOWERS, "--events", "-"],
    ],
)
def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(args: list[str]) -> None:
    """`interdict simulate --out - | head -1`: exit 0 and nothing on standard error, as Unix tools do."""
    import subprocess
    import sys

    run = subprocess.Popen([sys.executable, "-m", "interdict", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stderr is not None
    assert json.loads(run.stdout.readline())["run"]["format"]
    run.stdout.close()
    error = run.stderr.read().decode()
    assert run.wait(timeout=120) == 0 and "Broken pipe" not in error and "Traceback" not in error


@pytest.mark.parametrize(
    "args",
    [
        ["replay", BOWERS, "--seed", "-1"],
        ["simulate", BOWERS, "--out", "p.jsonl", "--seed", str(2**63)],
        ["bench", "quick", "--seed", "-1"],
        ["bench", "quick", "--scheduler", "nonsense"],
    ],
)
def test_seeds_and_scheduler_addresses_out_of_range_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
