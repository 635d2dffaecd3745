"""Closed-loop replays: the 2001 case, a refused early request, the VRAEM smuggler, a real audit log."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from interdict.engine.ladder import Rung
from interdict.io.audit import AuditLog
from interdict.io.audit_verify import verify_audit
from interdict.replay.loop import run_replay
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS

BOWERS = load_scenario(SCENARIOS / "bowers-2001.yaml")
VRAEM = load_scenario(SCENARIOS / "vraem-shuttle.yaml")


@pytest.mark.parametrize("seed", [1, 2])
def test_bowers_never_above_visual_id_and_blocks_say_why(seed: int) -> None:
    result = run_replay(BOWERS, seed=seed)
    row = result.report["aircraft"]["ob-1408"]  # type: ignore[index]
    assert Rung(row["max_rung"]).level <= Rung.VISUAL_ID.level
    blocks = [b for e in result.events if e.kind == "recommendation_changed" for b in e.detail["blocked_by"]]
    hints = " ".join(b["resolve"] for b in blocks)
    assert "query iquitos-twr" in hints and "118.1 MHz (iquitos-twr)" in hints
    assert {"SC-01", "SC-02"} <= {b["check_id"] for b in blocks}


def test_scripted_early_intercept_request_is_refused_with_check_ids() -> None:
    data = BOWERS.model_dump(mode="json")
    data["operator"] = {
        "policy": "scripted",
        "reaction_s": 60,
        "script": [{"t_s": 600, "aircraft": "ob-1408", "action": "request_rung", "rung": "INTERCEPT_INSTRUCT"}],
    }
    scenario = Scenario.model_validate(data)
    result = run_replay(scenario, seed=3)
    refused = [e for e in result.events if e.kind == "request_refused"]
    assert refused and "INTERCEPT_INSTRUCT" in refused[0].summary
    ids = set(refused[0].detail["blocked_by"])
    assert {"SC-01", "SC-02", "SC-03", "SC-05"} <= ids
    assert Rung(result.report["aircraft"]["ob-1408"]["max_rung"]).level <= Rung.IDENTIFY.level  # type: ignore[index]


@pytest.mark.parametrize("seed", [1, 4])
def test_vraem_smuggler_is_never_cued_to_a_wrong_strip_and_its_landing_is_inferred(seed: int) -> None:
    """Three clandestine strips 6-10 km apart: the prediction never firms (p >= 0.9 for 60 s) before
    the track is lost, so SC-17 holds the cue and says why; the landing is inferred at the right strip."""
    result = run_replay(VRAEM, seed=seed)
    report = result.report
    narco = report["aircraft"]["narco-1"]  # type: ignore[index]
    assert all(c["strip"] == "cl-llochegua-03" for c in narco["cues"])
    assert Rung(narco["max_rung"]).level >= Rung.INTERCEPT_INSTRUCT.level
    held = [e for e in result.events if e.kind == "recommendation_changed" and "SC-17" in e.summary]
    assert held and any("not yet firm" in str(e.detail) for e in held)
    landed = [e for e in result.events if e.kind == "landing_inferred" and e.detail["strip"] == "cl-llochegua-03"]
    assert landed and landed[0].track_id in narco["tracks"]
    assert Rung(report["aircraft"]["taxi-1"]["max_rung"]).level <= Rung.IDENTIFY.level  # type: ignore[index]
    assert report["totals"]["wrongful_escalations"] == 0  # type: ignore[index]


def test_replay_is_deterministic() -> None:
    a = run_replay(BOWERS, seed=5, until_s=900)
    b = run_replay(BOWERS, seed=5, until_s=900)
    assert [(e.kind, e.t_s, e.summary) for e in a.events] == [(e.kind, e.t_s, e.summary) for e in b.events]


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder", "truncate"])
def test_real_audit_log_detects_tampering(tmp_path: Path, tamper: str) -> None:
    path = tmp_path / "audit.jsonl"
    with AuditLog.open(path, scenario_sha256="s", rules_sha256="r", seed=1) as log:
        run_replay(BOWERS, seed=1, until_s=600, audit=log)
    assert verify_audit(path).ok
    lines = path.read_text().splitlines(keepends=True)
    kinds = [json.loads(line)["kind"] for line in lines]
    assert "assessment" in kinds and "observation" in kinds
    i = kinds.index("assessment")
    if tamper == "edit":
        lines[i] = (
            lines[i].replace('"IDENTIFY"', '"INTERCEPT_INSTRUCT"', 1)
            if '"IDENTIFY"' in lines[i]
            else lines[i].replace('"MONITOR"', '"GROUND_CUE"', 1)
        )
    elif tamper == "delete":
        del lines[i]
    elif tamper == "reorder":
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    else:
        lines = lines[: len(lines) // 2]
    path.write_text("".join(lines))
    result = verify_audit(path)
    assert not result.ok and result.first_bad_seq is not None


def test_trainee_policy_is_refused_clearly() -> None:
    from interdict.core.errors import InterdictError

    data = BOWERS.model_dump(mode="json")
    data["operator"]["policy"] = "trainee"
    with pytest.raises(InterdictError, match="drill"):
        run_replay(
            Scenario.model_validate(data),
            seed=1,
            audit=AuditLog(io.StringIO(), scenario_sha256="", rules_sha256="", seed=1),
        )


def test_the_audit_header_records_the_engine_configuration() -> None:
    import json

    from interdict.engine.engine import EngineConfig, config_sha256
    from interdict.engine.tracking import TrackerConfig
    from interdict.replay.loop import audit_identity

    sink = io.StringIO()
    log = AuditLog(sink, **audit_identity(VRAEM, "", 1))
    header = json.loads(sink.getvalue().splitlines()[0])
    assert header["kind"] == "header"
    assert header["payload"]["scenario"] == VRAEM.name
    assert header["payload"]["start_utc"] == VRAEM.start.isoformat()
    assert header["engine_config_sha256"] == config_sha256(EngineConfig())
    assert header["payload"]["engine_config"]["tracker"]["confirm_m"] == 3
    # a change to a model that feeds the gates changes the hash
    assert config_sha256(EngineConfig(tracker=TrackerConfig(confirm_m=2))) != config_sha256(EngineConfig())
    log.close()


def test_recorded_plots_without_aircraft_run_open_loop() -> None:
    from interdict.world.radar import simulate

    crossing = load_scenario(SCENARIOS / "crossing-pair.yaml")
    plots = simulate(crossing, 11).plots
    alone = crossing.model_copy(update={"aircraft": ()})
    result = run_replay(alone, seed=11, until_s=600, plots=plots)
    assert result.report["open_loop"] is True
    assert any(e.kind == "track_confirmed" for e in result.events)  # the engine tracks the recording
    assert any(e.kind == "procedure" for e in result.events)  # the operator acts ...
    assert not any("plans held" in e.summary for e in result.events)  # ... and nothing answers
    closed = run_replay(crossing, seed=11, until_s=600, plots=plots)
    assert closed.report["open_loop"] is False and any("plans held" in e.summary for e in closed.events)


def test_a_recording_that_begins_before_the_scenario_is_refused_and_one_that_runs_on_is_said() -> None:
    from dataclasses import replace

    from interdict.core.errors import InterdictError
    from interdict.world.radar import simulate

    crossing = load_scenario(SCENARIOS / "crossing-pair.yaml")
    plots = list(simulate(crossing, 11).plots)
    early = [replace(p, t_s=p.t_s - 100.0) for p in plots[:5]]
    with pytest.raises(InterdictError, match="before the scenario's start"):
        run_replay(crossing, seed=11, until_s=300, plots=early + plots)
    late = [replace(p, t_s=p.t_s + crossing.duration_s) for p in plots[:7]]
    result = run_replay(crossing, seed=11, until_s=300, plots=plots + late)
    assert any("were not replayed" in n for n in result.notes)
    assert run_replay(crossing, seed=11, until_s=300).notes == ()  # a simulated replay cut by --until says nothing


def test_a_smuggler_landing_in_a_cluster_no_single_strip_of_which_is_firm_is_cued_to_the_cluster() -> None:
    """Traffic seed 206: narco-1 lands at cl-01 of the cluster cl-00, cl-01, cl-03 while no one strip of
    it is firm; the cue names the cluster and its staging point, and the scorer finds the team there in
    time, by way of the staging point."""
    from interdict.bench.suites import document_of
    from interdict.scenario.load import scenario_of

    result = run_replay(scenario_of(document_of("traffic", 206), "traffic-206"), seed=206)
    cues = [c for c in result.report["aircraft"]["narco-1"]["cues"] if c["strips"]]  # type: ignore[index]
    assert cues and cues[0]["strips"] == ["cl-00", "cl-01", "cl-03"] and cues[0]["landed_at"] == "cl-01"
    assert cues[0]["correct"] and cues[0]["actionable"]
    assert result.report["totals"]["wrongful_escalations"] == 0  # type: ignore[index]
