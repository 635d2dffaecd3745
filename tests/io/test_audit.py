"""The audit log detects edits, deletions, reordering, insertion and truncation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from interdict.core.jsonable import to_jsonable
from interdict.engine.ladder import Rung
from interdict.engine.safety import CheckResult, Verdict
from interdict.io.audit import AuditLog
from interdict.io.audit_verify import verify_audit


def _log(path: Path, n: int = 5) -> list[str]:
    with AuditLog.open(path, scenario_sha256="a" * 64, rules_sha256="b" * 64, seed=3) as log:
        for i in range(n):
            log.append("check", float(i), CheckResult("SC-01", Verdict.UNKNOWN, "r", "F1", t_s=float(i)))
            log.sync()
    return path.read_text().splitlines(keepends=True)


def test_intact_log_verifies(tmp_path: Path) -> None:
    lines = _log(tmp_path / "a.jsonl")
    result = verify_audit(tmp_path / "a.jsonl")
    assert result.ok and result.n_records == len(lines) == 7
    record = json.loads(lines[1])
    assert record["seed"] == 3 and record["rules_sha256"] == "b" * 64 and record["payload"]["verdict"] == "UNKNOWN"


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder", "truncate_line", "drop_tail", "insert"])
def test_tampering_is_detected(tmp_path: Path, tamper: str) -> None:
    path = tmp_path / "a.jsonl"
    lines = _log(path)
    if tamper == "edit":
        lines[2] = lines[2].replace('"UNKNOWN"', '"PASS"')
    elif tamper == "delete":
        del lines[3]
    elif tamper == "reorder":
        lines[2], lines[3] = lines[3], lines[2]
    elif tamper == "truncate_line":
        lines[-1] = lines[-1][:40]
    elif tamper == "drop_tail":
        lines = lines[:-2]
    elif tamper == "insert":
        lines.insert(2, lines[2])
    path.write_text("".join(lines))
    result = verify_audit(path)
    assert not result.ok and result.first_bad_seq is not None


def test_closed_log_refuses_more() -> None:
    from interdict.core.errors import AuditError

    log = AuditLog(io.StringIO(), scenario_sha256="", rules_sha256="", seed=0)
    log.close()
    with pytest.raises(AuditError):
        log.append("x", 0.0, {})


def test_to_jsonable_is_deterministic() -> None:
    import numpy as np

    value = {"b": (Rung.GROUND_CUE, np.float64(1.5)), "a": frozenset({3, 1}), "c": np.arange(2)}
    assert to_jsonable(value) == {"b": ["GROUND_CUE", 1.5], "a": [1, 3], "c": [0, 1]}
