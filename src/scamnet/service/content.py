"""Content detection as a step of ``scamnet run``, and one message judged on the spot.

``run_content`` scores every message of the store with ``scam_text`` (the shipped model; the
store's labels are not read) and every link with ``url_risk``, and replaces their alerts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.content.text.scam_text import ScamTextDetector, assess_texts, text_model
from scamnet.service.alerts import store_alerts
from scamnet.service.urls import run_urls
from scamnet.store import Store


def run_content(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's messages (``scam_text``) and links (``url_risk``), replace their alerts; figures per detector."""
    data = store.data()
    detector = ScamTextDetector(seed=settings.seed, model_path=Path(settings.text_model) if settings.text_model else None)
    scores = detector.fit(data).score(data)
    alerts = store_alerts(store, detector, scores, settings, clock)
    return {detector.name: {"scored": scores.num_rows, "alerts": alerts.num_rows}, **run_urls(store, settings, clock)}


def inspect_text(text: str, model_path: Path | None = None) -> dict[str, Any]:
    """Score, scam type and reasons of one message."""
    judged = assess_texts([text], text_model(model_path))[0]
    return {"score": judged.score, "scam": judged.is_scam, "scam_type": judged.scam_type, "reasons": judged.reasons()}
