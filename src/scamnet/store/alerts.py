"""Alerts as the store holds them: by detector, by entity, per tier; and replacing a detector's."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import replace_table_rows

ALERTS = table("alerts")
_FIELDS = "entity, detector, score, tier, reasons, scam_type"


@dataclass(frozen=True)
class Alert:
    entity: str
    detector: str
    score: float
    tier: str
    reasons: list[str]
    scam_type: str | None


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


def _alert(row: tuple) -> Alert:
    entity, detector, score, tier, reasons, scam_type = row
    return Alert(entity, detector, score, tier, list(reasons or []), scam_type)


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
        "SELECT a.entity, a.detector, a.score, a.tier, a.reasons, a.scam_type, m.text FROM alerts a "
        "LEFT JOIN messages m ON m.msg_id = substr(a.entity, 5) "
        "WHERE a.detector = 'scam_text' ORDER BY a.score DESC, a.entity"
    ).fetchall()
    return [ScamMessage(_alert(r[:6]), r[6]) for r in rows]


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
    """Replace ``detector``'s alerts with ``alerts`` (re-running is idempotent); all or nothing."""
    return replace_table_rows(store, ALERTS, alerts, "detector = ?", [detector])
