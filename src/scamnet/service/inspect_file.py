"""Score a whole file of messages or links (``scamnet inspect text|url --file F``): one row per item.

Each distinct item is scored once with the shipped (or given) model at its decision threshold
(0.5) and the verdict is repeated on every row that holds it. A message's links are judged with it,
as ``scamnet inspect text`` and ``scamnet run`` judge them (each distinct link scored once by
``url_risk``), unless the caller asks for the words alone. The label is the scam type the message
model reads (``phishing`` or ``risky`` for links) at or above the threshold, else ``spam`` where the
message model reads marketing, else ``legitimate``. The tier comes from the ``tier_*`` settings, as
for stored alerts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scamnet.core.errors import InputError, Problem, ScamnetError
from scamnet.core.settings import Settings
from scamnet.detect.content.message_context import links_with_host
from scamnet.detect.content.text.scam_text import assess_texts, text_model
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import assess_urls, protected_brands, url_model
from scamnet.ingest.items import Items
from scamnet.schema.entities import EntityError
from scamnet.service.alerts import tier_of
from scamnet.service.content import MessageVerdict, message_verdict

#: Called with (items scored, distinct items) after each chunk, for a progress bar.
Progress = Callable[[int, int], None]
CHUNK = 2_000
FORMATS = ("csv", "jsonl")
LEGITIMATE = "legitimate"


def text_rows(items: Items, settings: Settings, model_path: Path | None = None,
              progress: Progress | None = None, *, links: bool = True) -> list[dict[str, Any]]:
    """One row per message of ``items``: line, text, score, label (scam type, spam, legitimate or unknown), tier,
    reasons; with ``links``, each message's links judged with it (``message_verdict``), else its words alone."""
    model = text_model(model_path)
    from scamnet.service.inspect import MAX_MESSAGE_CHARS

    judge_links = _LinkJudge(settings) if links else None

    def assess(chunk: list[str]) -> list[MessageVerdict]:
        texts = [t[:MAX_MESSAGE_CHARS] for t in chunk]
        judged = assess_texts(texts, model)
        if judge_links is None:
            return [message_verdict(one, []) for one in judged]
        return [message_verdict(one, judge_links(text)) for one, text in zip(judged, texts, strict=True)]

    verdicts = _score_distinct(items.values, assess, progress)
    return [_row(line, "text", value, verdicts[value].score, verdicts[value].label, verdicts[value].reasons, settings)
            for line, value in zip(items.lines, items.values, strict=True)]


class _LinkJudge:
    """``url_risk``'s verdicts on a message's links, each distinct link scored once for the whole file."""

    def __init__(self, settings: Settings) -> None:
        self.model = url_model(None)
        self.brands = protected_brands(Path(settings.protected_brands_file) if settings.protected_brands_file else None)
        self.judged: dict[str, Any] = {}

    def __call__(self, text: str) -> list[Any]:
        found = links_with_host(text)
        new = [link for link in dict.fromkeys(found) if link not in self.judged]
        if new:
            self.judged.update(zip(new, assess_urls(new, self.model, self.brands), strict=True))
        return [self.judged[link] for link in found]


def url_rows(items: Items, settings: Settings, model_path: Path | None = None, brands_path: Path | None = None,
             progress: Progress | None = None) -> list[dict[str, Any]]:
    """One row per link of ``items``: line, url, score, label (phishing, risky or legitimate), tier, reasons."""
    _check_links(items)
    model, brands = url_model(model_path), protected_brands(brands_path)
    verdicts = _score_distinct(items.values, lambda chunk: assess_urls(chunk, model, brands), progress)
    return [_row(line, "url", value, verdicts[value].score, _url_label(verdicts[value]), verdicts[value].reasons(), settings)
            for line, value in zip(items.lines, items.values, strict=True)]


def _score_distinct(values: list[str], assess: Callable[[list[str]], list[Any]],
                    progress: Progress | None) -> dict[str, Any]:
    distinct = list(dict.fromkeys(values))
    verdicts: dict[str, Any] = {}
    for start in range(0, len(distinct), CHUNK):
        chunk = distinct[start: start + CHUNK]
        verdicts.update(zip(chunk, assess(chunk), strict=True))
        if progress:
            progress(len(verdicts), len(distinct))
    return verdicts


def _row(line: int, kind: str, value: str, score: float, label: str, reasons: list[str],
         settings: Settings) -> dict[str, Any]:
    return {"line": line, kind: value, "score": round(score, 4), "label": label,
            "tier": tier_of(score, settings).value, "reasons": reasons}


def _url_label(judged: Any) -> str:
    if not judged.is_risky:
        return LEGITIMATE
    return "phishing" if any(m.strength >= 0.5 for m in judged.matches) else "risky"


def _check_links(items: Items) -> None:
    bad = {value for value in set(items.values) if not _is_link(value)}
    problems = [Problem(items.source, line, None, value, "a link or domain")
                for line, value in zip(items.lines, items.values, strict=True) if value in bad]
    if problems:
        raise InputError(problems, hint="remove or fix these lines; each line should hold one link or domain")


def _is_link(value: str) -> bool:
    try:
        url_parts(value)
    except EntityError:
        return False
    return True


def write_rows(rows: list[dict[str, Any]], out: Path, fmt: str | None = None) -> str:
    """Write ``rows`` to ``out`` as CSV (reasons joined by `` | ``) or JSON Lines; the format used."""
    fmt = output_format(out, fmt)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        for line in format_rows(rows, fmt):
            handle.write(line)
    return fmt


def output_format(out: Path | None, fmt: str | None = None) -> str:
    """``fmt`` if it is one of ``FORMATS``; without it, JSON Lines for a ``.jsonl``/``.ndjson``/``.json`` file, else CSV."""
    if fmt and fmt not in FORMATS:
        raise ScamnetError(f"unknown output format {fmt!r}", hint=f"--format {' or '.join(FORMATS)}")
    if fmt:
        return fmt
    return "jsonl" if out and Path(out).suffix.lower() in {".jsonl", ".ndjson", ".json"} else "csv"


def format_rows(rows: list[dict[str, Any]], fmt: str) -> Iterator[str]:
    """The text of ``rows`` in ``fmt`` (``csv`` or ``jsonl``), a line at a time."""
    if output_format(None, fmt) == "jsonl":
        yield from (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    else:
        yield from _csv_lines(rows)


def _csv_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    buffer = _LineBuffer()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["line"])
    writer.writeheader()
    yield buffer.take()
    for row in rows:
        writer.writerow({**row, "reasons": " | ".join(row["reasons"])})
        yield buffer.take()


class _LineBuffer:
    """What ``csv.writer`` writes, taken back one row at a time."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text, self.parts = "".join(self.parts), []
        return text


def label_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many rows got each label, most common first."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))
