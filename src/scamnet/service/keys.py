"""API keys: created with a role, stored hashed, checked on every request, revoked.

A key reads ``<key_id>.<secret>``: the id is public (it names the key in lists and logs), the
secret is 256 random bits shown once, at creation; the store keeps its SHA-256 only. A plain hash
is enough for a secret that random (no dictionary to try); the check compares in constant time.

>>> from datetime import datetime
>>> ring = KeyRing([StoredKey("k1", "ingest", secret_hash("s3cret"), None, datetime(2026, 3, 1), None)])
>>> ring.role_of("k1.s3cret"), ring.role_of("k1.guess"), ring.role_of("nonsense")
(<KeyRole.INGEST: 'ingest'>, None, None)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scamnet.core.clock import Clock
from scamnet.core.enums import KeyRole
from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.store import open_store
from scamnet.store.keys import StoredKey, add_key, revoke_key, stored_keys


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewKey:
    """A key just created: the whole key (shown once) and what is stored of it."""

    key: str
    stored: StoredKey


def create_key(db: Path, role: str, clock: Clock, label: str | None = None, *, wait_s: float | None = None) -> NewKey:
    """A new key with ``role`` (ingest, analyst, admin), its hash stored in the store at ``db``."""
    if role not in {r.value for r in KeyRole}:
        raise ConfigError(f"no role {role!r}", hint="one of: " + ", ".join(r.value for r in KeyRole))
    key_id, secret = f"sk{secrets.token_hex(6)}", secrets.token_urlsafe(32)
    stored = StoredKey(key_id, role, secret_hash(secret), label, clock.now(), None)
    with open_store(db, wait_s=wait_s) as store:
        add_key(store, stored)
    return NewKey(f"{key_id}.{secret}", stored)


def list_keys(db: Path) -> list[StoredKey]:
    with open_store(db, read_only=True) as store:
        return stored_keys(store)


def revoke(db: Path, key_id: str, clock: Clock, *, wait_s: float | None = None) -> None:
    with open_store(db, wait_s=wait_s) as store:
        if not revoke_key(store, key_id, clock.now()):
            raise NotFoundError(f"no valid key {key_id!r}", hint="scamnet keys list shows the keys")


class KeyRing:
    """The valid keys, checked in constant time."""

    def __init__(self, keys: Iterable[StoredKey] = ()) -> None:
        self._by_id = {k.key_id: k for k in keys if k.revoked_at is None}

    def __len__(self) -> int:
        return len(self._by_id)

    def by_id(self, key_id: str) -> StoredKey | None:
        """The valid key ``key_id`` (the console checks what it signed with the key's stored hash)."""
        return self._by_id.get(key_id)

    def role_of(self, presented: str) -> KeyRole | None:
        """The role of a presented key, or None when it is unknown, revoked or wrong."""
        holder = self.holder_of(presented)
        return KeyRole(holder.role) if holder is not None else None

    def holder_of(self, presented: str) -> StoredKey | None:
        """The stored key a presented key matches, or None when it is unknown, revoked or wrong."""
        key_id, _, secret = presented.partition(".")
        stored = self._by_id.get(key_id)
        if stored is None or not secret:
            return None
        return stored if hmac.compare_digest(stored.key_hash, secret_hash(secret)) else None
