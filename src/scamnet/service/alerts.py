"""Turning detector scores into stored alerts, one way for every detector."""

from __future__ import annotations

from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.clock import Clock
from scamnet.core.enums import AlertStatus, Tier
from scamnet.core.settings import Settings
from scamnet.store import Store
from scamnet.store.alerts import ALERTS, replace_alerts


class Explained(Protocol):
    """What alerts need of a detector (or of a step that weighs detectors together): its name and reasons."""

    @property
    def name(self) -> str: ...

    def explain(self, entity: str) -> list[str]: ...

    def scam_type(self, entity: str) -> str | None: ...


def tier_of(score: float, settings: Settings) -> Tier:
    return tier_on(score, tier_lines(settings))


def tier_lines(settings: Settings) -> tuple[tuple[float, Tier], ...]:
    """Each tier's lowest score, highest tier first (settings ``tier_*``); read once where scores come fast."""
    return (settings.tier_critical, Tier.CRITICAL), (settings.tier_high, Tier.HIGH), (settings.tier_medium, Tier.MEDIUM)


def tier_on(score: float, lines: tuple[tuple[float, Tier], ...]) -> Tier:
    """The first tier of ``lines`` (``tier_lines``) whose line ``score`` reaches; else low."""
    for line, tier in lines:
        if score >= line:
            return tier
    return Tier.LOW


def alerts_from_scores(detector: Explained, scores: pa.Table, settings: Settings, clock: Clock) -> pa.Table:
    """Alert rows for the entities scoring at or above ``settings.alert_threshold``, with the
    detector's reasons and the scam type it reads in each (if it names one)."""
    flagged = scores.filter(pc.greater_equal(scores["score"], settings.alert_threshold)).to_pylist()
    now = clock.now()
    rows = [
        {
            "entity": r["entity"], "detector": detector.name, "score": r["score"],
            "tier": tier_of(r["score"], settings).value, "reasons": detector.explain(r["entity"]),
            "status": AlertStatus.OPEN.value, "created_at": now, "scam_type": detector.scam_type(r["entity"]),
        }
        for r in flagged
    ]
    return pa.Table.from_pylist(rows, schema=ALERTS.schema) if rows else ALERTS.empty()


def store_alerts(store: Store, detector: Explained, scores: pa.Table, settings: Settings, clock: Clock) -> pa.Table:
    """Replace the detector's stored alerts with those of ``scores`` (re-running is idempotent); them."""
    alerts = alerts_from_scores(detector, scores, settings, clock)
    replace_alerts(store, detector.name, alerts)
    return alerts
