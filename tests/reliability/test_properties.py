"""Property-based tests (Hypothesis) over the readers, the time window, STIX import, the page
parser, scoring and literal output: for any input, a clear answer (a result or ``InputError``),
never a crash, and never a partial write.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scamnet.cli.output import make_console, visible
from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.detect.content.page.inspect import inspect_page
from scamnet.service.ingest import ingest_files
from scamnet.service.inspect import inspect_message
from scamnet.share.stix import parse_bundle

QUICK = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
HEADER = ["msg_id", "sent_at", "sender", "recipient", "channel", "text"]


def _stored(db: Path, sql: str) -> list:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("p")


@QUICK
@given(texts=st.lists(TEXT.filter(lambda t: "\x00" not in t and "\r" not in t), min_size=1, max_size=5))
def test_csv_values_come_back_exactly_or_a_line_is_named(tmp_path_factory, texts: list[str]) -> None:
    folder = _store_dir(tmp_path_factory)
    sink = io.StringIO(newline="")
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(HEADER)
    for i, text in enumerate(texts):
        writer.writerow([f"M{i}", "2026-03-01T09:00:00Z", "+8613800000001", "+8613900000001", "sms", text])
    path = folder / "messages.csv"
    path.write_text(sink.getvalue(), encoding="utf-8")
    spans = any("\n" in t for t in texts)
    try:
        ingest_files([path], folder / "s.db", Settings())
    except InputError as exc:
        assert not (folder / "s.db").exists()
        first = exc.problems[0]
        if spans:  # a field spanning lines is refused at the line its quote opened
            assert "quote opened on line" in first.expected
        else:  # else only a missing (empty) text is refused, and it is named
            assert "" in texts and (first.column, first.expected) == ("text", "a value (the field is required)")
        return
    assert not spans
    stored = dict(_stored(folder / "s.db", "SELECT msg_id, text FROM messages"))
    assert all(stored[f"M{i}"] in (text, None) for i, text in enumerate(texts))


@QUICK
@given(when=st.one_of(TEXT.filter(lambda t: "," not in t and "\n" not in t and '"' not in t and "\r" not in t),
                      st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
                          lambda d: d.isoformat() + "Z")))
def test_any_time_is_stored_inside_the_window_or_refused(tmp_path_factory, when: str) -> None:
    folder = _store_dir(tmp_path_factory)
    path = folder / "transfers.csv"
    path.write_text("txn_id,ts,src_account,dst_account,amount,currency,channel\n"
                    f"T1,{when},A,B,1.00,CNY,mobile\n", encoding="utf-8")
    try:
        ingest_files([path], folder / "s.db", Settings())
    except InputError:
        assert not (folder / "s.db").exists()
        return
    (ts,), = _stored(folder / "s.db", "SELECT ts FROM transfers")
    assert datetime(1990, 1, 1, tzinfo=UTC) <= ts <= datetime.now(UTC) + timedelta(hours=24)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=20)


@QUICK
@given(objects=st.lists(st.dictionaries(st.sampled_from(["type", "id", "pattern", "pattern_type", "valid_from",
                                                         "confidence", "spec_version", "name"]), JSON), max_size=4))
def test_any_bundle_is_read_or_refused_with_an_input_error(objects: list) -> None:
    text = json.dumps({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": objects})
    try:
        parsed = parse_bundle(text, "b.json")
    except InputError:
        return
    assert all(0 <= row["confidence"] <= 1 for row in parsed.indicators)


HTML = st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<a href='http://x.top'>", "</a>", "<style>",
                                 "</style>", "<div style='display:none'>", "<footer>", "</footer>", "<title>",
                                 "</title>", "<!--", "-->", "<", ">", "&amp;", "&#0;", "casino", "登录", " ", "\n"])
                | TEXT, max_size=80).map("".join)


@QUICK
@given(page=HTML)
def test_any_page_gets_a_verdict(page: str) -> None:
    report = inspect_page(page).to_dict()
    assert report["verdict"] in ("scam_landing", "compromised_seo", "clean")
    assert 0.0 <= report["score"] <= 1.0


@QUICK
@given(message=TEXT)
def test_any_message_gets_a_score_between_0_and_1(message: str) -> None:
    assert 0.0 <= inspect_message(message)["score"] <= 1.0


@QUICK
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"), max_size=60))
def test_any_string_prints_literally(text: str) -> None:
    sink = io.StringIO()
    make_console(file=sink, width=10_000, soft_wrap=True).print(text, end="")
    assert sink.getvalue() == visible(text)
