"""A message judged with its links, its sender and the messages like it, not on its words alone.

The text model reads the words; what a message links to and who else sent it often says more:

- **an official link lowers the risk**: when the only way the message asks to act is a link to
  a protected brand's own site (``url_risk`` says "official site of X") — no number to call, no
  other app, no account to pay — the text score keeps ``OFFICIAL_LINK_FACTOR`` of itself, with
  the reason "its only link is the official site of Amazon (amazon.co.uk)";
- **signs around it raise the risk**, each with the evidence named: a link ``url_risk`` flags; a
  link seen in other messages already flagged (most of those that carry it, ``MOSTLY_FLAGGED``); a
  sender already flagged (an alert of another detector, or most of its other messages flagged and
  at least ``SENDER_MIN_FLAGS`` of them — a bulk sender's few false alarms, or one false alarm,
  do not taint the rest); and a campaign — one template (the normalised text with
  links, numbers and handles blanked) sent by at least ``CAMPAIGN_SENDERS`` numbers to at least
  ``CAMPAIGN_STRANGERS`` recipients none of whom had been in touch with the sender before (a
  copy sent to someone the sender knows does not get this sign; templates shorter than
  ``CAMPAIGN_MIN_CHARS`` are everyday phrases, never a campaign).

Each sign has strength ``SIGN_STRENGTH``; they join the text score as a noisy-OR. One sign alone
(strength below 0.5) does not flag a message whose words are clean; two signs, or one beside
words that already look wrong, do. The constants were set from these rules before any figure was
seen; three were then tightened after false alarms on a simulated demo world (a link or sender
counts as flagged only when *most* of its other messages are, a sender needs ``SENDER_MIN_FLAGS``,
a campaign template ``CAMPAIGN_MIN_CHARS``), so the context step's figures on simulated worlds
are home ground, not a test off it.

>>> official_only_reason([], ["official site of Amazon (amazon.co.uk)"])
'its only link is the official site of Amazon (amazon.co.uk)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from scamnet.core.enums import ScamType
from scamnet.detect.content.brand_claim import brand_claims, claim_scam_type
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import CueHit
from scamnet.detect.content.text.scam_text import TextAssessment
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import UrlAssessment, links_in_text
from scamnet.schema.entities import EntityError

#: Share of its text score a message keeps when its only way to act is a brand's official site.
OFFICIAL_LINK_FACTOR = 0.4
#: Strength of each sign around a message (below 0.5: one sign alone does not flag clean words).
SIGN_STRENGTH = 0.45
#: Share of a link's or sender's other messages that must be flagged for it to count as flagged.
MOSTLY_FLAGGED = 0.5
#: Fewest other flagged messages that make a sender flagged: one false alarm of the text model does not.
SENDER_MIN_FLAGS = 2
CAMPAIGN_SENDERS = 5
CAMPAIGN_STRANGERS = 20
#: Shortest template (characters, normalised) that can be a campaign: short phrases ("妈，我周末回来",
#: "ok thanks") are everyday speech that many people write to people new in the data.
CAMPAIGN_MIN_CHARS = 20
#: Cues that ask the reader to act some way other than through the message's links (a number to call, a callback
#: lure's "not you? call …", another app, a payment): an official link beside them lowers nothing.
_OTHER_WAYS = frozenset({"advance_fee", "callback", "charge_callback", "other_app", "safe_account", "transfer_request"})
_DIGITS = re.compile(r"\d+")
# letters and digits mixed (a handle, a tracking code); CJK text around it, so no ``\b``
_HANDLE = re.compile(r"(?<![a-z\d])(?=[a-z_\-]*\d)(?=[\d_\-]*[a-z])[a-z\d_\-]{4,}(?![a-z\d])")
#: Most sender/recipient pairs the live memory keeps (oldest forgotten first); other tables keep ``LIVE_ENTRIES``.
LIVE_PAIRS = 2_000_000
LIVE_ENTRIES = 200_000


@dataclass(frozen=True)
class Message:
    """A message as the context sees it; ``stranger``: no call or message between the two before it."""

    msg_id: str
    sender: str
    recipient: str
    text: str
    stranger: bool = True


@dataclass(frozen=True)
class InContext:
    """A message's score once its links and context are weighed, and the reasons that moved it; ``claimed``: the scam
    type its words' claim to speak for a brand one of its flagged links imitates makes (``brand_claim``), if any."""

    score: float
    reasons: tuple[str, ...]
    claimed: str | None = None

    def scam_type(self, text: TextAssessment) -> str | None:
        """The message's scam type: its words' (``text``), or, where they name none more precise than ``other``,
        phishing for a brand's lookalike its words speak for."""
        return claimed_type(text.scam_type, self.claimed if self.score >= 0.5 else None)


