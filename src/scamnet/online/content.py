"""One message judged as it arrives: ``scam_text`` on its text, ``url_risk`` on each link in it.

The same shipped models and brand list as the batch detectors (``scamnet run``), loaded once when
the service starts. Each finding names the detector, the score and the evidence the detector gives
(cues in the text, the lookalike brand of a link).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scamnet.detect.content.text.scam_text import assess_texts, text_model
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import assess_urls, links_in_text, protected_brands, url_model
from scamnet.schema.entities import EntityError, normalise_url

#: Scores at or above this are findings (the detectors' own decision threshold).
THRESHOLD = 0.5


@dataclass(frozen=True)
class Finding:
    """A detector's verdict on part of a message: which detector, on what, how sure, why."""

    detector: str
    subject: str
    score: float
    evidence: tuple[str, ...]


class ContentJudge:
    """The content detectors, loaded once (model files: the settings ``text_model`` and ``protected_brands_file``)."""

    def __init__(self, text_model_path: Path | None = None, brands_path: Path | None = None) -> None:
        self.text_model = text_model(text_model_path)
        self.url_model = url_model(None)
        self.brands = protected_brands(brands_path)

    def findings(self, text: str) -> list[Finding]:
        """The text's and its links' findings at or above the threshold, strongest first."""
        return self.findings_many([text])[0]

    def findings_many(self, texts: list[str]) -> list[list[Finding]]:
        """``findings`` of each text, judged together: the models' cost is mostly per call, not per text."""
        judged = assess_texts(texts, self.text_model) if texts else []
        found = [[Finding("scam_text", "text", j.score, tuple(j.reasons()))] if j.is_scam else [] for j in judged]
        links = [(i, link) for i, text in enumerate(texts) for link in links_in_text(text) if _has_host(link)]
        assessed = assess_urls([link for _, link in links], self.url_model, self.brands) if links else []
        for (i, _), link in zip(links, assessed, strict=True):
            if link.is_risky:
                found[i].append(Finding("url_risk", link.given, link.score, tuple(link.reasons())))
        return [sorted(f, key=lambda x: -x.score) for f in found]


def link_entities(text: str) -> list[str]:
    """The watchlist ids of the links in ``text``: each link (``url:``) and its registrable domain (``domain:``)."""
    found: list[str] = []
    for link in links_in_text(text):
        try:
            found += [f"url:{normalise_url(link)}", f"domain:{url_parts(link).registrable}"]
        except EntityError:
            continue  # text that only looked like a link
    return list(dict.fromkeys(found))


def _has_host(link: str) -> bool:
    try:
        url_parts(link)
    except EntityError:
        return False
    return True
