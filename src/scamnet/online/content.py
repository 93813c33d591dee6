"""One message judged as it arrives: ``scam_text`` on its text, ``url_risk`` on each link, then the message in context.

The same shipped models and brand list as the batch detectors (``scamnet run``), loaded once when
the service starts. Each finding names the detector, the score and the evidence the detector gives
(cues in the text, the lookalike brand of a link). As in the batch path (``message_context``), an
official link lowers the text's score and the signs around a message raise it: a flagged link, a
link or sender seen in messages already flagged, a campaign. Live, the decision service keeps what
it has seen in a bounded ``MessageContext`` (``LiveMessages``); a sender on the watchlist gets the
watchlist's own reason.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from scamnet.detect.content.message_context import (
    LIVE_ENTRIES,
    InContext,
    Message,
    MessageContext,
    Weighing,
    claimed_type,
    context_reasons,
    link_key,
    links_weighed,
    links_with_host,
    template_of_normalised,
    with_signs,
)
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import (
    UrlAssessment,
    assess_urls,
    links_in_text,
    protected_brands,
    url_model,
)
from scamnet.schema.entities import EntityError, normalise_url

#: Scores at or above this are findings (the detectors' own decision threshold).
THRESHOLD = 0.5
#: Distinct links whose verdicts are kept (a link's verdict depends on the link alone).
RECENT_LINKS = 50_000
#: Distinct texts whose links' watchlist ids are kept.
RECENT_TEXTS = 20_000


@dataclass(frozen=True)
class Finding:
    """A detector's verdict on part of a message: which detector, on what, how sure, why."""

    detector: str
    subject: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Judged:
    """One text's content verdicts before its context: the text's and each link's."""

    text: TextAssessment
    links: tuple[UrlAssessment, ...] = ()
    #: the words a campaign repeats (``template_of_normalised``) and the links' keys: what the context keeps of it
    template: str = ""
    link_keys: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.text.is_scam or any(link.is_risky for link in self.links)

    @property
    def scam_type(self) -> str | None:
        """The words' scam type, or the type a brand claim makes (phishing, government impersonation: ``brand_claim``)."""
        return claimed_type(self.text.scam_type, self.weighing.claimed)

    @cached_property
    def weighing(self) -> Weighing:
        """The text's score weighed with its links: the same each time the text is sent (``links_weighed``)."""
        return links_weighed(self.text, list(self.links))

    @cached_property
    def link_findings(self) -> tuple[Finding, ...]:
        """The flagged links' findings, worded once per text."""
        return tuple(Finding("url_risk", link.given, link.score, tuple(link.reasons())) for link in self.links
                     if link.is_risky)

    @cached_property
    def findings_alone(self) -> tuple[Finding, ...]:
        """``findings_of`` the text with no sign around it (most messages): made once per text."""
        return tuple(_weighed_findings(self, with_signs(self.weighing, ())))


class ContentJudge:
    """The content detectors, loaded once (model files: the settings ``text_model`` and ``protected_brands_file``)."""

    def __init__(self, text_model_path: Path | None = None, brands_path: Path | None = None) -> None:
        self.text_model = text_model(text_model_path)
        self.url_model = url_model(None)
        self.brands = protected_brands(brands_path)
        self._links: OrderedDict[str, UrlAssessment] = OrderedDict()

    def findings(self, text: str) -> list[Finding]:
        """The text's and its links' findings at or above the threshold, strongest first (no context)."""
        return self.findings_many([text])[0]

    def findings_many(self, texts: list[str]) -> list[list[Finding]]:
        """``findings`` of each text, judged together: the models' cost is mostly per call, not per text."""
        return [findings_of(judged) for judged in self.judged_many(texts)]

    def judged_many(self, texts: list[str]) -> list[Judged]:
        """Each text's verdict and its links' verdicts, in order.

        A link's verdict depends on the link alone, and a campaign sends one link in many texts: the
        verdicts of the last ``RECENT_LINKS`` links are kept, and only links not among them are judged.
        """
        judged = assess_texts(texts, self.text_model) if texts else []
        links = [(i, link) for i, text in enumerate(texts) for link in links_with_host(text)]
        known = {link: self._links[link] for _, link in links if link in self._links}
        fresh = list(dict.fromkeys(link for _, link in links if link not in known))
        for link, assessed in zip(fresh, assess_urls(fresh, self.url_model, self.brands) if fresh else [], strict=True):
            known[link] = self._links[link] = assessed
        for link in known:
            self._links.move_to_end(link)
        while len(self._links) > RECENT_LINKS:
            self._links.popitem(last=False)
        found: list[list[UrlAssessment]] = [[] for _ in texts]
        for i, link in links:
            found[i].append(known[link])
        return [Judged(text, tuple(own), template_of_normalised(text.normalised), tuple(link_key(link) for link in own))
                for text, own in zip(judged, found, strict=True)]