def claimed_type(scam_type: str | None, claimed: str | None) -> str | None:
    """``scam_type``, or the ``claimed`` one (``brand_claim.claim_scam_type``) where it is none or ``other``.

    >>> claimed_type("other", "phishing"), claimed_type("fake_loan", "phishing"), claimed_type(None, None)
    ('phishing', 'fake_loan', None)
    """
    return claimed if claimed and scam_type in (None, ScamType.OTHER.value) else scam_type


def template_of(text: str) -> str:
    """The normalised text with links, numbers and handles blanked: the words a campaign repeats.

    >>> template_of("Parcel held, pay 1.99 at https://a.top/x1 ref AB12CD") == template_of("Parcel held, pay 2.49 at http://b.xyz ref ZZ99QQ")
    True
    """
    return template_of_normalised(normalise_text(text))


def template_of_normalised(plain: str) -> str:
    """``template_of`` a text already normalised (``normalise_text``), as the text model holds it."""
    for link in links_in_text(plain):
        plain = plain.replace(link, "<link>")
    return _DIGITS.sub("0", _HANDLE.sub("<id>", plain)).strip()


def links_with_host(text: str) -> list[str]:
    """The links written in ``text`` that name a host (text that only looks like a link left out)."""
    found = []
    for link in links_in_text(text):
        try:
            url_parts(link)
        except EntityError:
            continue
        found.append(link)
    return found


def link_key(link: UrlAssessment) -> str:
    return link.parts.url


def official_only_reason(hits: list[CueHit], link_reasons: list[str]) -> str | None:
    """The reason an official link lowers the risk, when every link is official and nothing else asks to act.

    ``link_reasons``: per link, its "official site of X (domain)" reason, or "" when the link is not official.
    """
    if not link_reasons or any(not r for r in link_reasons) or any(h.cue.name in _OTHER_WAYS for h in hits):
        return None
    sites = sorted(set(link_reasons))
    return "its only link is the " + " and the ".join(sites) if len(sites) == 1 else "its only links are the " + "; ".join(sites)


def official_reason_of(link: UrlAssessment) -> str:
    """``url_risk``'s "official site of X (domain)" when the link is a protected brand's own and not risky, else ""."""
    if link.official is None or link.is_risky:
        return ""
    return f"official site of {link.official.name} ({link.parts.registrable})"


def context_reasons(text: TextAssessment, weighed: InContext) -> list[str]:
    """A message's reasons: the text's, with what its links and context changed put right after the head."""
    own = text.reasons()
    if not weighed.reasons:
        return own
    scam_type = weighed.scam_type(text)
    looks = f", looks like {scam_type.replace('_', ' ')}" if scam_type and weighed.score >= 0.5 else ""
    moved = "raised" if weighed.score >= text.score else "lowered"
    head = (f"message score {weighed.score:.2f} (0.5 = decision threshold): text model {text.score:.2f}{looks}, "
            f"{moved} by its links and context")
    return [head, *weighed.reasons, *own[1:]]


def judge_in_context(text: TextAssessment, links: list[UrlAssessment], signs: Iterable[str]) -> InContext:
    """The message's score from the text model's verdict on it, its links' verdicts and the context ``signs`` (each
    one reason).

    A text in a language the text model did not learn (``text.language_known`` False) has a score (held below the
    alert threshold) that is no verdict on the words, so the signs join as they join clean words — two of them make an
    alert, one does not — and the message keeps the higher of that and its own score. The message as written names
    the brands its words claim (``brand_claim``).
    """
    return with_signs(links_weighed(text, links), signs)


