"""Reading an audit log back: the chain checked record by record, every record's run identity
against the header's, the footer, and, with the signer's public key, every checkpoint's and the
footer's signature over the chain head it names.

A log verifies only when all of that holds. Each line must be exactly the canonical JSON of its
record (the bytes the hash covers): a duplicate key, other spacing or key order is refused, so that no
reader can see anything but what was hashed. An unsigned log is said to be unsigned: its chain
detects accidents, not forgery. A signed log read without the public key is never "OK": its
signatures were NOT verified (`VerifyResult.unverified`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from interdict.core.errors import AuditError
from interdict.core.jsonable import canonical_json
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
    unverified: bool = False  # the chain holds, but the signatures it claims were not checked (no key)


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
            False,
            n,
            None,
            f"{n} records, chain intact; claims to be signed by {signed_by}: signature NOT verified "
            "(give --public-key)",
            signed_by,
            unverified=True,
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
        if kind == "checkpoint" and (
            not _same(payload.get("head_seq"), head_seq) or payload.get("head_sha256") != head_sha
        ):
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
        or not _same(last["payload"].get("records_before"), n - 1)
    ):
        return VerifyResult(False, n, n, "no footer at the end: records were dropped or the run did not finish"), []
    odd = _footer_problem(last, records[-2] if n > 1 else None)
    if odd:
        return VerifyResult(False, n, n - 1, odd), []
    return VerifyResult(True, n, None, f"{n} records, chain intact"), records


def _footer_problem(footer: dict[str, Any], before: dict[str, Any] | None) -> str:
    """The footer is the one record no later signature covers: it must hold exactly what the writer
    puts there (the count, the signature when signed, the time of the record before it)."""
    expected = {"records_before"} | ({"signature"} if footer.get("key_fingerprint") is not None else set())
    if set(footer["payload"]) != expected:
        return "the footer holds other fields than the count and the signature"
    if before is None or not _same(footer.get("t_s"), before.get("t_s")):
        return "the footer's time is not the time of the record before it"
    return ""


def _same(a: Any, b: Any) -> bool:
    """Equal, type included (13 is not 13.0, nor true 1), as the hash would see these scalars."""
    return type(a) is type(b) and a == b


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    twice = next((k for k in keys if keys.count(k) > 1), None)
    if twice is not None:
        raise _DuplicateKey(twice)
    return dict(pairs)


_SIGNED_KINDS = ("header", "checkpoint", "footer")  # their payload is an object the verifier reads
FIELDS = frozenset({*IDENTITY, "seq", "t_s", "kind", "payload", "prev_sha256", "sha256"})  # what the writer writes


def _parsed(line: str, i: int) -> tuple[Any, str]:
    """The JSON value of one line, when the line is exactly its canonical form (else None and why)."""
    try:
        record = json.loads(line, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        return None, f"record {i} has the key {str(exc)!r} twice (a reader could see either)"
    except (json.JSONDecodeError, RecursionError):
        return None, f"record {i} is not valid JSON (edited or truncated)"
    if canonical_json(record) != line:
        return None, f"record {i} is not written in canonical form (spacing, key order or escapes changed)"
    return record, ""


def _record(line: str, i: int, prev: str, header: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
    record, why = _parsed(line, i)
    if why:
        return None, why
    if not isinstance(record, dict) or not _same(record.get("seq"), i):
        return None, f"record {i} is out of sequence (deleted, inserted or reordered)"
    if set(record) != FIELDS:
        odd = ", ".join(sorted(set(record) ^ FIELDS))
        return None, f"record {i} has fields other than those the writer writes ({odd})"
    if record.get("prev_sha256") != prev:
        return None, f"record {i} does not chain to record {i - 1}"
    if record.get("sha256") != record_digest(record):
        return None, f"record {i}'s content does not match its hash (edited)"
    if header is None:
        payload = record.get("payload")
        if record.get("kind") != "header" or not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return None, f"the first record is not the header of an {FORMAT} log"
    elif any(not _same(record.get(k), header.get(k)) for k in IDENTITY):
        differs = next(k for k in IDENTITY if not _same(record.get(k), header.get(k)))
        return None, f"record {i}'s {differs} differs from the header's: it belongs to another run"
    odd = _shape_problem(record, i)
    return (None, odd) if odd else (record, "")


def _shape_problem(record: dict[str, Any], i: int) -> str:
    kind, payload = record.get("kind"), record.get("payload")
    if not isinstance(kind, str):
        return f"record {i} has no kind"
    if kind in _SIGNED_KINDS and not isinstance(payload, dict):
        return f"record {i}'s {kind} payload is not an object"
    if not isinstance(payload, dict | list | str | None):
        return f"record {i}'s payload is not an object, a list, a string or null"
    return ""


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
