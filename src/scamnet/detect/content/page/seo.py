"""Black-hat SEO injected into a legitimate page: which blocks, which signals, what share of the page.

Gambling, adult and counterfeit-goods sites rank by planting keyword lists and link lists on hacked
pages. A block is injected when it holds off-topic spam keywords (a category the page's own text is
not about, or a script the page is not written in) together with one more sign, or when it is hidden
from readers while linking many foreign sites: keyword-stuffed runs (many short terms separated by
``,`` ``、`` ``|`` ``_``), hidden elements, a script that differs from the page's main text, link farms
(many links to unrelated domains), and clusters of tags with random-looking ids. A page about the
lottery that mentions the lottery is on topic, and is not called compromised.

>>> from scamnet.detect.content.page.parse import parse_page
>>> html = '<p>Council opens a new park by the river.</p><p>百家乐,六合彩,真人娱乐城,时时彩,棋牌游戏,老虎机</p>'
>>> [(b.line, b.signals) for b in injected_blocks(parse_page(html))]
[(1, ['spam_keywords', 'keyword_stuffing', 'other_script'])]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.page.parse import Block, Page
from scamnet.schema.entities import EntityError, registrable_domain

#: Spam categories planted on hacked sites, in Chinese, English and the Indonesian of "judi slot" spam.
SPAM_LEXICON: dict[str, tuple[str, ...]] = {
    "gambling": (
        "博彩", "赌场", "赌博", "娱乐城", "百家乐", "六合彩", "时时彩", "彩票", "双色球", "开奖", "真人荷官", "真人视讯",
        "棋牌", "彩金", "老虎机", "捕鱼", "体育投注", "皇冠体育", "威尼斯人", "新葡京", "太阳城", "金沙", "永利",
        "北京赛车", "幸运飞艇", "电子游艺", "赌球", "澳门.{0,2}(?:赌|娱乐|彩)", r"casino", r"baccarat", r"roulette",
        r"\bslots?\b|slot\d+|\bslot gacor", r"sportsbook", r"\bbetting\b", r"\bpoker\b", r"blackjack", r"lottery",
        r"\blotto\b", r"jackpot", r"\bjudi\b", r"\btogel\b", r"gacor", r"maxwin",
    ),
    "adult": (
        "色情", "成人视频", "成人影", r"av在线", r"\bav\b", "裸聊", "约炮", "一夜情", "黄色网站", "无码", "福利视频",
        r"\bporn", r"\bxxx\b", "sex ?cam", r"\bescorts?\b", r"\bnude\b", "hentai",
    ),
    "black_market": (
        "代开发票", "办证", "私服", "代孕", "刷粉", "枪支", "迷药", r"\bviagra\b", r"\bcialis\b", r"replica (?:watch|bag)",
    ),
}
_LEXICON = {name: re.compile("|".join(f"(?:{p})" for p in terms)) for name, terms in SPAM_LEXICON.items()}
#: Signal weights: two signals on one block make a score of at least 0.5.
WEIGHTS = {
    "spam_keywords": 0.4, "keyword_stuffing": 0.3, "hidden": 0.35, "other_script": 0.3, "link_farm": 0.4,
    "random_ids": 0.3,
}
_DECISIVE = {"spam_keywords", "hidden", "link_farm"}
_SEPARATORS = re.compile(r"\s*[,，、|｜;；_/]\s*|\s+-\s+")
_SENTENCE_END = re.compile(r"[。！？!?]|\.\s")
#: Share targets that many honest pages link to; they never make a link farm.
COMMON_DOMAINS = frozenset({
    "facebook.com", "twitter.com", "x.com", "instagram.com", "linkedin.com", "youtube.com", "weibo.com", "qq.com",
    "google.com", "apple.com", "tiktok.com", "douyin.com", "bilibili.com", "gov.uk", "gov.cn", "wikipedia.org",
})
_MAIN_KINDS = {"paragraph", "heading", "list", "line", "block", "footer"}


@dataclass
class BlockSignals:
    """One block of a page and the injection signs found on it."""

    block: Block
    signals: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    foreign_domains: list[str] = field(default_factory=list)
    stuffed_run: str = ""
    random_names: list[str] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.block.line

    @property
    def injected(self) -> bool:
        return len(self.signals) >= 2 and bool(_DECISIVE & set(self.signals))

    @property
    def injected_chars(self) -> int:
        return len(self.stuffed_run) if self.block.kind.startswith(("meta", "title")) else len(self.block.text)


def injected_blocks(page: Page) -> list[BlockSignals]:
    """The blocks of ``page`` that were injected, each with its signals, in page order."""
    return [found for found in block_signals(page) if found.injected]


def block_signals(page: Page) -> list[BlockSignals]:
    """Every block with the injection signs found on it, judged against the page's own main text."""
    own = _own_domains(page)
    found = [_first_pass(block, own) for block in page.blocks]
    main = " ".join(f.block.text for f in found if _is_main(f))
    script, topics = dominant_script(main), _topics(main)
    for item in found:
        _second_pass(item, script, topics)
    return found