@dataclass(frozen=True)
class Weighing:
    """A message's score half weighed: its text score after an official link, the share of it the signs so far keep
    (``keep``: of the score for words read, of certainty otherwise) and their reasons. What a text and its links give
    is the same each time the text is sent; only the context's signs differ (``with_signs``)."""

    score: float
    keep: float
    reasons: tuple[str, ...]
    words_read: bool
    claimed: str | None = None


def links_weighed(text: TextAssessment, links: list[UrlAssessment]) -> Weighing:
    """``judge_in_context``'s first half: an official link lowers the text score, each flagged link is a sign, and
    so is each brand the message's words name while a flagged link imitates it (``brand_claim``)."""
    reasons: list[str] = []
    official = official_only_reason(text.cues, [official_reason_of(link) for link in links])
    score = text.score
    if official:
        score *= OFFICIAL_LINK_FACTOR
        reasons.append(official)
    words_read = text.language_known
    keep = 1.0 - score if words_read else 1.0
    for link in links:
        if link.is_risky:
            keep *= 1.0 - SIGN_STRENGTH
            reasons.append(f"its link {link.given} is flagged by url_risk (score {link.score:.2f})")
    claims = brand_claims(text.text, links)
    for claim in claims:
        keep *= 1.0 - SIGN_STRENGTH
        reasons.append(claim.reason)
    return Weighing(score, keep, tuple(reasons), words_read, claim_scam_type(claims))


def with_signs(weighing: Weighing, signs: Iterable[str]) -> InContext:
    """``judge_in_context``'s second half: the context's signs join as a noisy-OR, after the links'."""
    keep, reasons = weighing.keep, list(weighing.reasons)
    for reason in signs:
        keep *= 1.0 - SIGN_STRENGTH
        reasons.append(reason)
    return InContext(1.0 - keep if weighing.words_read else max(weighing.score, 1.0 - keep), tuple(reasons),
                     weighing.claimed)


