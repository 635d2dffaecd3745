"""Ed25519 keys for signing audit logs (the `cryptography` package).

A private key is written as unencrypted PKCS#8 PEM with mode 0600, its public key beside it as
`KEY.pub` (SubjectPublicKeyInfo PEM). A key is named by its fingerprint: `sha256:` and the hex
SHA-256 of the raw 32-byte public key. What is signed is a short ASCII statement naming the log
format, the record kind (`checkpoint` or `footer`), and the sequence number and SHA-256 of the
chain head it vouches for: a signature over one head vouches for every record before it, because
each record's hash covers the previous one.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from interdict.core.errors import AuditError

__all__ = [
    "generate_key",
    "load_private_key",
    "load_public_key",
    "fingerprint",
    "head_statement",
    "sign_head",
    "signature_valid",
]


def generate_key(path: Path) -> tuple[Path, str]:
    """Write a new private key to `path` (0600, refused if it exists) and its public key to
    `path.pub`; returns the public key's path and the fingerprint."""
    public_path = path.with_name(path.name + ".pub")
    for p in (path, public_path):
        if p.exists():
            raise AuditError(f"{p}: exists already; a key is never overwritten (choose another --out)")
    if not path.parent.is_dir():
        raise AuditError(f"{path.parent}: no such folder for the key")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(private_pem)
        public_path.write_bytes(public_pem)
    except OSError as exc:
        raise AuditError(f"{exc.filename}: cannot write the key: {exc.strerror}") from exc
    return public_path, fingerprint(key.public_key())


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file; AuditError naming the file otherwise."""
    try:
        key = serialization.load_pem_private_key(_read(path, "signing key"), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditError(f"{path}: expected an unencrypted Ed25519 private key in PEM (from `interdict audit keygen`)")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file; AuditError naming the file otherwise."""
    try:
        key = serialization.load_pem_public_key(_read(path, "public key"))
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise AuditError(f"{path}: expected an Ed25519 public key in PEM (the KEY.pub of `interdict audit keygen`)")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def head_statement(kind: str, head_seq: int, head_sha256: str) -> bytes:
    """What a checkpoint or the footer signs: the chain head it vouches for."""
    return f"interdict-audit/1 {kind} head {head_seq} {head_sha256}".encode("ascii")


def sign_head(key: Ed25519PrivateKey, kind: str, head_seq: int, head_sha256: str) -> str:
    """The base64 signature of a chain head."""
    return base64.b64encode(key.sign(head_statement(kind, head_seq, head_sha256))).decode("ascii")


def signature_valid(key: Ed25519PublicKey, signature: object, kind: str, head_seq: int, head_sha256: str) -> bool:
    if not isinstance(signature, str):
        return False
    try:
        key.verify(base64.b64decode(signature, validate=True), head_statement(kind, head_seq, head_sha256))
    except (InvalidSignature, ValueError):
        return False
    return True


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AuditError(f"{path}: cannot read the {what}: {exc.strerror}") from exc
