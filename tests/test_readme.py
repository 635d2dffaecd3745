"""The README's examples run and print what the README shows; the Python example runs."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_the_operator_sample_is_what_the_replay_prints() -> None:
    command = re.search(r"`interdict (replay --example bowers-2001)`", README)
    sample = re.search(r"## What an operator sees.*?```text\n(.*?)```", README, flags=re.DOTALL)
    assert command is not None and sample is not None
    result = CliRunner().invoke(app, command.group(1).split())
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    lines = sample.group(1).splitlines()
    start = printed.index(lines[0])
    assert printed[start : start + len(lines)] == lines  # the sample, line for line, in order


def test_the_python_example_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["example_api.py", str(tmp_path / "m.png")])
    runpy.run_path(str(ROOT / "docs" / "example_api.py"), run_name="__main__")
    printed = capsys.readouterr().out
    assert re.search(r"T\d{4}", printed) and "wrongful escalations: 0" in printed
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"


def test_every_command_in_the_table_exists() -> None:
    table = re.findall(r"^\| `interdict ([a-z-]+(?: [a-z]+)?)", README, flags=re.MULTILINE)
    assert table
    for name in table:
        result = CliRunner().invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name