def findings_of(judged: Judged, signs: tuple[str, ...] | list[str] = ()) -> list[Finding]:
    """The findings of one judged text, its score weighed with its links and the context ``signs``."""
    if not signs:
        return list(judged.findings_alone)
    return _weighed_findings(judged, with_signs(judged.weighing, signs))


def _weighed_findings(judged: Judged, weighed: InContext) -> list[Finding]:
    found = []
    if weighed.score >= THRESHOLD:
        found.append(Finding("scam_text", "text", weighed.score, tuple(context_reasons(judged.text, weighed))))
    found += judged.link_findings
    return sorted(found, key=lambda x: -x.score)


@dataclass
class LiveMessages:
    """What the decision service has seen of messages and calls: flagged links and senders, campaigns, who talked."""

    context: MessageContext = field(default_factory=lambda: MessageContext(bound=LIVE_ENTRIES))
    #: the message whose findings were asked last, as the context saw it, until the context changes: its
    #: ``add_message`` (the same row, judged the same) takes it as it is
    _asked: tuple[Mapping[str, Any], Judged, Message] | None = field(default=None, init=False, repr=False,
                                                                     compare=False)

    def findings(self, row: Mapping[str, Any], judged: Judged) -> list[Finding]:
        """The findings on message ``row`` (judged ``judged``) given what was seen before it."""
        message = self._message(row)
        self._asked = (row, judged, message)
        return findings_of(judged, self.context.signs(message, judged.template, judged.link_keys))

    def add_message(self, row: Mapping[str, Any], judged: Judged) -> None:
        asked, self._asked = self._asked, None
        message = asked[2] if asked is not None and asked[0] is row and asked[1] is judged else self._message(row)
        self.context.add(message, judged.template, judged.link_keys, judged.flagged)

    def add_call(self, caller: str | None, callee: str | None) -> None:
        if caller and callee:
            self._asked = None  # who is a stranger to whom may change
            self.context.in_touch(caller, callee)

    def _message(self, row: Mapping[str, Any]) -> Message:
        sender, recipient, text = row.get("sender") or "", row.get("recipient") or "", row.get("text") or ""
        return Message(str(row.get("msg_id") or ""), sender, recipient, text, self.context.strangers(sender, recipient))


def link_entities(text: str) -> list[str]:
    """The watchlist ids of the links in ``text``: each link (``url:``) and its registrable domain (``domain:``)."""
    return list(_text_link_ids(text))


@lru_cache(maxsize=RECENT_TEXTS)
def _text_link_ids(text: str) -> tuple[str, ...]:
    """``link_entities``, kept for the texts seen lately (a campaign sends one text many times)."""
    return tuple(dict.fromkeys(entity for link in links_in_text(text) for entity in _link_ids(link)))


@lru_cache(maxsize=RECENT_LINKS)
def _link_ids(link: str) -> tuple[str, ...]:
    """One link's watchlist ids (none for text that only looked like a link); kept, as a campaign repeats its links."""
    try:
        return f"url:{normalise_url(link)}", f"domain:{url_parts(link).registrable}"
    except EntityError:
        return ()

