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

from scamnet.core.errors import NotFoundError, ScamnetError
from scamnet.detect.content.extract import extract_indicators
from scamnet.detect.content.page.inspect import inspect_page
from scamnet.service.content import inspect_text

_ENCODINGS = ("utf-8-sig", "gb18030")


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
        raw = path.read_bytes()
    except OSError as exc:
        raise ScamnetError(f"cannot read {what} file {path}: {exc.strerror}", hint="check the path and its permissions") from None
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def inspect_message(text: str, model_path: Path | None = None) -> dict[str, Any]:
    """Score, scam type and reasons of one message, and the indicators it names."""
    judged = inspect_text(text, model_path)
    return {**judged, "indicators": [asdict(found) for found in extract_indicators(text)]}

