"""A saved web page as blocks of text with line numbers, visibility, links, tag ids and form fields.

HTML is read with the standard library's forgiving parser; text that was already extracted from a
page is read one block per line. A block is what a reader sees as one piece: the title, the meta
keywords or description, a heading, a paragraph, a list, a footer line. Everything inside an element
hidden from readers (``display:none``, ``visibility:hidden``, ``font-size:0``, off-screen positioning,
the ``hidden`` attribute, or a ``<style>`` rule hiding its id or class) is one hidden block, because
that is how injected link lists are usually hidden.

>>> page = parse_page('<title>News</title><p>Council meets.</p><div style="display:none"><a href="http://x.top">x</a></div>')
>>> [(b.kind, b.line, b.hidden, b.links) for b in page.blocks]
[('title', 1, False, []), ('paragraph', 1, False, []), ('block', 1, True, ['http://x.top'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "table", "tr", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "center", "body", "address", "figure", "figcaption",
    "fieldset",
})
_BREAK_TAGS = frozenset({"br", "li", "td", "th", "dd", "dt", "option", "label", "button", "span", "a"})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
_KINDS = {"title": "title", "footer": "footer", "li": "list", "ul": "list", "ol": "list", "p": "paragraph"}
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*(?:;|$|!)"
    r"|(?:left|top|text-indent)\s*:\s*-\d{3,}|(?:height|width)\s*:\s*0(?:px)?\s*;.*overflow\s*:\s*hidden",
    re.I,
)
_STYLE_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
#: Elements nested deeper than this are read as if they were siblings at this depth: real pages
#: nest a few dozen levels, and 100,000 nested ``<div>`` must cost linear time, not quadratic.
MAX_DEPTH = 512
_HTML_TAG = re.compile(r"<(?:!doctype|/?[a-z][a-z0-9]*)(?:\s[^<>]*)?/?>", re.I)


@dataclass
class Block:
    """One piece of a page: ``kind`` (title, meta_keywords, meta_description, heading, paragraph, list,
    footer, block, line), first and last source line, its text, whether readers see it, its links,
    and the ids, classes and unknown tag names inside it."""

    kind: str
    line: int
    text: str = ""
    end_line: int = 0
    hidden: bool = False
    links: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FormField:
    """An input of a form, described by its type, name, id, placeholder and label-ish attributes."""

    line: int
    description: str


@dataclass
class Page:
    blocks: list[Block]
    fields: list[FormField]
    own_hosts: set[str]
    is_html: bool

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def parse_page(source: str) -> Page:
    """The blocks of an HTML page, or of already extracted text (one block per non-empty line)."""
    if len(_HTML_TAG.findall(source[:5000])) < 2:
        return Page(_text_blocks(source), [], set(), is_html=False)
    reader = _PageReader(_hidden_selectors(source))
    reader.feed(source)
    reader.close()
    return Page([b for b in reader.blocks if b.text or b.links], reader.fields, reader.own_hosts, is_html=True)


def _text_blocks(source: str) -> list[Block]:
    from scamnet.detect.content.extract import extract_indicators

    blocks = []
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip():
            links = [i.entity.split(":", 1)[1] for i in extract_indicators(line) if i.kind in ("url", "domain")]
            blocks.append(Block("line", number, line.strip(), number, links=links))
    return blocks


def _hidden_selectors(source: str) -> set[str]:
    """``#id`` and ``.class`` selectors that a ``<style>`` rule of the page hides."""
    selectors: set[str] = set()
    for css in re.findall(r"<style[^>]*>(.*?)</style>", source, flags=re.I | re.S):
        for names, body in _STYLE_RULE.findall(css):
            if _HIDDEN_STYLE.search(body):
                selectors.update(re.findall(r"[#.][\w\-]+", names))
    return selectors


def is_hidden(attrs: dict[str, str], hidden_selectors: set[str]) -> bool:
    if "hidden" in attrs or _HIDDEN_STYLE.search(attrs.get("style", "")):
        return True
    names = {f"#{attrs['id']}"} if attrs.get("id") else set()
    names.update(f".{c}" for c in attrs.get("class", "").split())
    return bool(names & hidden_selectors)