@dataclass
class MessageContext:
    """What is known around messages: flagged senders and links, and who sends each template to whom.

    ``flagged_senders``: sender → why it is flagged (an alert of another detector). The batch path
    ``add``s every message first, then asks ``signs`` of each (its own part left out); the live
    path asks ``signs`` of each message as it comes, then ``add``s it.
    """

    flagged_senders: Mapping[str, str] = field(default_factory=dict)
    #: live only: most entries each table keeps (oldest forgotten first), most members of a template's sets
    bound: int | None = None
    link_flags: dict[str, int] = field(default_factory=dict)
    link_totals: dict[str, int] = field(default_factory=dict)
    sender_flags: dict[str, int] = field(default_factory=dict)
    sender_totals: dict[str, int] = field(default_factory=dict)
    template_senders: dict[str, set[str]] = field(default_factory=dict)
    template_strangers: dict[str, set[str]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], None] = field(default_factory=dict)

    def add(self, message: Message, template: str, links: Iterable[str], flagged: bool) -> None:
        self.add_sent(message.sender, message.recipient, message.stranger, template, links, flagged)

    def add_sent(self, sender: str, recipient: str, stranger: bool, template: str, links: Iterable[str],
                 flagged: bool) -> None:
        """``add`` of a message given by its parts (the batch path's millions of rows, no ``Message`` each)."""
        for key in set(links):
            _count(self.link_totals, self.link_flags, key, flagged)
        _count(self.sender_totals, self.sender_flags, sender, flagged)
        if stranger:  # a campaign reaches strangers: the copies among people who talk do not count
            self._member(self.template_senders, template, sender)
            self._member(self.template_strangers, template, recipient)
        if self.bound is not None:  # live: who has been in touch is remembered here (the batch asks the store)
            self.in_touch(sender, recipient)
            for table in (self.link_flags, self.link_totals, self.sender_flags, self.sender_totals,
                          self.template_senders, self.template_strangers):
                _trim(table, self.bound)

    def in_touch(self, a: str, b: str) -> None:
        """Live: ``a`` and ``b`` have been in touch (a message or a call), so neither is a stranger to the other."""
        self.pairs[(a, b) if a <= b else (b, a)] = None
        if self.bound is not None:
            _trim(self.pairs, LIVE_PAIRS)

    def strangers(self, a: str, b: str) -> bool:
        return ((a, b) if a <= b else (b, a)) not in self.pairs

    def _member(self, table: dict[str, set[str]], template: str, member: str) -> None:
        members = table.setdefault(template, set())
        if self.bound is None or len(members) < max(CAMPAIGN_SENDERS, CAMPAIGN_STRANGERS):
            members.add(member)

    def signs(self, message: Message, template: str, links: Iterable[str], counted_flagged: bool = False) -> list[str]:
        """The signs around ``message``, each as its reason; ``counted_flagged``: it is already ``add``ed as flagged."""
        return self.signs_of(message.sender, message.stranger, template, links, counted_flagged)

    def signs_of(self, sender: str, stranger: bool, template: str, links: Iterable[str],
                 counted_flagged: bool = False) -> list[str]:
        """``signs`` of a message given by its parts: who sent it, and whether to a stranger."""
        found = []
        for key in dict.fromkeys(links):
            flagged, total = _others(self.link_flags, self.link_totals, key, counted_flagged)
            if _mostly(flagged, total):
                found.append(f"its link {key} is in {flagged} other message{'s' if flagged > 1 else ''} flagged as scams"
                             f" (of {total} with it)")
        found += self._sender_signs(sender, counted_flagged)
        senders, strangers = len(self.template_senders.get(template, ())), len(self.template_strangers.get(template, ()))
        # a copy sent to someone the sender knows is not the campaign's reach
        if (stranger and len(template) >= CAMPAIGN_MIN_CHARS and senders >= CAMPAIGN_SENDERS
                and strangers >= CAMPAIGN_STRANGERS):
            least = "at least " if self.bound is not None else ""
            found.append(f"a campaign: the same words sent from {least}{senders} numbers to {least}{strangers} people "
                         "who had not been in touch with the sender before")
        return found

    def _sender_signs(self, sender: str, counted_flagged: bool) -> list[str]:
        """What is known of the sender, as up to two signs: another detector's alert on it, and its other
        messages mostly flagged as scams. The two are independent evidence (the telecom detectors read calls
        and how a number texts, never what its texts say), so together they flag the number's clean-worded
        lures too: a fraud number's "reply 1 and a specialist will call you" beside its flagged scripts."""
        found = []
        if sender in self.flagged_senders:
            found.append(f"its sender {sender} is flagged: {self.flagged_senders[sender]}")
        flagged, total = _others(self.sender_flags, self.sender_totals, sender, counted_flagged)
        if flagged >= SENDER_MIN_FLAGS and _mostly(flagged, total):
            found.append(f"its sender {sender} sent {flagged} other message{'s' if flagged > 1 else ''} flagged as "
                         f"scams (of {total})")
        return found


def _count(totals: dict[str, int], flags: dict[str, int], key: str, flagged: bool) -> None:
    totals[key] = totals.get(key, 0) + 1
    if flagged:
        flags[key] = flags.get(key, 0) + 1


def _others(flags: dict[str, int], totals: dict[str, int], key: str, counted: bool) -> tuple[int, int]:
    """Flagged and all messages with ``key`` besides the one asking (``counted``: it was added, and flagged)."""
    return flags.get(key, 0) - (1 if counted else 0), totals.get(key, 0) - (1 if counted else 0)


def _mostly(flagged: int, total: int) -> bool:
    """A link or sender counts as flagged when most of its other messages are (a bulk sender's few false alarms do not)."""
    return flagged > 0 and flagged >= MOSTLY_FLAGGED * total


def _trim(table: dict, most: int) -> None:
    while len(table) > most:
        del table[next(iter(table))]
