"""Every command has `--json`, and what it prints is JSON with a run header where a run applies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


def _commands(group: Any, prefix: str = "") -> dict[str, Any]:
    """Every command under a (typer) click group, by its full name."""
    found: dict[str, Any] = {}
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            found |= _commands(cmd, f"{prefix}{name} ")
        else:
            found[f"{prefix}{name}"] = cmd
    return found


def test_every_command_has_json() -> None:
    commands = _commands(typer.main.get_command(app))
    assert {"replay", "simulate", "track", "validate", "audit verify", "bench"} <= set(commands)
    without = [n for n, c in commands.items() if n != "schema" and not any("--json" in p.opts for p in c.params)]
    assert without == []


def test_replay_json_is_one_document_with_its_run_header() -> None:
    result = runner.invoke(app, ["replay", "--example", "crossing-pair", "--until", "400", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["run"]["scenario"] == "crossing-pair" and doc["run"]["seed"] == 11
    assert len(doc["run"]["scenario_sha256"]) == 64 and doc["run"]["interdict_version"]
    assert {"events", "board", "report"} <= set(doc)
    assert all({"track_id", "lat_deg", "lon_deg", "rung", "blocked_by"} <= set(row) for row in doc["board"])


def test_validate_json_names_every_problem_by_key_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((SCENARIOS / "crossing-pair.yaml").read_text().replace("scan_period_s: 10", "scan_period_s: -1"))
    result = runner.invoke(app, ["validate", str(SCENARIOS / "bowers-2001.yaml"), str(bad), "--json"])
    assert result.exit_code == 2
    header, good, wrong = (json.loads(line) for line in result.stdout.splitlines())
    assert header["run"]["format"] == "interdict/validation/1"  # JSON lines: the header first
    assert good["ok"] and good["scenario"] == "bowers-2001"
    assert not wrong["ok"] and any("scan_period_s" in p for p in wrong["problems"])


def test_audit_keygen_and_verify_json(tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    made = json.loads(runner.invoke(app, ["audit", "keygen", "--out", str(key), "--json"]).stdout)
    assert made["public_key"].endswith(".pub") and made["fingerprint"].startswith("sha256:")
    assert made["run"]["format"] == "interdict/keygen/1"
    log = tmp_path / "a.jsonl"
    args = ["replay", "--example", "crossing-pair", "--until", "200", "--audit", str(log), "--signing-key", str(key)]
    assert runner.invoke(app, args).exit_code == 0
    verdict = runner.invoke(app, ["audit", "verify", str(log), "--public-key", made["public_key"], "--json"])
    checked = json.loads(verdict.stdout)
    assert verdict.exit_code == 0 and checked["ok"] is True
    assert checked["run"]["format"] == "interdict/verification/1" and len(checked["run"]["inputs"]["audit"]) == 64
    first = json.loads(log.read_text().splitlines()[0])["payload"]  # the audit header: its inputs and bound
    assert first["until_s"] == 200 and set(first["inputs"]) == {"scenario"} and len(first["inputs"]["scenario"]) == 64
