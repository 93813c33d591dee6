"""Inspect one saved web page or one message on the spot: verdict, score, reasons, indicators.

``inspect_page_file`` reads a saved page (HTML or extracted text, UTF-8 or GB18030 as Chinese sites
often serve) and says whether it is a scam landing page, a legitimate page with injected black-hat
SEO, or clean. ``inspect_message`` scores a message with the text model and lists the indicators it
names (numbers, links, cards, wallets, e-mails, chat handles) as entity ids.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from scamnet.core.errors import InputError, NotFoundError, Problem, ScamnetError
from scamnet.detect.content.extract import extract_indicators
from scamnet.detect.content.page.inspect import inspect_page
from scamnet.service.content import inspect_text

_ENCODINGS = ("utf-8-sig", "gb18030")
#: Largest saved page or message file read (bytes): real pages are well under it, and the work per
#: page stays bounded (the parser is linear, with its nesting held to ``MAX_DEPTH``).
MAX_FILE_BYTES = 5 << 20
#: Share of characters that are control characters (other than tab and line breaks) or
#: undecodable above which a file is not text at all (random or binary bytes).
MAX_CONTROL_SHARE = 0.01


def inspect_page_file(path: Path) -> dict[str, Any]:
    """The verdict on the page saved at ``path``, with score, evidence and indicators."""
    report = inspect_page(read_text_file(path, "page"))
    return {"page": str(path), **report.to_dict()}


def read_text_file(path: Path, what: str) -> str:
    """The text of a saved page or message; a clear error naming the file when it is missing or unreadable."""
    path = Path(path)
    if not path.exists():
        raise NotFoundError(f"no {what} file at {path}", hint=f"give the path of a saved {what} (.html or .txt)")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError([Problem(str(path), None, None, f"{size:,} bytes",
                                      f"a saved {what} of at most {MAX_FILE_BYTES >> 20} MiB")],
                             hint=f"save only the {what} itself (no embedded media), or cut it")
        raw = path.read_bytes()
    except OSError as exc:
        raise ScamnetError(f"cannot read {what} file {path}: {exc.strerror}", hint="check the path and its permissions") from None
    for encoding in _ENCODINGS:
        try:
            return _as_text(raw.decode(encoding), path, what)
        except UnicodeDecodeError:
            continue
    return _as_text(raw.decode("latin-1"), path, what)


def _as_text(text: str, path: Path, what: str) -> str:
    """``text``, unless it is mostly not text (binary or random bytes): then ``InputError``."""
    sample = text[:200_000]
    odd = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or "\x7f" <= ch <= "\x9f" or ch == "\ufffd")
    if sample and odd / len(sample) > MAX_CONTROL_SHARE:
        raise InputError([Problem(str(path), None, None, f"{odd / len(sample):.0%} control or undecodable characters",
                                  f"a saved {what}: HTML or text (UTF-8, GB18030 or Latin-1)")],
                         hint=f"this file is binary, not a {what}")
    return text


#: Characters of one message that are scored: an SMS is under 1,000 and a long e-mail under 20,000, so a
#: longer text is cut (with a note among the reasons) and the work per message stays bounded.
MAX_MESSAGE_CHARS = 20_000


def inspect_message(text: str, model_path: Path | None = None) -> dict[str, Any]:
    """Score, scam type and reasons of one message, and the indicators it names (of its first
    ``MAX_MESSAGE_CHARS`` characters; a note says so when it is longer)."""
    scored = text[:MAX_MESSAGE_CHARS]
    judged = inspect_text(scored, model_path)
    if len(text) > len(scored):
        note = f"only the first {len(scored):,} of {len(text):,} characters were scored (the rest was cut)"
        judged = {**judged, "reasons": [note, *judged.get("reasons", [])], "truncated": True}
    return {**judged, "indicators": [asdict(found) for found in extract_indicators(scored)]}

