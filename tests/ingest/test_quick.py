"""The quick conversion of canonical values gives what ingest's DuckDB query gives, value for value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.core.settings import Settings
from scamnet.ingest.convert import Converter, plan_columns, time_window
from scamnet.ingest.mapping import Mapping, Rule
from scamnet.ingest.quick import quick_columns
from scamnet.schema import table

CON = duckdb.connect()
CON.execute("SET TimeZone = 'UTC'")
SETTINGS = Settings()


def _both(kind: str, column: str, texts: list[str | None]) -> tuple[list | None, list]:
    """The quick road's values (None: it declined) and the query's, for one column of table ``kind``."""
    spec = table(kind)
    raw = pa.table({column: pa.array(texts, pa.string())})
    plan = plan_columns(spec, Mapping(), raw.column_names, SETTINGS, "test")
    fields = [spec.field(column)]
    window = time_window(spec, SETTINGS)
    quick = quick_columns(raw, fields, plan.rules, window)
    query = Converter(spec, plan, SETTINGS, CON)._computed(raw, fields)
    return (None if quick is None else quick.column(column).to_pylist()), query.column(column).to_pylist()


CANONICAL = [
    ("transfers", "ts", ["2026-03-01T09:05:00Z", "2026-03-01T09:05:00+08:00", "2026-03-01T09:05:00.5-03:30",
                         "2026-03-01T09:05:00.123456+14:00", "2026-03-01T09:05:00", "2024-02-29T23:59:59.000001Z",
                         "1999-01-01T00:00:00Z", "2126-01-01T00:00:00Z", None]),
    ("transfers", "amount", ["0", "0.5", "120.50", "1234567890123456.99", "30000.00", None]),
    ("calls", "duration_s", ["0", "2878", "999999999", None]),
    ("calls", "answered", ["true", "false", None]),
]


@pytest.mark.parametrize(("kind", "column", "texts"), CANONICAL)
def test_canonical_values_skip_the_query_and_convert_to_the_querys_values(kind: str, column: str, texts: list) -> None:
    quick, query = _both(kind, column, texts)
    assert quick == query  # times outside the event window are null both ways, for ingest's checks to name


ODD = [
    ("transfers", "ts", ["2026-02-29T09:05:00Z", "2026-03-01 09:05:00Z", "2026-03-01T24:00:00Z",
                         "2026-03-01T09:05:00+15:00", "2026-03-01T09:05:00.1234567Z", "20260301", "soon"]),
    ("transfers", "amount", ["-3.00", "007", "1.234", "1e3", " 5", "12,50"]),
    ("calls", "duration_s", ["-1", "12.5", "1000000000", "ten"]),
    ("calls", "answered", ["True", "yes", "1"]),
]


@pytest.mark.parametrize(("kind", "column", "texts"), [(k, c, [t]) for k, c, ts in ODD for t in ts])
def test_a_value_not_written_the_canonical_way_is_left_to_the_query(kind: str, column: str, texts: list) -> None:
    quick, _ = _both(kind, column, texts)
    assert quick is None


ZONES = st.sampled_from(["Z", "", "+00:00", "+08:00", "-03:30", "+05:45", "-12:00", "+14:00"])
TIMES = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1))


@settings(max_examples=200, deadline=None)
@given(TIMES, ZONES, st.integers(0, 6))
def test_any_canonical_time_converts_as_the_query_converts_it(at: datetime, zone: str, digits: int) -> None:
    text = at.strftime("%Y-%m-%dT%H:%M:%S") + (f".{at.microsecond:06d}"[: digits + 1] if digits else "") + zone
    quick, query = _both("messages", "sent_at", [text])
    assert quick == query


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**17 - 1), st.sampled_from([0, 1, 2]))
def test_any_canonical_amount_converts_as_the_query_converts_it(cents: int, decimals: int) -> None:
    whole, part = divmod(cents, 100)
    text = str(whole) + ("" if not decimals else "." + f"{part:02d}"[:decimals])
    quick, query = _both("transfers", "amount", [text])
    assert quick == query


def test_a_rule_of_a_mapping_file_takes_the_query() -> None:
    spec = table("transfers")
    raw = pa.table({"ts": pa.array(["2026-03-01 09:05"], pa.string())})
    rule = Rule("ts", "ts", format="%Y-%m-%d %H:%M")
    window = (datetime.now(UTC) - timedelta(days=3650), datetime.now(UTC))
    assert quick_columns(raw, [spec.field("ts")], {"ts": rule}, window) is None
