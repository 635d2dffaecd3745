"""Reading an audit log back: the chain checked record by record, every record's run identity
against the header's, the footer, and, with the signer's public key, every checkpoint's and the
footer's signature over the chain head it names.

A log verifies only when all of that holds. An unsigned log is said to be unsigned: its chain
detects accidents, not forgery.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from interdict.core.errors import AuditError
from interdict.io.audit import FORMAT, GENESIS, record_digest
from interdict.io.signing import fingerprint, signature_valid

__all__ = ["VerifyResult", "read_records", "verify_audit", "IDENTITY"]

# What names the run; every record carries it and must agree with the header.
IDENTITY = (
    "scenario_sha256",
    "rules_sha256",
    "engine_config_sha256",
    "engine_version",
    "seed",
    "key_fingerprint",
)
MAX_LOG_BYTES = 1 << 30


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    n_records: int
    first_bad_seq: int | None
    reason: str
    signed_by: str | None = None  # the header's key fingerprint (None: unsigned)
    signatures_checked: bool = False


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of a log that verifies as a chain (signatures not checked); AuditError otherwise."""
    result, records = _chain(path)
    if not result.ok:
        raise AuditError(f"{path}: the audit log does not verify: record {result.first_bad_seq}: {result.reason}")
    return records


def verify_audit(path: Path, public_key: Ed25519PublicKey | None = None) -> VerifyResult:
    """Check the chain, the run identity, the footer and, with `public_key`, every signature."""
    result, records = _chain(path)
    if not result.ok:
        return result
    signed_by = records[0].get("key_fingerprint")
    n = len(records)
    if not isinstance(signed_by, str):
        if public_key is not None:
            return VerifyResult(False, n, 0, "the log is unsigned: nothing vouches for it against rewriting")
        return VerifyResult(
            True, n, None, f"{n} records, chain intact; UNSIGNED: the chain detects accidents, not forgery"
        )
    if public_key is None:
        return VerifyResult(
            True,
            n,
            None,
            f"{n} records, chain intact; signed by {signed_by}, signatures not checked (give --public-key)",
            signed_by,
        )
    if fingerprint(public_key) != signed_by:
        return VerifyResult(
            False, n, 0, f"signed by key {signed_by}, not by the key given ({fingerprint(public_key)})", signed_by
        )
    bad = _first_bad_signature(records, public_key)
    if bad is not None:
        return VerifyResult(False, n, bad[0], bad[1], signed_by, True)
    checkpoints = sum(r["kind"] == "checkpoint" for r in records)
    return VerifyResult(
        True,
        n,
        None,
        f"{n} records, chain intact, {checkpoints} checkpoints and the footer signed by {signed_by}",
        signed_by,
        True,
    )


def _first_bad_signature(records: list[dict[str, Any]], key: Ed25519PublicKey) -> tuple[int, str] | None:
    for r in records:
        kind, seq, payload = r["kind"], r["seq"], r["payload"]
        if kind not in ("checkpoint", "footer"):
            continue
        head_seq, head_sha = seq - 1, r["prev_sha256"]
        if kind == "checkpoint" and (payload.get("head_seq") != head_seq or payload.get("head_sha256") != head_sha):
            return seq, f"checkpoint {seq} names a head that is not the record before it"
        if not signature_valid(key, payload.get("signature"), kind, head_seq, head_sha):
            return seq, f"the {kind} signature of record {seq} does not verify: the records before it were changed"
    return None


def _chain(path: Path) -> tuple[VerifyResult, list[dict[str, Any]]]:
    """Every hash, link, sequence number and run identity; the header first, the footer last."""
    lines = _lines(path).split("\n")
    if lines[-1] != "":
        return VerifyResult(False, len(lines), len(lines) - 1, "the last record is cut (no end of line): truncated"), []
    lines.pop()
    n = len(lines)
    if not lines:
        return VerifyResult(False, 0, 0, "the audit log is empty"), []
    records: list[dict[str, Any]] = []
    prev = GENESIS
    for i, line in enumerate(lines):
        record, why = _record(line, i, prev, records[0] if records else None)
        if record is None:
            return VerifyResult(False, n, i, why), []
        records.append(record)
        prev = record["sha256"]
    last = records[-1]
    if (
        last.get("kind") != "footer"
        or not isinstance(last.get("payload"), dict)
        or (last["payload"].get("records_before") != n - 1)
    ):
        return VerifyResult(False, n, n, "no footer at the end: records were dropped or the run did not finish"), []
    return VerifyResult(True, n, None, f"{n} records, chain intact"), records


def _record(line: str, i: int, prev: str, header: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return None, f"record {i} is not valid JSON (edited or truncated)"
    if not isinstance(record, dict) or record.get("seq") != i:
        return None, f"record {i} is out of sequence (deleted, inserted or reordered)"
    if record.get("prev_sha256") != prev:
        return None, f"record {i} does not chain to record {i - 1}"
    if record.get("sha256") != record_digest(record):
        return None, f"record {i}'s content does not match its hash (edited)"
    if header is None:
        payload = record.get("payload")
        if record.get("kind") != "header" or not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return None, f"the first record is not the header of an {FORMAT} log"
    elif any(record.get(k) != header.get(k) for k in IDENTITY):
        differs = next(k for k in IDENTITY if record.get(k) != header.get(k))
        return None, f"record {i}'s {differs} differs from the header's: it belongs to another run"
    if not isinstance(record.get("kind"), str) or not isinstance(record.get("payload"), dict | list | str | None):
        return None, f"record {i} has no kind"
    return record, ""


def _lines(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_LOG_BYTES:
            raise AuditError(f"{path}: {size} bytes is more than an audit log of this tool can be ({MAX_LOG_BYTES})")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AuditError(f"{path}: not an audit log (not UTF-8 text at byte {exc.start})") from exc
    except OSError as exc:
        raise AuditError(f"{path}: cannot read the audit log: {exc.strerror}") from exc
    return text
