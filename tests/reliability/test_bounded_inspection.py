"""Class: hostile pages and messages that would hang an inspection.

``inspect page`` parses in linear time with nesting held to ``MAX_DEPTH``, refuses a file over
``MAX_FILE_BYTES`` and a file that is not text (random bytes) with exit 5 naming the file;
``inspect text`` scores the first ``MAX_MESSAGE_CHARS`` characters of a longer message and says so.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from scamnet.detect.content.page.parse import MAX_DEPTH, _PageReader, parse_page
from scamnet.service.inspect import MAX_FILE_BYTES, MAX_MESSAGE_CHARS, inspect_message

from .conftest import one_error


def _seconds(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


@pytest.mark.parametrize("hostile", ["<div>" * 20_000 + "x" + "</div>" * 20_000, "<b><i><span>word " * 20_000,
                                     "<p>" + " " * 400_000 + "x"])
def test_hostile_html_is_parsed_in_linear_time(hostile: str) -> None:
    small = _seconds(parse_page, hostile[: len(hostile) // 4])
    large = _seconds(parse_page, hostile)
    assert large < 8 * small + 0.5  # 4x the input: about 4x the time, never 16x


def test_nesting_beyond_the_bound_is_read_flat() -> None:
    reader = _PageReader(set())
    reader.feed("<div>" * (MAX_DEPTH * 3) + "deep text")
    assert len(reader.stack) == MAX_DEPTH
    reader.close()
    assert "deep text" in " ".join(b.text for b in reader.blocks)


def test_a_hidden_block_deep_inside_still_counts_as_hidden() -> None:
    page = parse_page("<html><body>" + "<div>" * 50 + '<div style="display:none"><a href="http://x.top">x</a></div>'
                      + "</div>" * 50 + "<p>visible</p></body></html>")
    hidden = [b for b in page.blocks if b.hidden]
    assert [b.links for b in hidden] == [["http://x.top"]]
    assert any(b.text == "visible" and not b.hidden for b in page.blocks)


def test_random_bytes_are_refused_as_not_a_page(cli, tmp_path: Path) -> None:
    path = tmp_path / "random.html"
    path.write_bytes(os.urandom(50_000))
    ran = cli("inspect", "page", path)
    assert ran.code == 5
    assert "random.html" in one_error(ran) and "control or undecodable characters" in ran.err


def test_a_page_over_the_size_bound_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    ran = cli("inspect", "page", path)
    assert ran.code == 5
    assert f"{MAX_FILE_BYTES + 1:,} bytes" in one_error(ran)


def test_a_page_of_ordinary_text_in_latin_1_is_still_read(cli, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("Café Müller: opening hours 9-17, call 020 7946 0000\n".encode("latin-1"))
    ran = cli("inspect", "page", path)
    assert ran.code == 0, ran.err


def test_a_long_message_is_scored_on_its_first_characters_with_a_note() -> None:
    text = "win a prize now http://x.top " * 40_000  # about 1.2 MB
    result = inspect_message(text)
    assert result["truncated"] is True
    assert result["reasons"][0].startswith(f"only the first {MAX_MESSAGE_CHARS:,} of {len(text):,} characters")
    assert max(i["end"] for i in result["indicators"]) <= MAX_MESSAGE_CHARS
