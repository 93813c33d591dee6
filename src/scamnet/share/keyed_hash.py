"""Keyed hashes of entity ids, so two agencies match indicators without revealing them.

The value hashed is the typed, normalised entity id (``phone:+8613812345678``), so every way of
writing the same number gives the same hash, and a phone and an account with the same digits
never collide. HMAC-SHA256 with a secret both partners hold: without the secret a hash cannot
be checked against a guessed number.

>>> secret = b"shared between the two agencies"
>>> keyed_hash("phone", "+86 138 1234 5678", secret) == keyed_hash("phone", "0086 13812345678", secret)
True
>>> keyed_hash("phone", "13812345678", secret) == keyed_hash("phone", "13812345678", b"another secret")
False
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from scamnet.core.errors import ConfigError
from scamnet.schema.entities import normalise, split_entity

MIN_SECRET_BYTES = 16


def keyed_hash(kind: str, raw: str, secret: bytes, region: str = "CN") -> str:
    """Hex HMAC-SHA256 of the entity id of ``raw`` read as ``kind``."""
    return entity_hash(normalise(kind, raw, region), secret)


def entity_hash(entity_id: str, secret: bytes) -> str:
    """Hex HMAC-SHA256 of an entity id that is already normalised."""
    split_entity(entity_id)
    return hmac.new(secret, entity_id.encode("utf-8"), hashlib.sha256).hexdigest()


def read_secret(path: Path) -> bytes:
    """The shared secret in ``path`` (surrounding whitespace dropped); an error when it is too short."""
    if not path.is_file():
        raise ConfigError(f"no secret file at {path}", hint="give --secret-file with the secret you share with the partner")
    secret = path.read_bytes().strip()
    if len(secret) < MIN_SECRET_BYTES:
        raise ConfigError(
            f"the secret in {path} has {len(secret)} bytes, expected at least {MIN_SECRET_BYTES}",
            hint="a short secret lets anyone test guessed numbers against the hashes; use 32 random bytes",
        )
    return secret


def configured_secret(secret_file: str) -> bytes | None:
    """The secret of the ``share_secret_file`` setting, or None when it is not set."""
    return read_secret(Path(secret_file)) if secret_file else None
