"""End to end: `interdict audit keygen`, a signed `replay`, `audit verify --public-key`, `audit show`
(which rebuilds the replay's events from the log alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


@pytest.fixture(scope="module")
def signed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("run")
    made = runner.invoke(app, ["audit", "keygen", "--out", str(d / "ops.key")])
    assert made.exit_code == 0, made.output
    assert "fingerprint sha256:" in made.output and (d / "ops.key.pub").exists()
    replayed = runner.invoke(
        app,
        [
            "replay",
            str(SCENARIOS / "adversarial" / "scripted-wrong.yaml"),
            "--until",
            "1500",
            "--audit",
            str(d / "a.jsonl"),
            "--signing-key",
            str(d / "ops.key"),
            "--events",
            str(d / "e.jsonl"),
        ],
    )
    assert replayed.exit_code == 0, replayed.output
    assert "audit signed" in replayed.output
    return d


def test_a_signed_log_verifies_with_its_public_key(signed_run: Path) -> None:
    ok = runner.invoke(
        app, ["audit", "verify", str(signed_run / "a.jsonl"), "--public-key", str(signed_run / "ops.key.pub")]
    )
    assert ok.exit_code == 0 and "checkpoints and the footer signed" in ok.output
    unchecked = runner.invoke(app, ["audit", "verify", str(signed_run / "a.jsonl")])
    assert unchecked.exit_code == 3 and unchecked.output.startswith("UNVERIFIED: ")
    assert "signature NOT verified" in unchecked.output and "OK" not in unchecked.output
    as_json = runner.invoke(app, ["audit", "verify", str(signed_run / "a.jsonl"), "--json"])
    verdict = json.loads(as_json.output)
    assert as_json.exit_code == 3 and verdict["verdict"] == "UNVERIFIED" and verdict["ok"] is False


def test_a_forged_log_fails_with_exit_1(signed_run: Path, tmp_path: Path) -> None:
    from interdict.core.jsonable import canonical_json
    from interdict.io.audit import GENESIS, record_digest

    records = [json.loads(line) for line in (signed_run / "a.jsonl").read_text().splitlines()]
    prev, lines = GENESIS, []
    for original in records:  # IDENTIFY rewritten as INTERCEPT_INSTRUCT, every hash recomputed
        r = json.loads(json.dumps(original).replace('"IDENTIFY"', '"INTERCEPT_INSTRUCT"'))
        r["prev_sha256"] = prev
        if r["kind"] == "checkpoint":
            r["payload"]["head_sha256"] = prev
        r["sha256"] = record_digest(r)
        prev = r["sha256"]
        lines.append(canonical_json(r) + "\n")
    forged = tmp_path / "forged.jsonl"
    forged.write_text("".join(lines))
    alone = runner.invoke(app, ["audit", "verify", str(forged)])  # the chain alone is fooled, so it says
    assert alone.exit_code == 3 and "signature NOT verified" in alone.output  # the signature was not checked
    bad = runner.invoke(app, ["audit", "verify", str(forged), "--public-key", str(signed_run / "ops.key.pub")])
    assert bad.exit_code == 1 and "BROKEN" in bad.output and "does not verify" in bad.output


def test_show_rebuilds_the_replay_events_from_the_log_alone(signed_run: Path) -> None:
    shown = runner.invoke(app, ["audit", "show", str(signed_run / "a.jsonl"), "--json"])
    assert shown.exit_code == 0, shown.output
    assert shown.output == (signed_run / "e.jsonl").read_text()
    text = runner.invoke(app, ["audit", "show", str(signed_run / "a.jsonl")])
    assert text.exit_code == 0 and "signed by sha256:" in text.output and "operator procedures judged" in text.output
    assert "[/b]" in text.output  # the dissent's markup shown as written, never interpreted
    early = runner.invoke(app, ["audit", "show", str(signed_run / "a.jsonl"), "--until", "100", "--json"])
    assert early.exit_code == 0 and all(json.loads(line)["t_s"] <= 100 for line in early.output.splitlines()[1:])


def test_show_refuses_a_broken_log(signed_run: Path, tmp_path: Path) -> None:
    broken = tmp_path / "b.jsonl"
    broken.write_text((signed_run / "a.jsonl").read_text().replace("SC-", "SX-", 1))
    result = runner.invoke(app, ["audit", "show", str(broken)])
    assert result.exit_code == 2 and "does not verify" in result.output


def test_keygen_refuses_to_overwrite(signed_run: Path) -> None:
    again = runner.invoke(app, ["audit", "keygen", "--out", str(signed_run / "ops.key")])
    assert again.exit_code == 2 and "never overwritten" in again.output


def test_empty_missing_and_foreign_logs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = runner.invoke(app, ["audit", "verify", str(empty)])
    assert result.exit_code == 1 and "the audit log is empty" in result.output
    missing = runner.invoke(app, ["audit", "verify", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "cannot read the audit log" in missing.output
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    shown = runner.invoke(app, ["audit", "show", str(binary)])
    assert shown.exit_code == 2 and "not UTF-8" in shown.output and "Traceback" not in shown.output
    foreign = tmp_path / "f.jsonl"
    foreign.write_text('{"seq": 0}\n')
    assert runner.invoke(app, ["audit", "verify", str(foreign)]).exit_code == 1


def test_the_run_identity_holds_the_plots_read_and_the_bound(tmp_path: Path) -> None:
    """A log of the engine on a doctored plot file never shares its header with the real run's: the
    header carries the SHA-256 of every input read, and `--until`."""
    scenario = str(SCENARIOS / "crossing-pair.yaml")
    plots = tmp_path / "p.jsonl"
    assert runner.invoke(app, ["simulate", scenario, "--out", str(plots)]).exit_code == 0
    doctored = tmp_path / "d.jsonl"
    lines = plots.read_text().splitlines()
    doctored.write_text("\n".join(lines[: len(lines) // 2]) + "\n")

    def header(source: Path, until: str) -> dict[str, object]:
        log = tmp_path / f"{source.stem}-{until}.jsonl"
        args = ["replay", scenario, "--plots", str(source), "--until", until, "--audit", str(log)]
        assert runner.invoke(app, args).exit_code == 0
        return dict(json.loads(log.read_text().splitlines()[0])["payload"])

    real, fake = header(plots, "600"), header(doctored, "600")
    assert real["inputs"]["plots"] != fake["inputs"]["plots"]  # type: ignore[index]
    assert real["inputs"]["scenario"] == fake["inputs"]["scenario"] and real["until_s"] == 600  # type: ignore[index]
    assert header(plots, "300")["until_s"] == 300
