"""Analysts' verdicts outlive the detector running again, and the newest verdict sets the status."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa

from scamnet.store.alerts import ALERTS, AlertQuery, alert_page, alerts_of, replace_alerts
from scamnet.store.reviews import Review, add_reviews, reviews_of

T0 = datetime(2026, 3, 10, 9, tzinfo=UTC)


def _alerts(*entities: str, score: float = 0.9) -> pa.Table:
    return pa.Table.from_pylist([
        {"entity": e, "detector": "mule", "score": score, "tier": "high", "reasons": ["passes money on within 1 h"],
         "status": "open", "created_at": T0, "scam_type": None} for e in entities], schema=ALERTS.schema)


def test_a_dismissed_mule_stays_dismissed_when_the_detector_runs_again(store) -> None:
    replace_alerts(store, "mule", _alerts("account:A", "account:B"))
    add_reviews(store, [Review("r1", "account:A", "mule", "dismiss", "ana", "landlord's account", T0)])
    replace_alerts(store, "mule", _alerts("account:A", "account:B", "account:C", score=0.95))
    statuses = {a.entity: a.status for a in alerts_of(store, ["account:A", "account:B", "account:C"])}
    assert statuses == {"account:A": "dismissed", "account:B": "open", "account:C": "open"}


def test_the_newest_verdict_decides_and_every_verdict_is_kept(store) -> None:
    replace_alerts(store, "mule", _alerts("account:A"))
    add_reviews(store, [Review("r1", "account:A", "mule", "dismiss", "ana", None, T0)])
    add_reviews(store, [Review("r2", "account:A", "mule", "escalate", "bo", "named in a new report",
                               T0.replace(hour=11))])
    assert [r.verdict for r in reviews_of(store, "account:A")] == ["escalate", "dismiss"]
    page = alert_page(store, AlertQuery(status="escalated"))
    assert page.total == 1 and page.alerts[0]["entity"] == "account:A"
    assert alert_page(store, AlertQuery(status="dismissed")).total == 0