def _first_pass(block: Block, own: set[str]) -> BlockSignals:
    item = BlockSignals(block, stuffed_run=stuffed_run(block.text, 5 if block.kind.startswith(("meta", "title")) else 6))
    plain = normalise_text(block.text + " " + " ".join(block.links))
    for category, pattern in _LEXICON.items():
        hits = [m.group(0) for m in pattern.finditer(plain)]
        if hits:
            item.categories.append(category)
            item.keywords.extend(dict.fromkeys(hits))
    item.foreign_domains = sorted({d for d in map(_domain, block.links) if d and d not in own | COMMON_DOMAINS})
    item.random_names = [n for n in block.names if looks_random(n)]
    return item


def _second_pass(item: BlockSignals, script: str | None, topics: set[str]) -> None:
    block, signals = item.block, item.signals
    other_script = script is not None and dominant_script(block.text) not in (None, script)
    if item.categories and (other_script or set(item.categories) - topics):
        signals.append("spam_keywords")
    if item.stuffed_run:
        signals.append("keyword_stuffing")
    if block.hidden and (item.keywords or item.stuffed_run or len(item.foreign_domains) >= 3):
        signals.append("hidden")
    if other_script and len(re.findall(r"\w", block.text)) >= 12:
        signals.append("other_script")
    if len(item.foreign_domains) >= 5 and len(block.text) <= 40 * len(block.links):
        signals.append("link_farm")
    if len(item.random_names) >= 3:
        signals.append("random_ids")


def _is_main(item: BlockSignals) -> bool:
    block = item.block
    farm = len(item.foreign_domains) >= 5
    return block.kind in _MAIN_KINDS and not block.hidden and not item.stuffed_run and not farm


def _topics(main_text: str) -> set[str]:
    plain = normalise_text(main_text)
    return {name for name, pattern in _LEXICON.items() if len(pattern.findall(plain)) >= 2}


def stuffed_run(text: str, min_terms: int = 6) -> str:
    """The longest run of short separated terms (a keyword list), when it has ``min_terms`` or more."""
    best: list[str] = []
    run: list[str] = []
    for term in [*_SEPARATORS.split(text), ""]:
        if _is_keyword_term(term):
            run.append(term)
            continue
        best = run if len(run) > len(best) else best
        run = []
    return ",".join(best) if len(best) >= min_terms else ""


def _is_keyword_term(term: str) -> bool:
    term = term.strip()
    if not term or _SENTENCE_END.search(term):
        return False
    cjk = len(re.findall(r"[\u3400-\u9fff]", term))
    return cjk <= 12 and len(term.split()) <= 4 and len(term) <= 30


def dominant_script(text: str) -> str | None:
    """``han``, ``latin`` or ``other``: the script most letters of ``text`` are in; None without letters."""
    counts = Counter(
        "han" if "\u3400" <= ch <= "\u9fff" else "latin" if ch.isascii() else "other"
        for ch in text
        if ch.isalpha()
    )
    return counts.most_common(1)[0][0] if counts else None


def looks_random(name: str) -> bool:
    """An id, class or tag name that no person chose: letters and digits shuffled (``qz7f2kx1``)."""
    for part in re.split(r"[-_]", name.lower()):
        switches = sum(1 for a, b in pairwise(part) if a.isdigit() != b.isdigit())
        if len(part) >= 6 and part.isalnum() and part.isascii() and switches >= 3:
            return True
    return False


def _own_domains(page: Page) -> set[str]:
    return {d for d in map(_domain, page.own_hosts) if d}


def _domain(link: str) -> str | None:
    if not re.match(r"^(?:https?:)?//|^www\.|^[\w\-]+\.[a-z]{2,}(?:/|$)", link, re.I):
        return None  # relative links stay on the page's own site
    try:
        return registrable_domain(link if "://" in link else "http:" + link if link.startswith("//") else link)
    except EntityError:
        return None
