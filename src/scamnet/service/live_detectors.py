"""The online detectors of ``scamnet serve``: fitted on the store's history as ``scamnet run`` fits them.

``live_detectors`` fits ``fraud_number``, ``goip`` and ``mule`` on the store (their reference
populations; LightGBM too where analysts' verdicts train one, as in the batch run) and loads the
reference facts their features read, with their state where ``state_url`` puts it (``online/detector_state.py``:
in the process, or shared through Redis by every instance). The service then scores numbers, devices and accounts from
their live state (``online/live_scores.py``). A store without calls, messages or transfers has no
reference population: the service then decides without online detector scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from scamnet.core.settings import Settings
from scamnet.detect.money import MuleDetector
from scamnet.features.data import Data
from scamnet.online.detector_refs import References
from scamnet.online.detector_state import detector_state
from scamnet.online.live_scores import LiveDetectors, Thresholds
from scamnet.service.telecom import VERDICT_ROLE, telecom_detectors
from scamnet.service.verdict_fit import fit_verdicts, label_rows
from scamnet.store import Store
from scamnet.store.events import event_count
from scamnet.store.repo import read_table

REFERENCE_TABLES = ("subscribers", "persons", "accounts", "reports", "report_items")


def live_detectors(store: Store, settings: Settings) -> LiveDetectors | None:
    """The fitted online detectors over ``store`` (None when it holds no events to fit them on)."""
    if event_count(store) == 0:
        return None
    verdicts = {name: fit_verdicts(store, name, settings.fit_min_confirmed) for name in ("goip", "fraud_number", "mule")}
    tables = {name: read_table(store, name) for name in REFERENCE_TABLES}
    return fitted_detectors(store.data(), tables, settings, verdicts)


def fitted_detectors(data: Data, tables: Mapping[str, pa.Table], settings: Settings,
                     verdicts: Mapping[str, dict[str, bool] | None] | None = None) -> LiveDetectors:
    """The online detectors fitted on ``data`` (analysts' ``verdicts`` per detector, as the batch run takes them),
    reading the reference ``tables``."""
    verdicts = verdicts or {}
    goip, fraud_number = telecom_detectors(settings)
    for detector in (goip, fraud_number):
        detector.fit(data, label_rows(verdicts.get(detector.name), VERDICT_ROLE[detector.name]))
    text_model = Path(settings.text_model) if settings.text_model else None
    mule = MuleDetector(seed=settings.seed, utc_offset_hours=settings.utc_offset_hours, text_model_path=text_model)
    mule.fit(data, verdicts.get(MuleDetector.name))
    return LiveDetectors(References.of_tables(tables), fraud_number=fraud_number, goip=goip,  # type: ignore[arg-type]
                         mule=mule, thresholds=Thresholds(settings.alert_threshold, settings.tier_high),
                         utc_offset_hours=settings.utc_offset_hours, state=detector_state(settings.state_url))
