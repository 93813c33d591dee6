"""Links judged with the messages that carry them: a link pushed in messages judged scams is a scam link.

``url_risk`` reads a link alone. A scam site on a fresh domain with a plain name (``courtvip.vip``)
can read as merely suspicious there, while the messages that carry it are judged scams by their
text, their senders and their campaigns (``messages_in_context``). When at least ``MIN_SCAMS``
messages carry a link and most of them are judged scams, the link's score is raised to at least
the alert threshold, more the larger that share, with a reason naming the counts. A brand's own
site and a well-known site are never raised: scammers paste real banks' links too.
"""

from __future__ import annotations

import pyarrow as pa

from scamnet.detect.base import scores_table
from scamnet.detect.content.messages_in_context import MessagesInContext
from scamnet.detect.content.url.url_risk import UrlRiskDetector
from scamnet.features.data import Data

MIN_SCAMS = 2


class LinksInContext:
    """``url_risk``'s verdicts, raised for links that messages judged scams carry; a detector's ``score`` and ``explain``."""

    name = "url_risk"

    def __init__(self, links: UrlRiskDetector, messages: MessagesInContext) -> None:
        self.links, self.messages = links, messages
        self._raised: dict[str, tuple[float, str]] = {}

    def score(self, data: Data) -> pa.Table:
        """Every link and domain ``links`` scored (``links`` and ``messages`` have scored ``data``)."""
        return self.raise_carried(self.links.score(data))

    def raise_carried(self, scored: pa.Table) -> pa.Table:
        """``links``' own scores (``entity``, ``score``), raised where messages judged scams carry the link."""
        entities, scores = scored["entity"].to_pylist(), scored["score"].to_pylist()
        self._raised = {}
        for i, entity in enumerate(entities):
            raised = self._carried(entity, scores[i])
            if raised is not None:
                self._raised[entity] = raised
                scores[i] = raised[0]
        return scores_table(entities, scores)

    def _carried(self, entity: str, own: float) -> tuple[float, str] | None:
        carried, scams = self.messages.carried.get(entity, (0, 0))
        judged = self.links.assessment(entity)
        if scams < MIN_SCAMS or 2 * scams <= carried or judged is None or judged.official or judged.known_site:
            return None
        share = scams / carried
        score = max(own, 0.5 + 0.4 * share)
        return (score, f"carried by {scams} of {carried} messages judged scams") if score > own else None

    def explain(self, entity: str) -> list[str]:
        reasons = self.links.explain(entity)
        raised = self._raised.get(entity)
        return [*reasons, raised[1]] if raised else reasons

    def scam_type(self, entity: str) -> str | None:
        return None
