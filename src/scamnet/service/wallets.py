"""Wallet risk as a step of ``scamnet run``: every wallet that moved coins is scored by
``wallet_risk`` (unsupervised: the store's labels are not read) and its alerts replaced.

The step reads the watchlist as the decision service does — open alerts and partners' raw
indicators — leaving out ``wallet_risk``'s own earlier alerts, so a re-run never feeds on itself.
A store without chain transfers has no wallet to score.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.crypto import WalletRiskDetector
from scamnet.features.crypto import watchlist_registered
from scamnet.service.alerts import store_alerts
from scamnet.store import Store
from scamnet.store.watchlist import watchlist_entries

__all__ = ["run_wallets"]


def run_wallets(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's wallets, replace the ``wallet_risk`` alerts; figures."""
    detector = WalletRiskDetector(seed=settings.seed)
    listed = [x for x in watchlist_entries(store) if x.entity.startswith("wallet:") and x.source != detector.name]
    watchlist = pa.table({"entity": [x.entity for x in listed], "score": [x.score for x in listed]},
                         schema=pa.schema([("entity", pa.string()), ("score", pa.float64())]))
    with watchlist_registered(store.data(), watchlist) as data:
        scores = detector.fit(data).score(data)
    alerts = store_alerts(store, detector, scores, settings, clock)
    return {"wallets_scored": scores.num_rows, "wallet_alerts": alerts.num_rows}
