"""API keys as the store holds them: hashed, with their role; added, listed, revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import append_rows

API_KEYS = table("api_keys")


@dataclass(frozen=True)
class StoredKey:
    key_id: str
    role: str
    key_hash: str
    label: str | None
    created_at: datetime
    revoked_at: datetime | None


def add_key(store: Store, key: StoredKey) -> None:
    """Store one new key (its hash, never the key)."""
    with store.transaction() as con:
        append_rows(con, API_KEYS, pa.Table.from_pylist([key.__dict__], schema=API_KEYS.schema))


def stored_keys(store: Store) -> list[StoredKey]:
    """Every key, revoked ones included, oldest first (none in a store older than the keys, opened read-only)."""
    if not store.has_table("api_keys"):
        return []
    rows = store.con.execute(f"SELECT {', '.join(API_KEYS.column_names)} FROM api_keys ORDER BY created_at, key_id")
    return [StoredKey(*r) for r in rows.fetchall()]


def revoke_key(store: Store, key_id: str, at: datetime) -> bool:
    """Mark a key revoked; whether there was such a valid key."""
    with store.transaction() as con:
        found = con.execute("UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL RETURNING key_id",
                            [at, key_id]).fetchall()
    return bool(found)
