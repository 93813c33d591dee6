"""Inspect a saved web page: a scam landing page, a legitimate page with injected black-hat SEO, or clean.

The verdict comes with its evidence — which lines, which keywords, what share of the page — and the
indicators an analyst indexes: for a compromised page the domains and links the injected blocks
point to (the gambling or adult sites being ranked), for a scam landing page the links, numbers,
chat handles and wallets it gives.

>>> html = '''<title>Park opens</title><p>The council opened a new park by the river on Monday.</p>
... <div style="display:none"><a href="http://bjl88.top/">百家乐</a>,<a href="http://lhc9.vip/">六合彩</a></div>'''
>>> report = inspect_page(html)
>>> report.verdict.value, [e.line for e in report.evidence], [t.entity for t in report.indicators][:2]
('compromised_seo', [2], ['domain:bjl88.top', 'domain:lhc9.vip'])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from scamnet.detect.content.extract import extract_indicators
from scamnet.detect.content.page.parse import Block, Page, parse_page
from scamnet.detect.content.page.scam import ScamSign, scam_score, scam_signs
from scamnet.detect.content.page.seo import WEIGHTS, BlockSignals, block_signals
from scamnet.schema.entities import EntityError, domain_id, url_id

_SIGNAL_WORDS = {
    "spam_keywords": "off-topic spam keywords", "keyword_stuffing": "keyword list", "hidden": "hidden from readers",
    "other_script": "in another script than the page", "link_farm": "link farm", "random_ids": "random-looking tag ids",
}


class PageVerdict(StrEnum):
    SCAM_LANDING = "scam_landing"
    COMPROMISED_SEO = "compromised_seo"
    CLEAN = "clean"


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: the signal(s), the source lines, what matched, and its share of the page text."""

    signals: tuple[str, ...]
    line: int
    end_line: int
    keywords: tuple[str, ...]
    share: float
    reason: str


@dataclass(frozen=True)
class PageIndicator:
    """A link, domain, number, handle or wallet on the page, with its entity id and source line."""

    kind: str
    value: str
    entity: str
    line: int


@dataclass(frozen=True)
class PageReport:
    verdict: PageVerdict
    score: float
    scam_score: float
    seo_score: float
    injected_share: float
    evidence: list[Evidence] = field(default_factory=list)
    indicators: list[PageIndicator] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "verdict": self.verdict.value}


def inspect_page(source: str) -> PageReport:
    """The verdict on a saved page (HTML or extracted text), its scores, evidence and indicators."""
    page = parse_page(source)
    signs, judged = scam_signs(page), block_signals(page)
    injected = [item for item in judged if item.injected]
    scam, seo = scam_score(signs), seo_score(judged)
    share = _share(page, sum(item.injected_chars for item in injected))
    if scam >= 0.5 and scam >= seo:
        return PageReport(PageVerdict.SCAM_LANDING, scam, scam, seo, share, _scam_evidence(signs), _page_indicators(page))
    if seo >= 0.5:
        evidence = [_injected_evidence(item, page) for item in injected]
        return PageReport(PageVerdict.COMPROMISED_SEO, seo, scam, seo, share, evidence, injected_targets(injected))
    return PageReport(PageVerdict.CLEAN, max(scam, seo), scam, seo, share, _scam_evidence(signs))


def seo_score(judged: list[BlockSignals]) -> float:
    """From the signals of injected blocks (≥ 0.5); a page with none gets half weights, so it stays below 0.5."""
    injected = [item for item in judged if item.injected]
    signals = {s for item in (injected or judged) for s in item.signals}
    remaining = 1.0
    for signal in signals:
        remaining *= 1.0 - WEIGHTS[signal] * (1.0 if injected else 0.5)
    return round(min(1.0 - remaining, 1.0 if injected else 0.45), 3)


def injected_targets(injected: list[BlockSignals]) -> list[PageIndicator]:
    """The domains, then the links, that injected blocks point to: what the planted content ranks."""
    domains: dict[str, PageIndicator] = {}
    links: dict[str, PageIndicator] = {}
    for item in injected:
        for link in item.block.links:
            _add_link(link, item.block.line, domains, links)
        for found in extract_indicators(item.block.text):
            if found.kind in ("url", "domain"):
                _add_link(found.value, item.block.line, domains, links)
    return [*domains.values(), *links.values()]


def _add_link(link: str, line: int, domains: dict[str, PageIndicator], links: dict[str, PageIndicator]) -> None:
    if not _absolute(link):
        return
    try:
        domain, url = domain_id(link), url_id(link)
    except EntityError:
        return
    domains.setdefault(domain, PageIndicator("domain", domain.split(":", 1)[1], domain, line))
    if "/" in link.split("//", 1)[-1].rstrip("/"):
        links.setdefault(url, PageIndicator("url", link, url, line))


def _absolute(link: str) -> bool:
    return link.lower().startswith(("http://", "https://", "hxxp", "//", "www.")) or "." in link.split("/", 1)[0]


def _page_indicators(page: Page) -> list[PageIndicator]:
    found: dict[str, PageIndicator] = {}
    domains: dict[str, PageIndicator] = {}
    for block in page.blocks:
        for item in extract_indicators(block.text):
            found.setdefault(item.entity, PageIndicator(item.kind, item.value, item.entity, block.line))
        for link in block.links:
            _add_link(link, block.line, domains, found)
    return [*domains.values(), *found.values()]


def _share(page: Page, chars: int) -> float:
    total = sum(len(block.text) for block in page.blocks)
    return round(chars / total, 3) if total else 0.0


def _injected_evidence(item: BlockSignals, page: Page) -> Evidence:
    block = item.block
    parts = [_SIGNAL_WORDS[s] for s in item.signals]
    if item.foreign_domains:
        parts.append(f"{len(block.links)} links to {len(item.foreign_domains)} other domains")
    if item.random_names:
        parts.append("ids " + ", ".join(item.random_names[:4]))
    share = _share(page, item.injected_chars)
    reason = f"{_where(block)}: " + "; ".join(parts) + f" ({share:.0%} of the page text)"
    return Evidence(tuple(item.signals), block.line, block.end_line, tuple(item.keywords), share, reason)


def _where(block: Block) -> str:
    lines = f"line {block.line}" if block.end_line <= block.line else f"lines {block.line}-{block.end_line}"
    return f"{block.kind.replace('_', ' ')}, {lines}"


def _scam_evidence(signs: list[ScamSign]) -> list[Evidence]:
    """Strongest signs first."""
    ranked = sorted(signs, key=lambda s: -s.weight)
    return [Evidence((s.signal,), s.line, s.line, s.keywords, 0.0, f"line {s.line}: {s.reason}") for s in ranked]
