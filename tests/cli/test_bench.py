"""End to end: `interdict bench` (the quick suite as CI runs it, a failing run, bad options, one run
reproduced from its printed command) and `interdict score`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from interdict.bench.report import FILES
from interdict.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_quick_suite_asserts_zero_civil_escalations(tmp_path: Path) -> None:
    out = tmp_path / "quick"
    result = runner.invoke(app, ["bench", "quick", "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "| 0 | 0 | 0 | 0 |" in result.stdout  # escalated, cued, intercepted, told to land
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    agg = json.loads((out / "aggregate.json").read_text())
    prov, res = agg["provenance"], agg["results"]
    assert prov["suite"] == "quick" and prov["seeds"] == [1, 24] and len(prov["rules_sha256"]) == 64
    assert prov["interdict_version"] and "engine_config" in prov
    assert res["runs"] == 24 and res["safety"]["wrongful_escalations"] == 0 and res["safety"]["failures"] == []
    assert set(res["by_family"]) >= {"traffic", "swap", "crowded_valley"}
    assert res["tracking"]["gospa_m"]["lo"] < res["tracking"]["gospa_m"]["mean"] < res["tracking"]["gospa_m"]["hi"]
    records = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]
    assert [r["seed"] for r in records] == list(range(1, 25))
    assert all(r["provenance"]["rules_sha256"] == prov["rules_sha256"] for r in records)
    assert all(r["reproduce"] == f"interdict bench {r['family']} --runs 1 --seed {r['seed']}" for r in records)
    assert (out / "gospa_over_time.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_run_is_reproduced_by_its_printed_command(tmp_path: Path) -> None:
    args = [
        "bench",
        "standard",
        "--runs",
        "3",
        "--seed",
        "40",
        "--workers",
        "1",
        "--set",
        "tracker.gate_d2=16",
        "--out",
        str(tmp_path / "a"),
    ]
    assert runner.invoke(app, args).exit_code == 0
    third = json.loads((tmp_path / "a" / "runs.jsonl").read_text().splitlines()[2])
    command = third["reproduce"].split()
    assert command[:2] == ["interdict", "bench"] and "--set" in command
    again = runner.invoke(app, [*command[1:], "--out", str(tmp_path / "b"), "--scenarios", str(tmp_path / "s")])
    assert again.exit_code == 0, again.output
    alone = json.loads((tmp_path / "b" / "runs.jsonl").read_text())
    same = ("tracking", "destinations", "cues", "totals", "ladder", "family", "seed")
    assert {k: alone[k] for k in same} == {k: third[k] for k in same}
    written = tmp_path / "s" / f"{third['family']}-{third['seed']}.yaml"
    replay = runner.invoke(app, ["replay", str(written), "--seed", str(third["seed"])])
    assert replay.exit_code == 0, replay.output


def test_a_civil_aircraft_harmed_fails_the_bench_and_names_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from interdict.bench import executor
    from interdict.bench.run import run_one
    from interdict.bench.suites import RunSpec

    def harmed(spec: RunSpec) -> dict[str, Any]:
        record = run_one(spec)
        record["totals"]["civil_intercepted"] = 1
        record["civil_harmed"] = ["late-filer"]
        return record

    monkeypatch.setattr(executor, "run_one", harmed)
    result = runner.invoke(app, ["bench", "late_plan", "--runs", "1", "--seed", "9", "--workers", "1"])
    assert result.exit_code == 1
    assert "SAFETY VIOLATION in run 0 (late_plan, seed 9): civil or state aircraft harmed: late-filer" in result.stderr
    assert "reproduce: interdict bench late_plan --runs 1 --seed 9" in result.stderr


def test_people_sent_without_a_stated_ground_fail_the_bench(monkeypatch: pytest.MonkeyPatch) -> None:
    from interdict.bench import executor
    from interdict.bench.run import run_one
    from interdict.bench.suites import RunSpec

    def groundless(spec: RunSpec) -> dict[str, Any]:
        record = run_one(spec)
        record["totals"]["sent_without_grounds"] = 2
        return record

    monkeypatch.setattr(executor, "run_one", groundless)
    result = runner.invoke(app, ["bench", "late_plan", "--runs", "1", "--seed", "9", "--workers", "1"])
    assert result.exit_code == 1
    assert "harmed: none; climbs without a stated ground: 2" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["bench", "huge"], "SUITE: unknown suite or family 'huge'; known: quick, standard, stress"),
        (["bench", "quick", "--runs", "0"], "expected at least 1"),
        (["bench", "quick", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "give one"),
        (["bench", "quick", "--set", "tracker.q=1"], "--set tracker.q: unknown setting"),
        (["bench", "quick", "--set", "tracker.gate_d2=inf"], "expected a finite number"),
        (["bench", "quick", "--out", "/no/such/folder/x"], "--out /no/such/folder/x"),
    ],
)
def test_bad_options_exit_2_before_any_run(args: list[str], says: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and says in result.stderr and "Traceback" not in result.output
    assert "bench quick:" not in result.stderr  # refused before the runs were announced


def test_an_unreachable_scheduler_is_a_clean_error() -> None:
    result = runner.invoke(app, ["bench", "late_plan", "--runs", "1", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--scheduler tcp://127.0.0.1:1: cannot reach the Dask scheduler" in result.stderr


def test_score_prints_a_table_or_json(tmp_path: Path) -> None:
    scenario = str(SCENARIOS / "vraem-shuttle.yaml")
    p, t, k = (str(tmp_path / n) for n in ("p.jsonl", "t.jsonl", "k.jsonl"))
    assert runner.invoke(app, ["simulate", scenario, "--out", p, "--truth", t]).exit_code == 0
    assert runner.invoke(app, ["track", "--scenario", scenario, "--plots", p, "--out", k]).exit_code == 0
    table = runner.invoke(app, ["score", "--truth", t, "--tracks", k])
    assert table.exit_code == 0 and "gospa_localisation_m" in table.stdout and "identity_switches" in table.stdout
    scores = json.loads(runner.invoke(app, ["score", "--truth", t, "--tracks", k, "--json"]).stdout)
    assert scores["truths"] == 2 and 0 < scores["rmse_m"] < 1_000 and scores["tracks"] == k
    swapped = runner.invoke(app, ["score", "--truth", k, "--tracks", t])
    assert swapped.exit_code == 2 and "expected a truth record" in swapped.stderr
    missing = runner.invoke(app, ["score", "--truth", str(tmp_path / "none.jsonl"), "--tracks", k])
    assert missing.exit_code == 2 and "none.jsonl: cannot open truth file" in missing.stderr


def test_the_runs_are_on_disk_before_anything_is_aggregated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interdict.bench.aggregate as aggregate_module

    def broken(*_: object) -> dict[str, object]:
        raise RuntimeError("aggregation failed")

    monkeypatch.setattr(aggregate_module, "aggregate", broken)
    out = tmp_path / "b"
    result = runner.invoke(app, ["bench", "swap", "--runs", "2", "--workers", "1", "--out", str(out)])
    assert isinstance(result.exception, RuntimeError)
    lines = (out / "runs.jsonl").read_text().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["family"] == "swap" for line in lines)
