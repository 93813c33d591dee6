"""Links: judge one on the spot (``scamnet inspect url``), and score the store's links as a step of ``scamnet run``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.content.url.url_risk import UrlRiskDetector, assess_urls, protected_brands, url_model
from scamnet.service.alerts import store_alerts
from scamnet.store import Store


def inspect_url(link: str, model_path: Path | None = None, brands_path: Path | None = None) -> dict[str, Any]:
    """Score, verdict and reasons of one link or domain (defanged forms are read too)."""
    judged = assess_urls([link], url_model(model_path), protected_brands(brands_path))[0]
    return {
        "url": judged.parts.url, "registrable_domain": judged.parts.registrable, "score": judged.score,
        "risky": judged.is_risky, "brands": sorted({m.brand.name for m in judged.matches if m.strength >= 0.5}),
        "official": judged.official.name if judged.official else None, "reasons": judged.reasons(),
    }


def run_urls(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's links and domains with ``url_risk`` and replace its alerts; its figures."""
    data = store.data()
    brands = Path(settings.protected_brands_file) if settings.protected_brands_file else None
    detector = UrlRiskDetector(seed=settings.seed, brands_path=brands)
    scores = detector.fit(data).score(data)
    alerts = store_alerts(store, detector, scores, settings, clock)
    return {detector.name: {"scored": scores.num_rows, "alerts": alerts.num_rows}}