class _PageReader(HTMLParser):
    def __init__(self, hidden_selectors: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_selectors = hidden_selectors
        self.blocks: list[Block] = []
        self.fields: list[FormField] = []
        self.own_hosts: set[str] = set()
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a hidden region), at most MAX_DEPTH deep
        self.open_tags: dict[str, int] = {}  # how many of each tag the stack holds
        self.hidden_open = 0  # entries of the stack that opened a hidden region
        self.skip = 0
        self.current = Block("block", 1)
        self.parts: list[str] = []  # the current block's text, joined when it is flushed
        self.has_text = False

    @property
    def hidden(self) -> bool:
        return self.hidden_open > 0

    def _push(self, tag: str, opens_hidden: bool) -> None:
        if len(self.stack) >= MAX_DEPTH:
            return
        self.stack.append((tag, opens_hidden))
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        self.hidden_open += opens_hidden

    def _pop(self) -> tuple[str, bool]:
        tag, opened = self.stack.pop()
        self.open_tags[tag] -= 1
        self.hidden_open -= opened
        return tag, opened

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in _SKIP_TAGS:
            self.skip += tag not in _VOID_TAGS
            return
        self._element(tag, values)
        if tag not in _VOID_TAGS:
            opens_hidden = not self.hidden and is_hidden(values, self.hidden_selectors)
            if opens_hidden or (tag in _BLOCK_TAGS | {"title"} and not self.hidden):
                self._flush(_block_kind(tag, values, self.open_tags))
            self._push(tag, opens_hidden)
            self.current.hidden = self.current.hidden or opens_hidden
        if tag in _BREAK_TAGS | _BLOCK_TAGS:
            self._data(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        self._element(tag, values)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if not self.open_tags.get(tag):
            return
        opened_hidden = False
        while self.stack:
            open_tag, opened_hidden = self._pop()
            if open_tag == tag:
                break
        if opened_hidden or (tag in _BLOCK_TAGS | {"title"} and not self.hidden):
            self._flush(_block_kind(self.stack[-1][0], {}, self.open_tags) if self.stack else "block")
        elif tag in _BREAK_TAGS | _BLOCK_TAGS:
            self._data(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._data(data)

    def close(self) -> None:
        super().close()
        self._flush("block")

    def _data(self, data: str) -> None:
        self.parts.append(data)
        if not data.strip():
            return
        line = self.getpos()[0]
        if not self.has_text:
            self.current.line = line
            self.has_text = True
        self.current.end_line = line + data.rstrip().count("\n")

    def _element(self, tag: str, values: dict[str, str]) -> None:
        self.current.names.extend(n for n in [tag, values.get("id", ""), *values.get("class", "").split()] if n)
        line = self.getpos()[0]
        if (tag == "a" and values.get("href")) or (tag == "form" and values.get("action")):
            self.current.links.append((values.get("href") or values["action"]).strip())
        elif tag == "meta":
            self._meta(values, line)
        elif tag in ("link", "base") and (tag == "base" or values.get("rel", "").lower() == "canonical"):
            self.own_hosts.add(values.get("href", ""))
        elif tag in ("input", "select", "textarea") and values.get("type", "").lower() not in ("hidden", "submit"):
            keys = ("type", "name", "id", "placeholder", "aria-label", "title")
            self.fields.append(FormField(line, " ".join(values.get(k, "") for k in keys).strip()))

    def _meta(self, values: dict[str, str], line: int) -> None:
        name = (values.get("name") or values.get("property") or "").lower()
        if name in ("keywords", "description") and values.get("content", "").strip():
            text = values["content"].strip()
            self.blocks.append(Block(f"meta_{name}", line, text, line, hidden=False))
        elif name == "og:url":
            self.own_hosts.add(values.get("content", ""))

    def _flush(self, next_kind: str) -> None:
        block = self.current
        block.text = re.sub(r"\s+", " ", "".join(self.parts)).strip()
        self.parts, self.has_text = [], False
        block.end_line = max(block.end_line, block.line)
        self.blocks.append(block)
        self.current = Block(next_kind, self.getpos()[0], hidden=False)


def _block_kind(tag: str, values: dict[str, str], open_tags: dict[str, int]) -> str:
    if open_tags.get("footer") or "footer" in (values.get("id", "") + values.get("class", "")).lower():
        return "footer"
    if re.fullmatch(r"h[1-6]", tag):
        return "heading"
    return _KINDS.get(tag, "block")
