"""What an analyst does through the service: read the alert queue, and confirm, dismiss or escalate alerts.

Each verdict is kept with the analyst's name and the time (``alert_reviews``) and sets the
alert's status at once; a dismissed alert leaves the decision service's watchlist at its next
check (``watchlist_refresh_s``), and the verdict outlives the detector running again. Verdicts
are written to the store: while a batch run holds it, the write waits ``API_WRITE_WAIT_S`` and
then answers that the store is busy (nothing is written; send it again).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.enums import ReviewVerdict
from scamnet.core.errors import ConfigError
from scamnet.service.decide import DecisionService
from scamnet.store.alerts import AlertPage, AlertQuery, alert_page, alerts_of
from scamnet.store.reviews import Review, add_reviews, reviews_of

#: Seconds an analyst's or admin's write waits for a batch run to finish with the store.
API_WRITE_WAIT_S = 2.0


@dataclass(frozen=True)
class Verdict:
    """One alert (``entity`` and ``detector``) and what the analyst says of it."""

    entity: str
    detector: str
    verdict: str
    note: str | None = None


def alert_queue(service: DecisionService, query: AlertQuery) -> AlertPage:
    """The alerts matching ``query``, one page."""
    with service.store() as store:
        return alert_page(store, query)


def review_alerts(service: DecisionService, verdicts: Sequence[Verdict], analyst: str, clock: Clock) -> list[Review]:
    """Keep each verdict (all or none) and set its alert's status; the reviews kept."""
    known = {v.value for v in ReviewVerdict}
    for number, item in enumerate(verdicts):
        if item.verdict not in known:
            raise ConfigError(f"review {number}: verdict {item.verdict!r}", hint="one of: " + ", ".join(sorted(known)))
    now = clock.now()
    kept = [Review(f"rv{secrets.token_hex(8)}", v.entity, v.detector, v.verdict, analyst, v.note, now) for v in verdicts]
    with service.store(read_only=False, wait_s=API_WRITE_WAIT_S) as store:
        add_reviews(store, kept)
    service.refresh(force=True)  # a dismissed entity leaves the watchlist now, not at the next check
    return kept


def alert_history(service: DecisionService, entity: str) -> dict[str, Any]:
    """``entity``'s alerts with every verdict given on them, newest first."""
    with service.store() as store:
        alerts = alerts_of(store, [entity])
        reviews = reviews_of(store, entity)
    return {"entity": entity,
            "alerts": [{**a.__dict__, "reviews": [r.__dict__ for r in reviews if r.detector == a.detector]}
                       for a in alerts]}
