"""Content detection as a step of ``scamnet run``, and one message judged on the spot.

``run_content`` scores every link with ``url_risk`` and every message with ``scam_text`` (the
shipped models; the store's labels are not read), then weighs each message with its links,
its sender and the messages like it (``messages_in_context``), raises the links that messages
judged scams carry (``links_in_context``), and replaces their alerts.
Telecom runs first, so a sender with a ``fraud_number`` or ``goip`` alert counts as flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.enums import ScamType
from scamnet.core.settings import Settings
from scamnet.detect.content.links_in_context import LinksInContext
from scamnet.detect.content.message_context import context_reasons, judge_in_context, links_with_host
from scamnet.detect.content.messages_in_context import MessagesInContext
from scamnet.detect.content.text.model import SPAM
from scamnet.detect.content.text.scam_text import (
    LEGITIMATE,
    UNKNOWN,
    ScamTextDetector,
    TextAssessment,
    assess_texts,
    text_model,
)
from scamnet.detect.content.url.url_risk import (
    UrlAssessment,
    UrlRiskDetector,
    assess_urls,
    protected_brands,
    url_model,
)
from scamnet.service.alerts import store_alerts
from scamnet.store import Store
from scamnet.store.alerts import flagged_numbers


def run_content(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's links (``url_risk``) and messages (``scam_text`` in context), replace their alerts; figures."""
    data = store.data()
    brands = Path(settings.protected_brands_file) if settings.protected_brands_file else None
    links = UrlRiskDetector(seed=settings.seed, brands_path=brands).fit(data)
    links.score(data)
    text = ScamTextDetector(seed=settings.seed, model_path=Path(settings.text_model) if settings.text_model else None)
    text.fit(data).score(data)
    judged = MessagesInContext(text, links, flagged_numbers(store, other_than=text.name))
    scores = judged.score(data)
    alerts = store_alerts(store, judged, scores, settings, clock)
    carried = LinksInContext(links, judged)
    link_scores = carried.score(data)
    link_alerts = store_alerts(store, carried, link_scores, settings, clock)
    return {text.name: {"scored": scores.num_rows, "alerts": alerts.num_rows},
            links.name: {"scored": link_scores.num_rows, "alerts": link_alerts.num_rows}}


@dataclass(frozen=True)
class MessageVerdict:
    """One message judged on its own with its links, as ``scamnet run`` weighs a message's links (no sender, no
    campaign: nothing around it is known). ``label``: the scam type at or above the alert threshold (``other``
    when neither the model nor the cues name one), else ``unknown``, ``spam`` or ``legitimate``."""

    score: float
    label: str
    scam_type: str | None
    reasons: list[str]

    @property
    def scam(self) -> bool:
        return self.score >= 0.5


def message_verdict(judged: TextAssessment, links: list[UrlAssessment]) -> MessageVerdict:
    """``judged`` (the text model's verdict) with ``links`` (``url_risk``'s verdicts on the links it holds) weighed in:
    a flagged link raises it, an official link as its only way to act lowers it (``judge_in_context``)."""
    if not links:
        return MessageVerdict(judged.score, judged.label, judged.scam_type, judged.reasons())
    weighed = judge_in_context(judged, links, ())
    if weighed.score >= 0.5:
        label = weighed.scam_type(judged) or ScamType.OTHER.value
    elif not judged.language_known:
        label = UNKNOWN
    else:
        label = SPAM if judged.marketing else LEGITIMATE
    return MessageVerdict(weighed.score, label, weighed.scam_type(judged), context_reasons(judged, weighed))


def inspect_text(text: str, model_path: Path | None = None, brands_path: Path | None = None) -> dict[str, Any]:
    """Score, scam type and reasons of one message, its links judged with it (an official link lowers the score)."""
    judged = assess_texts([text], text_model(model_path))[0]
    found = links_with_host(text)
    links = assess_urls(found, url_model(None), protected_brands(brands_path)) if found else []
    verdict = message_verdict(judged, links)
    scam_type = verdict.label if verdict.scam else judged.scam_type
    return {"score": verdict.score, "scam": verdict.scam, "scam_type": scam_type, "label": verdict.label,
            "reasons": verdict.reasons}
