"""The tamper-evident audit log: append-only JSON lines, each record hash-chained to the previous.

Every record carries `seq`, `t_s`, `kind`, `payload`, the scenario file's SHA-256, the rule set's
SHA-256, the engine version and the seed, then `prev_sha256` (the previous record's `sha256`, or 64
zeros for the first) and its own `sha256` over the canonical JSON (sorted keys, no spaces) of all
other fields. The first record is a `header`, the last a `footer` that states how many records came
before it, so that dropping whole records at the end is detected as well as a record cut mid-line.
The writer flushes and fsyncs at every `sync()` (once per scan).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from interdict import __version__
from interdict.core.errors import AuditError
from interdict.core.jsonable import canonical_json, to_jsonable

__all__ = ["AuditLog", "VerifyResult", "verify_audit", "file_sha256", "GENESIS"]


GENESIS = "0" * 64


def _digest(record: Mapping[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


class AuditLog:
    """Append-only writer. Use as a context manager; `close()` writes the footer."""

    def __init__(
        self,
        sink: IO[str],
        *,
        scenario_sha256: str,
        rules_sha256: str,
        seed: int,
        path: Path | None = None,
        header: Mapping[str, Any] | None = None,
    ) -> None:
        self._sink = sink
        self._path = path
        self._common = {
            "scenario_sha256": scenario_sha256,
            "rules_sha256": rules_sha256,
            "engine_version": __version__,
            "seed": seed,
        }
        self._seq = 0
        self._prev = GENESIS
        self._closed = False
        self.append("header", 0.0, {"format": "interdict-audit/1", **(header or {})})

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> AuditLog:
        try:
            handle = path.open("w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise AuditError(f"{path}: cannot write the audit log: {exc.strerror}") from exc
        return cls(handle, path=path, **kwargs)

    def append(self, kind: str, t_s: float, payload: Any) -> str:
        """Append one record; returns its sha256."""
        if self._closed:
            raise AuditError("the audit log is closed; nothing more can be appended")
        record = {
            "seq": self._seq,
            "t_s": t_s,
            "kind": kind,
            "payload": to_jsonable(payload),
            **self._common,
            "prev_sha256": self._prev,
        }
        record["sha256"] = _digest(record)
        self._sink.write(canonical_json(record) + "\n")
        digest = str(record["sha256"])
        self._prev = digest
        self._seq += 1
        return digest

    def sync(self) -> None:
        """Flush and fsync (once per scan)."""
        self._sink.flush()
        if self._path is not None:
            os.fsync(self._sink.fileno())

    def close(self, t_s: float = 0.0) -> None:
        if self._closed:
            return
        self.append("footer", t_s, {"records_before": self._seq})
        self._closed = True
        self.sync()
        if self._path is not None:
            self._sink.close()

    @property
    def records(self) -> int:
        return self._seq

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    n_records: int
    first_bad_seq: int | None
    reason: str


def verify_audit(path: Path) -> VerifyResult:
    """Check the chain: every hash, every link, the sequence, the header and the footer."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditError(f"{path}: cannot read the audit log: {exc}") from exc
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        return VerifyResult(False, len(lines), len(lines) - 1, "the last record is cut (no end of line): truncated")
    prev = GENESIS
    for i, line in enumerate(lines):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            return VerifyResult(False, len(lines), i, f"record {i} is not valid JSON (edited or truncated)")
        if not isinstance(record, dict) or record.get("seq") != i:
            return VerifyResult(False, len(lines), i, f"record {i} is out of sequence (deleted, inserted or reordered)")
        if record.get("prev_sha256") != prev:
            return VerifyResult(False, len(lines), i, f"record {i} does not chain to record {i - 1}")
        if record.get("sha256") != _digest(record):
            return VerifyResult(False, len(lines), i, f"record {i}'s content does not match its hash (edited)")
        if i == 0 and record.get("kind") != "header":
            return VerifyResult(False, len(lines), 0, "the first record is not the header")
        prev = record["sha256"]
    if not lines:
        return VerifyResult(False, 0, 0, "the audit log is empty")
    last = json.loads(lines[-1])
    if last.get("kind") != "footer" or last.get("payload", {}).get("records_before") != len(lines) - 1:
        return VerifyResult(
            False, len(lines), len(lines), "no footer at the end: records were dropped or the run did not finish"
        )
    return VerifyResult(True, len(lines), None, f"{len(lines)} records, chain intact")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (the scenario file named in the audit header)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
