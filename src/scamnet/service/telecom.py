"""Telecom detection as a step of ``scamnet run``, and its bench.

``run_telecom`` scores every device and number of the store with the ``goip`` and
``fraud_number`` detectors (unsupervised: the store's labels, if any, are not read) and replaces
their alerts. ``bench_telecom`` measures them on a simulated world against its labels.
"""

from __future__ import annotations

from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.service.alerts import store_alerts
from scamnet.store import Store

__all__ = ["run_telecom", "telecom_detectors"]


def telecom_detectors(settings: Settings) -> list[GoipDetector | FraudNumberDetector]:
    """The telecom detectors, configured from ``settings``."""
    options = {"seed": settings.seed, "utc_offset_hours": settings.utc_offset_hours}
    return [GoipDetector(**options), FraudNumberDetector(**options)]


def run_telecom(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's devices and numbers, replace the telecom alerts; figures per detector."""
    data = store.data()
    summary = {}
    for detector in telecom_detectors(settings):
        scores = detector.fit(data).score(data)
        alerts = store_alerts(store, detector, scores, settings, clock)
        summary[detector.name] = {"scored": scores.num_rows, "alerts": alerts.num_rows}
    return summary
