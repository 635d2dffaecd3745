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
    result = runner.invoke(app, ["bench", "quick", "--runs", "6", "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "| 0 | 0 | 0 | 0 |" in result.stdout  # escalated, cued, intercepted, told to land
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    agg = json.loads((out / "aggregate.json").read_text())
    prov, res = agg["provenance"], agg["results"]
    assert prov["suite"] == "quick" and prov["seeds"] == [1, 6] and len(prov["rules_sha256"]) == 64
    assert prov["interdict_version"] and "engine_config" in prov
    assert res["runs"] == 6 and res["safety"]["wrongful_escalations"] == 0 and res["safety"]["failures"] == []
    assert set(res["by_family"]) >= {"traffic", "swap"}
    assert res["tracking"]["gospa_m"]["lo"] < res["tracking"]["gospa_m"]["mean"] < res["tracking"]["gospa_m"]["hi"]
    header, *records = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]
    assert header["run"]["format"] == "interdict/bench-runs/1" and header["run"]["status"] == "complete"
    assert header["run"]["provenance"]["rules_sha256"] == prov["rules_sha256"]
    assert [r["seed"] for r in records] == list(range(1, 7)) and [r["index"] for r in records] == list(range(6))
    assert all(r["provenance"]["rules_sha256"] == prov["rules_sha256"] for r in records)
    assert all(r["reproduce"] == f"interdict bench {r['family']} --runs 1 --seed {r['seed']}" for r in records)
    assert (out / "gospa_over_time.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_run_is_reproduced_by_its_printed_command(tmp_path: Path) -> None:
    args = [
        "bench",
        "callsign_plan",
        "--runs",
        "2",
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
    third = json.loads((tmp_path / "a" / "runs.jsonl").read_text().splitlines()[2])  # run 1, after the header
    command = third["reproduce"].split()
    assert command[:2] == ["interdict", "bench"] and "--set" in command
    again = runner.invoke(app, [*command[1:], "--out", str(tmp_path / "b"), "--scenarios", str(tmp_path / "s")])
    assert again.exit_code == 0, again.output
    alone = json.loads((tmp_path / "b" / "runs.jsonl").read_text().splitlines()[1])
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
        (["bench", "quick", "--seed", "-1"], "--seed -1: expected a seed from 0"),
        (["bench", "quick", "--runs", "2000000"], "more than 1,000,000 runs in one folder"),
        (["bench", "quick", "--scheduler", "nonsense"], "--scheduler 'nonsense': expected an address"),
        (["bench"], "SUITE: give a suite"),
        (["bench", "--resume", "/no/such/folder"], "--resume /no/such/folder: cannot read runs.jsonl"),
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
    other, reseeded = str(tmp_path / "o.jsonl"), str(tmp_path / "r.jsonl")
    pair = str(SCENARIOS / "crossing-pair.yaml")
    assert runner.invoke(app, ["simulate", pair, "--out", str(tmp_path / "op.jsonl"), "--truth", other]).exit_code == 0
    args = ["simulate", scenario, "--seed", "5", "--out", str(tmp_path / "rp.jsonl"), "--truth", reseeded]
    assert runner.invoke(app, args).exit_code == 0
    for truth, says in ((other, "scenario 'crossing-pair' and 'vraem-shuttle'"), (reseeded, "seed 5 and")):
        mixed = runner.invoke(app, ["score", "--truth", truth, "--tracks", k])
        assert mixed.exit_code == 2 and "come from different runs" in mixed.stderr and says in mixed.stderr


def test_the_runs_are_on_disk_before_anything_is_aggregated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import interdict.bench.aggregate as aggregate_module

    def broken(*_: object) -> dict[str, object]:
        raise RuntimeError("aggregation failed")

    monkeypatch.setattr(aggregate_module, "aggregate", broken)
    out = tmp_path / "b"
    result = runner.invoke(app, ["bench", "swap", "--runs", "2", "--workers", "1", "--out", str(out)])
    assert isinstance(result.exception, RuntimeError)
    header, *lines = (out / "runs.jsonl").read_text().splitlines()
    assert json.loads(header)["run"]["status"] == "complete"
    assert len(lines) == 2 and all(json.loads(line)["family"] == "swap" for line in lines)


def _standard(out: Path, *more: str) -> list[str]:
    return ["bench", "callsign_plan", "--runs", "2", "--seed", "5", "--workers", "1", "--out", str(out), *more]


def test_ctrl_c_keeps_the_finished_runs_and_resume_gives_the_uninterrupted_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interdict.bench import executor
    from interdict.bench.run import run_one
    from interdict.bench.suites import RunSpec

    whole = tmp_path / "whole"
    assert runner.invoke(app, _standard(whole)).exit_code == 0
    refused = runner.invoke(app, _standard(whole))
    assert refused.exit_code == 2 and "already holds a benchmark result" in refused.stderr  # never replaced silently

    def ctrl_c_at_run_1(spec: RunSpec) -> dict[str, Any]:
        if spec.index == 1:
            raise KeyboardInterrupt
        return run_one(spec)

    cut = tmp_path / "cut"
    monkeypatch.setattr(executor, "run_one", ctrl_c_at_run_1)
    stopped = runner.invoke(app, _standard(cut))
    assert stopped.exit_code == 130 and "Traceback" not in stopped.output
    assert f"interrupted: 1 of 2 runs finished and kept in {cut}/runs.jsonl" in stopped.stderr
    assert f"continue with: interdict bench --resume {cut}" in stopped.stderr
    header, *kept = [json.loads(line) for line in (cut / "runs.jsonl").read_text().splitlines()]
    assert header["run"]["status"] == "interrupted" and [r["index"] for r in kept] == [0]
    monkeypatch.setattr(executor, "run_one", run_one)
    resumed = runner.invoke(app, ["bench", "--resume", str(cut), "--workers", "1", "--json"])
    assert resumed.exit_code == 0, resumed.output
    assert "1 kept from before" in resumed.stderr

    def without_cost(folder: Path) -> list[dict[str, Any]]:
        rows = [json.loads(line) for line in (folder / "runs.jsonl").read_text().splitlines()[1:]]
        return [{k: v for k, v in r.items() if k != "cost"} for r in rows]

    assert without_cost(cut) == without_cost(whole)
    agg = {name: json.loads((d / "aggregate.json").read_text())["results"] for name, d in (("a", whole), ("b", cut))}
    assert agg["a"] == agg["b"]
    again = runner.invoke(app, ["bench", "--resume", str(cut)])
    assert again.exit_code == 2 and "complete; nothing to resume" in again.stderr
    forced = runner.invoke(app, _standard(cut, "--force", "--runs", "1"))
    assert forced.exit_code == 0 and len((cut / "runs.jsonl").read_text().splitlines()) == 2
