"""Alerts as the store holds them: by detector, by entity, per tier; and replacing a detector's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa

from scamnet.core.errors import ConfigError
from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import replace_rows
from scamnet.store.reviews import apply_reviews

ALERTS = table("alerts")
_FIELDS = "entity, detector, score, tier, reasons, scam_type, status"


@dataclass(frozen=True)
class Alert:
    entity: str
    detector: str
    score: float
    tier: str
    reasons: list[str]
    scam_type: str | None
    status: str = "open"


@dataclass(frozen=True)
class TierCount:
    detector: str
    tier: str
    alerts: int


@dataclass(frozen=True)
class ScamMessage:
    """A ``scam_text`` alert with the message's text."""

    alert: Alert
    text: str | None


@dataclass(frozen=True)
class AlertQuery:
    """Which alerts an analyst's queue shows: every filter optional, sorted by score (or newest first)."""

    detector: str | None = None
    tier: str | None = None
    status: str | None = None
    kind: str | None = None  # the entity's kind: account, phone, imei, domain, url, msg, ...
    entity_prefix: str | None = None
    min_score: float | None = None
    since: datetime | None = None
    until: datetime | None = None
    sort: str = "score"  # or "newest"
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class AlertPage:
    total: int
    alerts: list[dict[str, Any]]


_ORDER = {"score": "score DESC, entity, detector", "newest": "created_at DESC, score DESC, entity, detector"}


def alert_page(store: Store, query: AlertQuery) -> AlertPage:
    """One page of the alerts matching ``query``, with how many match in all."""
    if query.sort not in _ORDER:
        raise ConfigError(f"sort {query.sort!r}", hint="sort by " + " or ".join(_ORDER))
    tests = [("detector = ?", query.detector), ("tier = ?", query.tier), ("status = ?", query.status),
             ("split_part(entity, ':', 1) = ?", query.kind), ("starts_with(entity, ?)", query.entity_prefix),
             ("score >= ?", query.min_score), ("created_at >= ?", query.since), ("created_at < ?", query.until)]
    chosen = [(sql, value) for sql, value in tests if value is not None]
    where = ("WHERE " + " AND ".join(sql for sql, _ in chosen)) if chosen else ""
    params = [value for _, value in chosen]
    total = store.con.execute(f"SELECT count(*) FROM alerts {where}", params).fetchall()[0][0]
    cursor = store.con.execute(
        f"SELECT {', '.join(ALERTS.column_names)} FROM alerts {where} ORDER BY {_ORDER[query.sort]} LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset])
    names = [d[0] for d in cursor.description]
    return AlertPage(total, [dict(zip(names, row, strict=True)) for row in cursor.fetchall()])


def _alert(row: tuple) -> Alert:
    entity, detector, score, tier, reasons, scam_type, status = row
    return Alert(entity, detector, score, tier, list(reasons or []), scam_type, status)


def top_alerts(store: Store, limit: int, detector: str | None = None) -> list[Alert]:
    """The ``limit`` highest-scoring alerts (of ``detector`` when given), ties by entity."""
    where, params = ("WHERE detector = ?", [detector]) if detector else ("", [])
    rows = store.con.execute(
        f"SELECT {_FIELDS} FROM alerts {where} ORDER BY score DESC, entity LIMIT ?", [*params, limit]
    ).fetchall()
    return [_alert(r) for r in rows]


def alerts_of(store: Store, entities: list[str]) -> list[Alert]:
    """Every alert on one of ``entities``, highest score first."""
    rows = store.con.execute(
        f"SELECT {_FIELDS} FROM alerts WHERE entity IN (SELECT unnest(?)) ORDER BY score DESC, entity, detector",
        [entities],
    ).fetchall()
    return [_alert(r) for r in rows]


def alerts_per_tier(store: Store) -> list[TierCount]:
    rows = store.con.execute("SELECT detector, tier, count(*) FROM alerts GROUP BY ALL ORDER BY detector, tier")
    return [TierCount(*r) for r in rows.fetchall()]


def scam_messages(store: Store) -> list[ScamMessage]:
    """The ``scam_text`` alerts, highest score first, with their messages' text."""
    rows = store.con.execute(
        "SELECT a.entity, a.detector, a.score, a.tier, a.reasons, a.scam_type, a.status, m.text FROM alerts a "
        "LEFT JOIN messages m ON m.msg_id = substr(a.entity, 5) "
        "WHERE a.detector = 'scam_text' ORDER BY a.score DESC, a.entity"
    ).fetchall()
    return [ScamMessage(_alert(r[:7]), r[7]) for r in rows]


def flagged_entities(store: Store) -> list[str]:
    """Entities flagged by a detector or on a partner's watchlist (raw indicators imported)."""
    rows = store.con.execute(
        "SELECT DISTINCT entity FROM alerts "
        "UNION SELECT DISTINCT kind || ':' || value FROM indicators WHERE NOT hashed AND source <> 'own'"
    ).fetchall()
    return sorted(r[0] for r in rows)


def flagged_numbers(store: Store, other_than: str) -> dict[str, str]:
    """Phone numbers (without ``phone:``) with an alert of a detector other than ``other_than``: why, strongest first."""
    rows = store.con.execute(
        "SELECT substr(entity, 7), detector, score FROM alerts WHERE entity LIKE 'phone:%' AND detector <> ? "
        "ORDER BY score DESC, detector", [other_than],
    ).fetchall()
    found: dict[str, str] = {}
    for number, detector, score in rows:
        found.setdefault(number, f"{detector} alert (score {score:.2f})")
    return found


def replace_alerts(store: Store, detector: str, alerts: pa.Table) -> int:
    """Replace ``detector``'s alerts with ``alerts`` (re-running is idempotent); all or nothing.

    Analysts' verdicts (``reviews``) outlive the rows: each new alert takes its newest verdict's status.
    """
    with store.transaction() as con:
        written = replace_rows(con, ALERTS, alerts, "detector = ?", [detector])
        apply_reviews(con, detector)
    return written
