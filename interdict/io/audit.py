"""The audit log: append-only JSON lines, hash-chained, and signed when a key is given.

Every record carries `seq`, `t_s`, `kind`, `payload`, the run's identity (the scenario file's,
the rule set's and the engine configuration's SHA-256, the engine version, the seed, the signing
key's fingerprint or null), then `prev_sha256` (the previous record's `sha256`, or 64 zeros for the
first) and its own `sha256` over the canonical JSON (sorted keys, no spaces) of all other fields.
The first record is a `header`, the last a `footer` that states how many records came before it.

A hash chain detects accidents, not forgery: anyone can rewrite a record and recompute every hash
after it. With a signing key (Ed25519, `interdict.io.signing`) the writer appends, at every
`sync()` (once per scan), a `checkpoint` record whose signature vouches for the chain head, and
signs the head again in the footer; a forger without the private key cannot make the signatures
agree with rewritten records. This follows the signed tree heads of Certificate Transparency
(RFC 9162) with a chain instead of a Merkle tree: proving one record needs the records from it to
the next checkpoint, at most one scan's worth, which is small here; a Merkle tree would make that
proof logarithmic at the cost of a second structure to write and check.

A log written to a file goes to `.NAME.partial` in the same folder and is renamed to its name when
it closes after a finished run; a run that fails leaves no log behind.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interdict import __version__
from interdict.core.errors import AuditError
from interdict.core.jsonable import canonical_json, to_jsonable
from interdict.io.outputs import partial_of
from interdict.io.signing import fingerprint, sign_head

__all__ = ["AuditLog", "file_sha256", "record_digest", "GENESIS", "FORMAT"]


GENESIS = "0" * 64
FORMAT = "interdict-audit/1"


def record_digest(record: Mapping[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@functools.cache
def _key(name: str) -> str:
    return canonical_json(name)


def _joined(parts: Mapping[str, str]) -> str:
    """A JSON object from already-encoded canonical values: keys sorted, no spaces."""
    return "{" + ",".join(f"{_key(k)}:{parts[k]}" for k in sorted(parts)) + "}"


class AuditLog:
    """Append-only writer. Use as a context manager; `close()` writes the footer."""

    def __init__(
        self,
        sink: IO[str],
        *,
        scenario_sha256: str,
        rules_sha256: str,
        seed: int,
        engine_config_sha256: str = "",
        header: Mapping[str, Any] | None = None,
        signer: Ed25519PrivateKey | None = None,
        path: Path | None = None,
    ) -> None:
        self._sink = sink
        self._path = path
        self._signer = signer
        self._common = {
            "scenario_sha256": scenario_sha256,
            "rules_sha256": rules_sha256,
            "engine_config_sha256": engine_config_sha256,
            "engine_version": __version__,
            "seed": seed,
            "key_fingerprint": None if signer is None else fingerprint(signer.public_key()),
        }
        self._encoded_common = {key: canonical_json(value) for key, value in self._common.items()}
        self._seq = 0
        self._prev = GENESIS
        self._last_t_s = 0.0
        self._signed_seq = -1
        self._closed = False
        self.append("header", 0.0, {"format": FORMAT, **(header or {})})

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> AuditLog:
        """A log written to `.NAME.partial` beside `path`, renamed to `path` when it closes."""
        partial = partial_of(path)
        try:
            handle = partial.open("w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise AuditError(f"{path}: cannot write the audit log: {exc.strerror}") from exc
        return cls(handle, path=path, **kwargs)

    def append(self, kind: str, t_s: float, payload: Any) -> str:
        """Append one record; returns its sha256."""
        if self._closed:
            raise AuditError("the audit log is closed; nothing more can be appended")
        # Each value is encoded once (the run's identity once per log): the digest's text and the line
        # share it, the same bytes as canonical_json of the whole record, which `record_digest`
        # recomputes when verifying.
        parts = {
            **self._encoded_common,
            "seq": str(self._seq),
            "t_s": canonical_json(t_s),
            "kind": canonical_json(kind),
            "payload": canonical_json(to_jsonable(payload)),
            "prev_sha256": canonical_json(self._prev),
        }
        digest = hashlib.sha256(_joined(parts).encode("utf-8")).hexdigest()
        parts["sha256"] = canonical_json(digest)
        self._sink.write(_joined(parts) + "\n")
        self._prev = digest
        self._seq += 1
        self._last_t_s = t_s
        return digest

    def sync(self, t_s: float = 0.0) -> None:
        """Sign the chain head (when signing and anything is new), then flush and fsync (once per scan)."""
        if self._signer is not None and self._seq - 1 > self._signed_seq:
            head_seq = self._seq - 1
            signature = sign_head(self._signer, "checkpoint", head_seq, self._prev)
            self.append("checkpoint", t_s, {"head_seq": head_seq, "head_sha256": self._prev, "signature": signature})
            self._signed_seq = self._seq - 1
        self._sink.flush()
        if self._path is not None:
            os.fsync(self._sink.fileno())

    def close(self) -> None:
        """Write the footer (signed when signing; its time is the last record's, so that nothing in it
        goes unsigned) and, for a file, give the log its name."""
        if self._closed:
            return
        footer: dict[str, Any] = {"records_before": self._seq}
        if self._signer is not None:
            footer["signature"] = sign_head(self._signer, "footer", self._seq - 1, self._prev)
        self.append("footer", self._last_t_s, footer)
        self._closed = True
        self._sink.flush()
        if self._path is not None:
            os.fsync(self._sink.fileno())
            self._sink.close()
            os.replace(partial_of(self._path), self._path)

    def discard(self) -> None:
        """A failed run: no footer, and a log being written to a file is removed."""
        self._closed = True
        if self._path is not None:
            self._sink.close()
            partial_of(self._path).unlink(missing_ok=True)

    @property
    def records(self) -> int:
        return self._seq

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (the scenario file named in the audit header)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
