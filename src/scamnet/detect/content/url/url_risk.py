"""The ``url_risk`` detector: every link of the store (``url:``) and named domain (``domain:``), scored and explained.

Links come from message texts and from the URLs and domains victims gave in reports. Each is
scored by the link model (``url_model``: character n-grams + lexical + brand signals, threshold
at 0.5); a lookalike of a protected brand scores at least its match strength, and the brands'
own sites are capped low. Reasons: the model score, the brand imitated and how, and the lexical
signals in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Self

import numpy as np
import pyarrow as pa

from scamnet.detect.base import Detector
from scamnet.detect.content.assessed import AssessedMixin, message_table
from scamnet.detect.content.brands import Brand, default_brands, load_brands, official_brand
from scamnet.detect.content.extract import URL_CHARS, trim_link_end
from scamnet.detect.content.url.bare_links import bare_links
from scamnet.detect.content.url.explain import model_signal_words
from scamnet.detect.content.url.lexical import concrete_signs, kit_folder, lexical_reasons
from scamnet.detect.content.url.lookalike import INFRASTRUCTURE_STRENGTH, PATH_KINDS, BrandMatch, brand_matches
from scamnet.detect.content.url.model import SUSPICIOUS_SCORE, UrlModel, load_url_model, scores_from
from scamnet.detect.content.url.parts import UrlParts, url_parts
from scamnet.detect.content.url.sites import SiteLists, hosting
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.schema.entities import EntityError, normalise_url

SHIPPED_MODEL = "url_model.json.gz"
#: The most a brand's own site scores: a real bank's page is not a phishing link.
OFFICIAL_CAP = 0.1
#: Strength of a brand's name in the site label on abuse-prone hosting (``metamask-restore.pages.dev``).
HOSTED_BRAND = 0.85
#: The least a page inside a folder of a site's software scores (``kit_folder``: ``…/wp-includes/fonts/login.php``):
#: a phishing kit dropped on a hacked site, an alert by itself.
KIT_PAGE = 0.8
#: The most a well-known site scores: in the suspicious band, never an alert.
KNOWN_SITE_CAP = 0.45
#: The most a link scores on the model's weights alone, with no sign a person can check (``concrete_signs``,
#: a brand, mixed scripts): suspicious, not an alert. Abuse-prone hosting alone is no such sign (millions of
#: genuine blogs live on blogspot.com, wordpress.com, github.io).
UNSIGNED_CAP = 0.45
#: A link written in a message: scheme (or defanged ``hxxp``) or ``www.``, then URL characters up to the first
#: character that cannot belong to a URL (Chinese text, full-width punctuation, a quote, a space).
LINK = re.compile(rf"(?:h(?:tt|xx)ps?(?::|\[:\])//|www\.){URL_CHARS}+", re.IGNORECASE)


@dataclass(frozen=True)
class UrlAssessment:
    """One link judged: score in [0, 1] (0.5 = alert threshold, 0.3–0.5 suspicious) and the evidence."""

    given: str
    parts: UrlParts
    score: float
    model_score: float
    official: Brand | None = None
    matches: list[BrandMatch] = field(default_factory=list)
    known_site: str | None = None
    abuse_prone: str | None = None
    #: The model's score held below the alert threshold for want of a sign a person can check.
    unsigned: bool = False
    #: The model's strongest contributing signals, in words (for links at least suspicious).
    model_signals: list[str] = field(default_factory=list)
    probability: float | None = None

    @property
    def is_risky(self) -> bool:
        return self.score >= 0.5

    @property
    def band(self) -> str:
        """``alert`` at or over the threshold, ``suspicious`` in the band below it (not an alert), else ``clear``."""
        return "alert" if self.score >= 0.5 else "suspicious" if self.score >= SUSPICIOUS_SCORE else "clear"

    def reasons(self) -> list[str]:
        return list(self._worded)

    @cached_property
    def _worded(self) -> tuple[str, ...]:
        """The reasons, worded once per link (a campaign's link is in many messages)."""
        capped = self.official or self.known_site
        shown = f", calibrated probability {self.probability:.2f}" if self.probability is not None and not capped else ""
        head = f"link score {self.score:.2f} ({self.band}; 0.5 = alert threshold; link model {self.model_score:.2f}{shown})"
        if self.official:
            return head, f"official site of {self.official.name} ({self.parts.registrable})"
        if self.known_site:
            return head, f"well-known site: {self.known_site}; capped below the alert threshold"
        brands = [str(m) for m in self.matches if m.strength >= 0.5] or [str(m) for m in self.matches[:1]]
        hosted = [f"abuse-prone hosting: {self.abuse_prone}"] if self.abuse_prone else []
        lexical = [r for r in lexical_reasons(self.parts) if not (hosted and r.startswith(("free hosting", "shortener")))]
        held = ["no sign beyond the link model's weights (brand, lure words, risky TLD, IP, punycode, redirect, "
                "deep subdomains): suspicious, not an alert"] if self.unsigned else []
        return (head, *brands, *hosted, *lexical, *held, *self.model_signals)


def shipped_model_path() -> Path:
    return Path(str(resources.files("scamnet.detect.content") / "models" / SHIPPED_MODEL))


@lru_cache(maxsize=4)
def url_model(path: Path | None = None) -> UrlModel:
    """The model at ``path`` (default: the one shipped in the package), loaded once."""
    return load_url_model(path or shipped_model_path())


def protected_brands(path: Path | str | None = None) -> tuple[Brand, ...]:
    """The brand list of ``path``; the one shipped in the package when no path is given."""
    return load_brands(Path(path)) if path else default_brands()


def assess_urls(given: list[str], model: UrlModel, brands: tuple[Brand, ...]) -> list[UrlAssessment]:
    """Score and evidence of every link, in order; ``EntityError`` for a value that has no host."""
    parts = [url_parts(g) for g in given]
    raw, stacked = model.outputs(parts, brands) if parts else (np.zeros(0), np.zeros((0, 0)))
    model_scores = scores_from(raw, model.suspicious_threshold, model.threshold)
    judged = [judge_link(g, p, float(s), brands, model.sites) for g, p, s in zip(given, parts, model_scores, strict=True)]
    probability = model.calibrated(raw)
    # Alerts that no brand lookalike explains get the model's own signals in words (per-link tree
    # contributions cost about 30 ms a link: only for those).
    explain = [i for i, j in enumerate(judged)
               if (j.is_risky or j.unsigned) and not any(m.strength >= 0.5 for m in j.matches)]
    words = model_signal_words(model, [parts[i] for i in explain], stacked[explain] if len(stacked) else stacked)
    for i, said in zip(explain, words, strict=True):
        judged[i] = replace(judged[i], model_signals=said)
    return [replace(j, probability=round(float(p), 4)) for j, p in zip(judged, probability, strict=True)]


def judge_link(
    given: str, parts: UrlParts, model_score: float, brands: tuple[Brand, ...], sites: SiteLists | None = None
) -> UrlAssessment:
    """The final verdict from the model's score (threshold at 0.5).

    A brand's own site is capped at ``OFFICIAL_CAP``, and so is a bank's own site on the bank list; a
    well-known site (top-site or university list, not a user-content page) is capped below the alert
    threshold (``KNOWN_SITE_CAP``, suspicious at most), whatever brand words it holds; elsewhere a
    brand lookalike raises the score to at least its match strength, and a brand's name on abuse-prone
    hosting (free or user-content host, dynamic DNS) counts as a lookalike (``HOSTED_BRAND``); a page inside a
    folder of the site's software (``kit_folder``) scores at least ``KIT_PAGE``. Without a
    brand or another sign a person can check (``concrete_signs``), the model's score alone is held in the
    suspicious band (``UNSIGNED_CAP``): abuse-prone hosting alone does not make an alert, but someone's form or
    shared file on a big site's user-content host (``docs.google.com/forms/…``) is such a sign, and the brand's
    own-site cap does not cover it.
    """
    hosted = hosting(parts, sites or SiteLists())
    # someone's page on a brand's own user-content host (``forms.office.com/…``) is not the brand's page
    users_page = hosted.abuse_prone is not None and parts.subdomain not in ("", "www")
    official = None if parts.is_ip or users_page else official_brand(brands, parts.host)
    if official:
        return UrlAssessment(given, parts, min(model_score, OFFICIAL_CAP), model_score, official)
    if hosted.known:
        cap = OFFICIAL_CAP if hosted.known.startswith("bank") else KNOWN_SITE_CAP
        return UrlAssessment(given, parts, min(model_score, cap), model_score, known_site=hosted.known)
    matches = brand_matches(parts, brands)
    if hosted.cdn_endpoint:  # ``paypalobjects.com.cdn.cloudflare.net``: a CDN's name for its customer's host
        matches = [replace(m, how="cdn endpoint", where=hosted.cdn_endpoint, strength=min(m.strength, INFRASTRUCTURE_STRENGTH))
                   if m.how not in PATH_KINDS else m for m in matches]
    if hosted.abuse_prone:  # a brand's name on a free or user-content host is a lookalike, not a common word
        matches = [replace(m, how="subdomain", strength=max(m.strength, HOSTED_BRAND))
                   if m.how in ("subdomain", "infrastructure") else m for m in matches]
    strongest = max((m.strength for m in matches), default=0.0)
    score = max(model_score, strongest) if strongest >= 0.5 else model_score
    if kit_folder(parts):
        score = max(score, KIT_PAGE)
    # mixed scripts in a host make it punycode (``url_parts``): a concrete sign
    unsigned = score >= 0.5 and strongest < 0.5 and not concrete_signs(parts) and not hosted.shared_page
    return UrlAssessment(given, parts, min(score, UNSIGNED_CAP) if unsigned else score, model_score, None, matches,
                         abuse_prone=hosted.abuse_prone, unsigned=unsigned)


def links_in_text(text: str) -> list[str]:
    """The links written in a message, in order: ``http(s)://``, defanged ``hxxp://``, ``www.``, and bare ones
    (``bit.ly/3xYz``, ``royalmail-redelivery.info``: ``bare_links``) outside those."""
    text = text or ""
    found = [(m.start(), trim_link_end(m.group(0))) for m in LINK.finditer(text)]
    found = [(start, link) for start, link in found if link]
    spans = [(start, start + len(link)) for start, link in found]
    found += [(start, link) for start, link in bare_links(text)
              if not any(start < end and begin < start + len(link) for begin, end in spans)]
    return [link for _, link in sorted(found)]


def store_links(data: Data) -> dict[str, str]:
    """Entity id → what is judged: every link in messages and reports as written, and each one's domain."""
    found: dict[str, str] = {}
    texts = run_feature(data, "content/message_texts")["text"].to_pylist()
    reported = run_feature(data, "content/reported_links")
    items = list(zip(reported["kind"].to_pylist(), reported["value"].to_pylist(), strict=True))
    # campaigns repeat texts: each distinct text read once, in the order of its first message
    written = [("url", link) for text in dict.fromkeys(texts) for link in links_in_text(text)] + items
    for kind, value in written:
        for entity, judged in link_entities(kind, value):
            found.setdefault(entity, judged)
    return found


def link_entities(kind: str, value: str) -> list[tuple[str, str]]:
    """``(entity, what is judged)`` of a link or domain as written (``kind`` ``url`` or ``domain``):
    a link counts as itself and as its registrable domain (judged on its host: what a block list holds).

    >>> link_entities("url", "https://Pay.example.top/x")
    [('url:https://pay.example.top/x', 'https://Pay.example.top/x'), ('domain:example.top', 'pay.example.top')]
    """
    try:
        parts = url_parts(value)
        domain = (f"domain:{parts.registrable}", parts.host)
        return [(f"url:{normalise_url(value)}", value), domain] if kind == "url" else [domain]
    except EntityError:
        return []  # text that only looked like a link


class UrlRiskDetector(AssessedMixin[UrlAssessment], Detector):
    name = "url_risk"
    entity_kinds = ("url", "domain")

    def __init__(self, *, seed: int = 0, model_path: Path | None = None, brands_path: Path | None = None) -> None:
        super().__init__(seed=seed)
        self.model_path = model_path
        self.brands_path = brands_path

    def fit(self, data: Data) -> Self:
        # Supervised offline: the model ships trained; nothing here reads the data's labels.
        self.model_: UrlModel = url_model(self.model_path)
        self.brands_: tuple[Brand, ...] = protected_brands(self.brands_path)
        return self

    def score(self, data: Data) -> pa.Table:
        links = store_links(data)
        judged = assess_urls(list(links.values()), self.model_, self.brands_)
        return self.scored(dict(zip(links, judged, strict=True)))


    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(messages=example_link_messages(seed))


EXAMPLE_LINKS = (
    "【工商银行】您的账户存在异常，请立即登录 https://www.icbc.com.cn.secure-login.xyz/verify 核实身份",
    "[PayPal] Your account is limited, confirm at hxxp://paypa1[.]com/signin now",
    "【京东】会员日满199减30，戳 https://m.jd.com/act/x8k2 回T退订",
    "Lunch menu: https://www.example.org/menu",
    "领取补贴请访问 http://103.75.1.198/gov/subsidy",
)


def example_link_messages(seed: int) -> pa.Table:
    """A handful of messages with scam and legitimate links, in the canonical schema."""
    return message_table(EXAMPLE_LINKS, seed, "l")
