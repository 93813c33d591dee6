"""Turning detector scores into stored alerts, one way for every detector."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.clock import Clock
from scamnet.core.enums import AlertStatus, Tier
from scamnet.core.settings import Settings
from scamnet.schema import table
from scamnet.store import Store
from scamnet.store.repo import replace_rows

ALERTS = table("alerts")


def tier_of(score: float, settings: Settings) -> Tier:
    if score >= settings.tier_critical:
        return Tier.CRITICAL
    if score >= settings.tier_high:
        return Tier.HIGH
    if score >= settings.tier_medium:
        return Tier.MEDIUM
    return Tier.LOW


def alerts_from_scores(
    detector: str,
    scores: pa.Table,
    explain: Callable[[str], list[str]],
    settings: Settings,
    clock: Clock,
) -> pa.Table:
    """Alert rows for the entities scoring at or above ``settings.alert_threshold``."""
    flagged = scores.filter(pc.greater_equal(scores["score"], settings.alert_threshold)).to_pylist()
    now = clock.now()
    rows = [
        {
            "entity": r["entity"],
            "detector": detector,
            "score": r["score"],
            "tier": tier_of(r["score"], settings).value,
            "reasons": explain(r["entity"]),
            "status": AlertStatus.OPEN.value,
            "created_at": now,
        }
        for r in flagged
    ]
    return pa.Table.from_pylist(rows, schema=ALERTS.schema) if rows else ALERTS.empty()


def store_alerts(store: Store, detector: str, alerts: pa.Table) -> int:
    """Replace this detector's alerts (re-running is idempotent); all or nothing."""
    with store.transaction() as con:
        return replace_rows(con, ALERTS, alerts, "detector = ?", [detector])
