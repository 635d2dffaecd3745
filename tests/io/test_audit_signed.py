"""Signed audit logs: a forger who rewrites records and recomputes every hash is caught by the
signatures; so is a log signed by another key, a dropped checkpoint or footer; an unsigned log is
said to be unsigned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interdict.core.errors import AuditError
from interdict.core.jsonable import canonical_json
from interdict.io.audit import GENESIS, AuditLog, record_digest
from interdict.io.audit_verify import verify_audit
from interdict.io.signing import fingerprint, generate_key, load_private_key, load_public_key


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    d = tmp_path_factory.mktemp("keys")
    pub_a, _ = generate_key(d / "a.key")
    pub_b, _ = generate_key(d / "b.key")
    return d / "a.key", pub_a, d / "b.key", pub_b


def _write(path: Path, key: Path | None, steps: int = 4) -> list[dict[str, object]]:
    signer = None if key is None else load_private_key(key)
    with AuditLog.open(path, scenario_sha256="s" * 64, rules_sha256="r" * 64, seed=7, signer=signer) as log:
        for i in range(steps):
            t_s = 10.0 * (i + 1)
            log.append("assessment", t_s, {"track_id": "T1", "rung": "IDENTIFY"})
            log.append("event", t_s, {"kind": "recommendation_changed", "summary": "recommend IDENTIFY"})
            log.sync(t_s)
    return [json.loads(line) for line in path.read_text().splitlines()]


def _rewrite(path: Path, records: list[dict[str, object]]) -> None:
    """What a forger without the key can do: change records, renumber, recompute every hash."""
    prev = GENESIS
    lines = []
    for i, original in enumerate(records):
        r = {**original, "seq": i, "prev_sha256": prev}
        if r["kind"] == "footer":
            r["payload"] = {**r["payload"], "records_before": i}  # type: ignore[dict-item]
        if r["kind"] == "checkpoint":  # the head it names, made to agree (its signature cannot be)
            r["payload"] = {**r["payload"], "head_seq": i - 1, "head_sha256": prev}  # type: ignore[dict-item]
        r["sha256"] = record_digest(r)
        prev = r["sha256"]  # type: ignore[assignment]
        lines.append(canonical_json(r) + "\n")
    path.write_text("".join(lines))


def test_an_untouched_signed_log_verifies(tmp_path: Path, keys: tuple[Path, Path, Path, Path]) -> None:
    path = tmp_path / "a.jsonl"
    records = _write(path, keys[0])
    assert [r["kind"] for r in records].count("checkpoint") == 4 and records[-1]["kind"] == "footer"
    assert records[0]["key_fingerprint"] == fingerprint(load_public_key(keys[1]))
    result = verify_audit(path, load_public_key(keys[1]))
    assert result.ok and result.signatures_checked and "4 checkpoints and the footer signed" in result.reason
    assert not list(tmp_path.glob(".*partial"))  # the log got its name; no partial file left


def test_a_rewritten_and_rehashed_log_fails(tmp_path: Path, keys: tuple[Path, Path, Path, Path]) -> None:
    path = tmp_path / "a.jsonl"
    records = _write(path, keys[0])
    forged = [
        {**r, "payload": {**r["payload"], "rung": "INTERCEPT_INSTRUCT"}} if r["kind"] == "assessment" else r  # type: ignore[dict-item]
        for r in records
    ]
    _rewrite(path, forged)
    alone = verify_audit(path)  # the chain alone cannot tell ...
    assert alone.unverified and not alone.ok and "signature NOT verified" in alone.reason
    result = verify_audit(path, load_public_key(keys[1]))  # ... the signatures can
    assert not result.ok and result.first_bad_seq == 3 and "does not verify" in result.reason


def test_a_log_signed_by_another_key_fails(tmp_path: Path, keys: tuple[Path, Path, Path, Path]) -> None:
    path = tmp_path / "a.jsonl"
    _write(path, keys[2])  # signed with key b
    result = verify_audit(path, load_public_key(keys[1]))
    assert not result.ok and result.first_bad_seq == 0 and "not by the key given" in result.reason


@pytest.mark.parametrize("dropped", ["checkpoint", "footer"])
def test_a_dropped_checkpoint_or_footer_fails(
    tmp_path: Path, keys: tuple[Path, Path, Path, Path], dropped: str
) -> None:
    path = tmp_path / "a.jsonl"
    records = _write(path, keys[0])
    if dropped == "checkpoint":
        first = next(i for i, r in enumerate(records) if r["kind"] == "checkpoint")
        _rewrite(path, records[:first] + records[first + 1 :])
    else:
        path.write_text("".join(canonical_json(r) + "\n" for r in records[:-1]))
    result = verify_audit(path, load_public_key(keys[1]))
    assert not result.ok


def test_an_unsigned_log_is_said_to_be_unsigned(tmp_path: Path, keys: tuple[Path, Path, Path, Path]) -> None:
    path = tmp_path / "a.jsonl"
    _write(path, None)
    plain = verify_audit(path)
    assert plain.ok and "UNSIGNED" in plain.reason and plain.signed_by is None
    checked = verify_audit(path, load_public_key(keys[1]))
    assert not checked.ok and "unsigned" in checked.reason


def test_every_record_must_agree_with_the_header(tmp_path: Path, keys: tuple[Path, Path, Path, Path]) -> None:
    path = tmp_path / "a.jsonl"
    records = _write(path, None)
    records[2] = {**records[2], "seed": 8}
    _rewrite(path, records)
    result = verify_audit(path)
    assert not result.ok and result.first_bad_seq == 2 and "seed differs from the header" in result.reason


def test_a_failed_run_leaves_no_log(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"

    def run() -> None:
        with AuditLog.open(path, scenario_sha256="", rules_sha256="", seed=0) as log:
            log.append("assessment", 1.0, {})
            raise RuntimeError("the run failed")

    with pytest.raises(RuntimeError, match="the run failed"):
        run()
    assert list(tmp_path.iterdir()) == []


def test_keys_are_never_overwritten_and_private_keys_are_private(tmp_path: Path) -> None:
    public, fp = generate_key(tmp_path / "k")
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600 and public.name == "k.pub" and fp.startswith("sha256:")
    with pytest.raises(AuditError, match="never overwritten"):
        generate_key(tmp_path / "k")
    with pytest.raises(AuditError, match="Ed25519 private key"):
        load_private_key(public)
    with pytest.raises(AuditError, match="Ed25519 public key"):
        load_public_key(tmp_path / "k")


def test_a_duplicate_key_or_a_line_not_in_canonical_form_is_broken(
    tmp_path: Path, keys: tuple[Path, Path, Path, Path]
) -> None:
    """A first-wins reader (or grep) of `{"payload": …, …, "payload": …}` sees another record than the one
    hashed: the line must be exactly its record's canonical JSON."""
    path = tmp_path / "a.jsonl"
    _write(path, keys[0])
    lines = path.read_text().splitlines(keepends=True)
    key = load_public_key(keys[1])
    twice = lines.copy()
    twice[1] = '{"payload":{"rung":"MONITOR"},' + lines[1][1:]
    path.write_text("".join(twice))
    result = verify_audit(path, key)
    assert not result.ok and result.first_bad_seq == 1 and "the key 'payload' twice" in result.reason
    spaced = lines.copy()
    spaced[1] = json.dumps(json.loads(lines[1])) + "\n"  # the same record, with spaces
    path.write_text("".join(spaced))
    result = verify_audit(path, key)
    assert not result.ok and result.first_bad_seq == 1 and "canonical form" in result.reason


@pytest.mark.parametrize("payload", [[], "signature", None, 3])
def test_a_checkpoint_payload_of_another_shape_is_broken_not_a_crash(
    tmp_path: Path, keys: tuple[Path, Path, Path, Path], payload: object
) -> None:
    path = tmp_path / "a.jsonl"
    records = _write(path, keys[0])
    first = next(i for i, r in enumerate(records) if r["kind"] == "checkpoint")
    records[first] = {**records[first], "payload": payload}
    records[first]["sha256"] = record_digest(records[first])
    for i in range(first + 1, len(records)):  # chained again, as a forger would
        records[i] = {**records[i], "prev_sha256": records[i - 1]["sha256"]}
        records[i]["sha256"] = record_digest(records[i])
    path.write_text("".join(canonical_json(r) + "\n" for r in records))
    for key in (None, load_public_key(keys[1])):
        result = verify_audit(path, key)
        assert not result.ok and result.first_bad_seq == first and "payload is not an object" in result.reason
