"""A left-out source judged as the product judges a message: its words and its links together.

``scamnet run`` and ``scamnet inspect text`` do not stop at the text model: each link in a message
is scored by ``url_risk`` (the shipped link model and brand list) and joined with the text score
(``judge_in_context``: an official site as the only way to act lowers it, a flagged link raises
it). The leave-one-source-out figures are measured both ways: the text alone, and the text with its
links. No context beyond the message itself (senders, campaigns) enters: a public set holds none.
The link model never trained on any message source, so the joined figure is as unseen as the text one.
"""

from __future__ import annotations

from dataclasses import dataclass

from scamnet.detect.content.message_context import judge_in_context, links_with_host
from scamnet.detect.content.text.model import HAM, SPAM
from scamnet.detect.content.text.scam_text import TextAssessment
from scamnet.detect.content.url.url_risk import UrlAssessment, assess_urls, protected_brands, url_model
from scamnet.evaluate.results import Result


@dataclass(frozen=True)
class LinkedFigures(Result):
    """A left-out source's rows with each message's links joined to its words, as ``inspect text`` does."""

    rows_with_link: int
    scam_recall_with_links: float
    ham_flagged_pct_with_links: float
    spam_as_scam_with_links: float


def links_of(texts: list[str]) -> list[list[UrlAssessment]]:
    """Each text's links (those that name a host) as ``url_risk`` judges them; each distinct link scored once."""
    found = [links_with_host(text) for text in texts]
    distinct = list(dict.fromkeys(link for links in found for link in links))
    judged = dict(zip(distinct, assess_urls(distinct, url_model(None), protected_brands(None)), strict=True))
    return [[judged[link] for link in links] for links in found]


def labels_with_links(found: list[TextAssessment], links: list[list[UrlAssessment]]) -> list[str]:
    """Each message's label once its links are weighed: its scam type (``other`` without one) at or above 0.5,
    else ``spam`` when the text model reads marketing, else ``ham``."""
    labels = []
    for text, its_links in zip(found, links, strict=True):
        weighed = judge_in_context(text, its_links, ())
        labels.append((weighed.scam_type(text) or "other") if weighed.score >= 0.5 else SPAM if text.marketing else HAM)
    return labels
