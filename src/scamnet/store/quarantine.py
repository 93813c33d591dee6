"""Input rows taken out of the store by an operator, each kept whole with why, who and when.

A row the detectors cannot use (a time that cannot be real, a record a partner withdrew) is moved
to ``quarantined_rows`` in one transaction: deleted from its table and kept there as JSON, so the
removal is audited and can be undone by hand. Nothing is ever deleted without that record.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from scamnet.core.errors import NotFoundError
from scamnet.schema import TableSpec
from scamnet.store.db import Store


@dataclass(frozen=True)
class Removal:
    """Who takes rows out, why and when."""

    reason: str
    operator: str
    at: datetime


def key_sql(spec: TableSpec) -> str:
    """SQL for a row's key as text: its key fields joined by '/'."""
    return " || '/' || ".join(f'CAST("{k}" AS VARCHAR)' for k in spec.key)


def matching_rows(store: Store, spec: TableSpec, column: str, where: str, params: list,
                  shown: int) -> tuple[int, list[tuple[str, str]]]:
    """How many rows of ``spec`` match ``where``, and the key and ``column`` (as text) of the first ``shown``."""
    outside = f"FROM {spec.name} WHERE {where}"
    total = store.con.execute(f"SELECT count(*) {outside}", params).fetchall()[0][0]
    rows = store.con.execute(f'SELECT {key_sql(spec)}, CAST("{column}" AS VARCHAR) {outside} LIMIT ?', [*params, shown])
    return total, [(key, value) for key, value in rows.fetchall()]


def quarantine_rows(store: Store, spec: TableSpec, where: str, params: list, removal: Removal) -> list[str]:
    """Move the rows of ``spec`` matching ``where`` (SQL, with ``params``) to ``quarantined_rows``; their keys."""
    with store.transaction() as con:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _leaving AS SELECT {key_sql(spec)} AS row_key, "
                    f"CAST(to_json(t) AS VARCHAR) AS row_json FROM {spec.name} t WHERE {where}", params)
        keys = [k for (k,) in con.execute("SELECT row_key FROM _leaving ORDER BY row_key").fetchall()]
        batch = uuid.uuid4().hex[:12]
        con.execute("INSERT INTO quarantined_rows SELECT ? || '-' || row_number() OVER (ORDER BY row_key), ?, row_key, "
                    "row_json, ?, ?, ? FROM _leaving", [batch, spec.name, removal.reason, removal.operator, removal.at])
        con.execute(f"DELETE FROM {spec.name} WHERE {where}", params)
        con.execute("DROP TABLE _leaving")
    return keys


def quarantine_keys(store: Store, spec: TableSpec, keys: list[str], removal: Removal) -> list[str]:
    """Move the rows of ``spec`` under ``keys``; ``NotFoundError`` (nothing moved) when a key names no row."""
    placeholders = ", ".join("?" for _ in keys)
    found = {k for (k,) in store.con.execute(
        f"SELECT {key_sql(spec)} FROM {spec.name} WHERE {key_sql(spec)} IN ({placeholders})", keys).fetchall()}
    missing = [k for k in keys if k not in found]
    if missing:
        raise NotFoundError(f"no {spec.name} row under key {missing[0]!r}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                            hint=f"keys are the fields {', '.join(spec.key)} joined by '/'; nothing was changed")
    return quarantine_rows(store, spec, f"{key_sql(spec)} IN ({placeholders})", keys, removal)
