"""Structured forgery of signed audit logs: a forger without the private key changes real signed logs
in the ways that matter (a field's value or type, a duplicate key, records reordered, dropped or
replayed, two logs of the same run or of two runs under one key spliced) and recomputes every hash and
link it can. Every such change fails verification with the public key, and without it is never OK
(a claimed signature not checked is UNVERIFIED). No mutation raises anything but a clean result.

CI draws INTERDICT_AUDIT_MUTATIONS mutations (default 10,000); the long profile is
`INTERDICT_AUDIT_MUTATIONS=100000 python3 -m pytest tests/fuzz/test_audit_forgery.py`.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interdict.core.jsonable import canonical_json
from interdict.io.audit import GENESIS, AuditLog, record_digest
from interdict.io.audit_verify import verify_audit
from interdict.io.signing import generate_key, load_private_key, load_public_key

MUTATIONS = int(os.environ.get("INTERDICT_AUDIT_MUTATIONS", "10000"))
_DIR = Path(tempfile.mkdtemp(prefix="interdict-forgery-"))
_PUBLIC_PATH, _ = generate_key(_DIR / "k")
PUBLIC = load_public_key(_PUBLIC_PATH)

Record = dict[str, Any]


def _log(seed: int, rungs: tuple[str, ...]) -> list[Record]:
    sink = io.StringIO()
    with AuditLog(
        sink, scenario_sha256="s" * 64, rules_sha256="r" * 64, seed=seed, signer=load_private_key(_DIR / "k")
    ) as log:
        for k, rung in enumerate(rungs):
            t_s = 10.0 * (k + 1)
            log.append("assessment", t_s, {"track_id": "T1", "rung": rung, "blocked_by": ["SC-05"]})
            log.append("judgement", t_s, {"procedure_name": "visual_id", "allowed": rung != "MONITOR"})
            log.sync(t_s)
    return [json.loads(line) for line in sink.getvalue().splitlines()]


RUN = _log(1, ("MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID"))
SAME_RUN = _log(1, ("MONITOR", "IDENTIFY", "VISUAL_ID", "INTERCEPT_INSTRUCT"))  # the same run identity, other content
OTHER_RUN = _log(2, ("MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID"))
ORIGINAL = [canonical_json(r) for r in RUN]
REAL = [[canonical_json(r) for r in log] for log in (RUN, SAME_RUN, OTHER_RUN)]  # each genuinely signed


def _rehashed(records: list[Record]) -> list[str]:
    """A forger's best: renumber, relink, make every footer and checkpoint name the head before it,
    recompute every hash (the signatures it cannot make)."""
    prev, lines = GENESIS, []
    for i, original in enumerate(records):
        r = {**original, "seq": i, "prev_sha256": prev}
        if isinstance(r.get("payload"), dict) and r.get("kind") == "footer":
            r["payload"] = {**r["payload"], "records_before": i}
        if isinstance(r.get("payload"), dict) and r.get("kind") == "checkpoint":
            r["payload"] = {**r["payload"], "head_seq": i - 1, "head_sha256": prev}
        r["sha256"] = record_digest(r)
        prev = r["sha256"]
        lines.append(canonical_json(r))
    return lines


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["signature", "head_seq", "rung", "format"]), st.integers(0, 3), max_size=2),
    st.sampled_from(["INTERCEPT_INSTRUCT", "GROUND_CUE", "checkpoint", "footer", "header"]),
)
_INDEX = st.integers(0, len(RUN) - 1)


@st.composite
def _changed_field(draw: st.DrawFn) -> list[str]:
    records = [dict(r) for r in RUN]
    i = draw(_INDEX)
    r = records[i]
    payload = r.get("payload")
    paths = [(k,) for k in r if k != "sha256"] + (
        [("payload", k) for k in payload] if isinstance(payload, dict) else []
    )
    path = draw(st.sampled_from(paths))
    value = draw(_VALUES)
    if len(path) == 1:
        r[path[0]] = value
    else:
        r["payload"] = {**payload, path[1]: value}  # type: ignore[dict-item]
    return _rehashed(records)


@st.composite
def _reordered(draw: st.DrawFn) -> list[str]:
    i, j = draw(_INDEX), draw(_INDEX)
    records = list(RUN)
    records[i], records[j] = records[j], records[i]
    return _rehashed(records)


@st.composite
def _dropped(draw: st.DrawFn) -> list[str]:
    i = draw(_INDEX)
    return _rehashed(RUN[:i] + RUN[i + 1 :])


@st.composite
def _spliced(draw: st.DrawFn) -> list[str]:
    other = draw(st.sampled_from([SAME_RUN, OTHER_RUN]))
    k, m = draw(st.integers(0, len(RUN))), draw(st.integers(0, len(other)))
    joined = RUN[:k] + other[m:]
    return _rehashed(joined) if draw(st.booleans()) else [canonical_json(r) for r in joined]


@st.composite
def _replayed_checkpoint(draw: st.DrawFn) -> list[str]:
    checkpoints = [i for i, r in enumerate(RUN) if r["kind"] == "checkpoint"]
    c = draw(st.sampled_from(checkpoints))
    at = draw(st.integers(c + 1, len(RUN)))
    records = [*RUN[:at], RUN[c], *RUN[at:]]
    return _rehashed(records) if draw(st.booleans()) else [canonical_json(r) for r in records]


@st.composite
def _duplicate_key(draw: st.DrawFn) -> list[str]:
    lines = list(ORIGINAL)
    i = draw(_INDEX)
    key = draw(st.sampled_from(sorted(RUN[i])))
    value = draw(_VALUES)
    lines[i] = "{" + json.dumps(key) + ":" + canonical_json(value) + "," + lines[i][1:]
    return lines


FORGERIES = st.one_of(_changed_field(), _reordered(), _dropped(), _spliced(), _replayed_checkpoint(), _duplicate_key())


@settings(max_examples=MUTATIONS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FORGERIES)
def test_no_forged_log_verifies(lines: list[str]) -> None:
    assume(lines not in REAL)
    path = _DIR / "forged.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    with_key = verify_audit(path, PUBLIC)
    assert not with_key.ok, with_key.reason
    without = verify_audit(path)
    assert not without.ok or without.signed_by is None  # OK only as UNSIGNED, which the key refuses
    assert "UNSIGNED" in without.reason or not without.ok


def test_the_untouched_logs_verify() -> None:
    for records in (RUN, SAME_RUN, OTHER_RUN):
        path = _DIR / "real.jsonl"
        path.write_text("".join(canonical_json(r) + "\n" for r in records), encoding="utf-8")
        assert verify_audit(path, PUBLIC).ok
        assert verify_audit(path).unverified
