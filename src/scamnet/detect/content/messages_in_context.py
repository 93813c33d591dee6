"""The store's messages judged together (the content step of ``scamnet run``): text, links, senders, campaigns.

``scam_text`` reads each distinct text once and ``url_risk`` each link; ``messages_in_context``
then weighs every message with ``message_context``: its links' verdicts, the links and senders
of the other flagged messages, the sender's alerts from other detectors (``flagged_senders``),
and campaigns (one template, many senders, many strangers: ``content/message_context``).
Its scores and reasons become the ``scam_text`` alerts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from scamnet.detect.base import not_scored_error, scores_table
from scamnet.detect.content.message_context import (
    InContext,
    MessageContext,
    context_reasons,
    judge_in_context,
    link_key,
    template_of_normalised,
)
from scamnet.detect.content.text.scam_text import ScamTextDetector, TextAssessment
from scamnet.detect.content.url.url_risk import UrlAssessment, UrlRiskDetector, links_in_text
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.schema.entities import EntityError, normalise_url


@dataclass(frozen=True)
class JudgedMessage:
    text: TextAssessment
    context: InContext

    @property
    def score(self) -> float:
        return self.context.score

    def reasons(self) -> list[str]:
        return context_reasons(self.text, self.context)


class MessagesInContext:
    """``scam_text``'s verdicts weighed in context; ``score``, ``explain`` and ``scam_type`` as a detector's."""

    name = "scam_text"

    def __init__(self, text: ScamTextDetector, links: UrlRiskDetector, flagged_senders: dict[str, str] | None = None):
        self.text, self.links = text, links
        self.flagged_senders = flagged_senders or {}
        self._judged: dict[str, JudgedMessage] = {}
        #: Link entity (``url:...``) → messages that carry it, and how many of them are judged scams.
        self.carried: dict[str, list[int]] = {}

    def score(self, data: Data) -> pa.Table:
        """Every message of ``data`` (``msg:<id>``), scored in context; ``text`` and ``links`` have scored ``data``."""
        return self.score_messages(run_feature(data, "content/message_context"))

    def score_messages(self, found: pa.Table) -> pa.Table:
        """``score`` over the rows of the ``content/message_context`` query (computed here or by another engine)."""
        # the rows as columns, not a ``Message`` each: millions of objects made and swept for nothing
        entities = [f"msg:{m}" for m in found["msg_id"].to_pylist()]
        senders = [sender or "" for sender in found["sender"].to_pylist()]
        recipients = [recipient or "" for recipient in found["recipient"].to_pylist()]
        strangers = [bool(stranger) for stranger in found["stranger"].to_pylist()]
        texts = found["text"].to_pylist()
        judged_text = [self._text(entity) for entity in entities]
        # campaigns repeat texts: each distinct text's links, template and carried links are worked out once
        distinct = {t.text: t for t in judged_text}
        by_text = {text: _TextLinks.of(self._links(text), t.normalised) for text, t in distinct.items()}
        context = MessageContext(self.flagged_senders)
        flagged = []
        for sender, recipient, stranger, written, text in zip(senders, recipients, strangers, texts, judged_text,
                                                              strict=True):
            own = by_text[written]
            flagged.append(text.is_scam or own.risky)
            context.add_sent(sender, recipient, stranger, own.template, own.keys, flagged[-1])
        self._judged = {}
        weighed: dict[tuple[str, tuple[str, ...]], JudgedMessage] = {}  # one text with the same signs: one verdict
        for entity, sender, stranger, written, text, is_flagged in zip(entities, senders, strangers, texts, judged_text,
                                                                       flagged, strict=True):
            own = by_text[written]
            key = (written, tuple(context.signs_of(sender, stranger, own.template, own.keys, is_flagged)))
            judged = weighed.get(key)
            if judged is None:
                verdict = judge_in_context(text, own.links, key[1])
                judged = weighed[key] = JudgedMessage(text, verdict)
            self._judged[entity] = judged
            for carried in own.entities:
                counts = self.carried.setdefault(carried, [0, 0])
                counts[0] += 1
                counts[1] += judged.score >= 0.5
        return scores_table(list(self._judged), [j.score for j in self._judged.values()])

    def explain(self, entity: str) -> list[str]:
        if entity not in self._judged:
            raise not_scored_error(self.name, entity)
        return self._judged[entity].reasons()

    def scam_type(self, entity: str) -> str | None:
        judged = self._judged.get(entity)
        return judged.context.scam_type(judged.text) if judged is not None else None

    def _text(self, entity: str) -> TextAssessment:
        judged = self.text.assessment(entity)
        if judged is None:
            raise not_scored_error(self.text.name, entity)
        return judged

    def _links(self, text: str) -> list[UrlAssessment]:
        found = []
        for link in links_in_text(text):
            try:
                judged = self.links.assessment(f"url:{normalise_url(link)}")
            except EntityError:
                continue  # text that only looked like a link
            if judged is not None:
                found.append(judged)
        return found


@dataclass(frozen=True)
class _TextLinks:
    """What a text's links give every message with that text: the links judged, their keys in the context,
    whether one is risky, the text's template, and the link entities it carries (each once)."""

    links: list[UrlAssessment]
    keys: list[str]
    risky: bool
    template: str
    entities: tuple[str, ...]

    @classmethod
    def of(cls, links: list[UrlAssessment], normalised: str) -> _TextLinks:
        carried = tuple({e for e in map(_entity, links) if e is not None})
        return cls(links, [link_key(link) for link in links], any(link.is_risky for link in links),
                   template_of_normalised(normalised), carried)


def _entity(link: UrlAssessment) -> str | None:
    try:
        return f"url:{normalise_url(link.given)}"
    except EntityError:
        return None
