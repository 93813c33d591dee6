"""Telecom detection as a step of ``scamnet run``, and its bench.

``run_telecom`` scores every device and number of the store with the ``goip`` and
``fraud_number`` detectors (unsupervised: the store's labels, if any, are not read; supervised on
analysts' verdicts once ``fit_min_confirmed`` of a detector's alerts are confirmed) and replaces
their alerts. ``bench_telecom`` measures them on a simulated world against its labels.
"""

from __future__ import annotations

from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.enums import LabelRole
from scamnet.core.settings import Settings
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.service.alerts import store_alerts
from scamnet.service.verdict_fit import fit_verdicts, label_rows
from scamnet.store import Store

__all__ = ["run_telecom", "telecom_detectors"]
#: The label role a confirmed alert of each detector stands for in its supervised fit.
VERDICT_ROLE = {"goip": LabelRole.GOIP_DEVICE.value, "fraud_number": LabelRole.FRAUD_NUMBER.value}


def telecom_detectors(settings: Settings) -> list[GoipDetector | FraudNumberDetector]:
    """The telecom detectors, configured from ``settings``."""
    options = {"seed": settings.seed, "utc_offset_hours": settings.utc_offset_hours}
    return [GoipDetector(**options), FraudNumberDetector(**options)]


def run_telecom(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's devices and numbers, replace the telecom alerts; figures per detector."""
    data = store.data()
    summary = {}
    for detector in telecom_detectors(settings):
        verdicts = label_rows(fit_verdicts(store, detector.name, settings.fit_min_confirmed), VERDICT_ROLE[detector.name])
        scores = detector.fit(data, verdicts).score(data)
        alerts = store_alerts(store, detector, scores, settings, clock)
        summary[detector.name] = {"scored": scores.num_rows, "alerts": alerts.num_rows}
    return summary
