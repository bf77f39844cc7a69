"""The platform's Ed25519 publication key (公开记录签名密钥), kept in a file outside the database.

``gongkai migrate`` creates it (``create_publication_key``) at ``settings.PUBLOG_KEY_PATH`` (default
``$GONGKAI_DATA_DIR/keys/publication-ed25519.pem``, mode 0600) when there is none; the public half is served at
``/.well-known/gongkai-publication-key``. Signing and verifying are the ``cryptography`` library's, nothing
hand-written.

A signed tree head signs these ASCII bytes (one field a line, each line ending in ``\\n``)::

    gongkai-publication-log/1
    <tree size, decimal>
    <root hash, 64 lower-case hex digits>
    <timestamp, milliseconds since 1970-01-01T00:00:00Z, decimal>
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext

from gongkai.core.errors import NotFound

HEAD_FORMAT = "gongkai-publication-log/1"


def key_path() -> Path:
    return Path(settings.PUBLOG_KEY_PATH)


def key_create() -> tuple[Path, bool]:
    """Create the key file unless it exists; returns its path and whether it was created. Never overwrites."""
    path = key_path()
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # O_EXCL: two processes running migrate at once cannot both write a key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path, False
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path, True


def private_key() -> Ed25519PrivateKey:
    path = key_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound(
            gettext("尚未生成公开记录签名密钥，请运行 gongkai migrate"),
            detail="The publication key has not been created; run gongkai migrate",
            code="publog.no_key",
        ) from exc
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 key")
    return key


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def key_id(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, in hex: names the key that signed a head."""
    return hashlib.sha256(public_raw(key)).hexdigest()


def head_message(tree_size: int, root_hash_hex: str, timestamp_ms: int) -> bytes:
    return f"{HEAD_FORMAT}\n{tree_size}\n{root_hash_hex}\n{timestamp_ms}\n".encode("ascii")


def sign(message: bytes) -> str:
    """The Ed25519 signature of ``message``, base64."""
    return base64.b64encode(private_key().sign(message)).decode("ascii")


def signature_valid(key: Ed25519PublicKey, message: bytes, signature_b64: str) -> bool:
    try:
        key.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True
