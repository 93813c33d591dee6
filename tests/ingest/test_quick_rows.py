"""The generated function of a field set gives the rows the field-by-field road gives (``quick_converter`` per value,
``row_passes`` per row), and refuses where it refuses."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from scamnet.core.settings import Settings
from scamnet.ingest.convert import plan_columns, time_window
from scamnet.ingest.mapping import Mapping as ColumnMapping
from scamnet.ingest.quick import NotQuick, posted_text, quick_converter
from scamnet.ingest.quick_rows import rows_function
from scamnet.schema import table
from scamnet.schema.validate import row_passes

SETTINGS = Settings()
#: Per field, values a client may post: canonical ones, wrong ones, ones of another JSON type, out of the window.
POOLS: dict[str, list[Any]] = {
    "txn_id": ["t1", "t2", " ", "", 17, None],
    "call_id": ["c1", "c 2", "", 4, None],
    "msg_id": ["m1", "", None],
    "ts": ["2026-03-01T09:05:00Z", "2026-03-01T09:05:00.25+08:00", "2026-03-01T09:05:00", "1990-01-01T00:00:00Z",
           "2026-02-30T09:00:00Z", "2026-03-01 09:05", None],
    "started_at": ["2026-03-01T09:05:00Z", "2026-03-01T09:05:00-05:30", "2999-01-01T00:00:00Z", None],
    "sent_at": ["2026-03-01T09:05:00Z", "yesterday", None],
    "src_account": ["A", "A 1", "", None, 5],
    "dst_account": ["B", "账户", None],
    "amount": ["120.5", "120.50", "0", "-5", "1e3", 30000, 12.5, None],
    "currency": ["CNY", "USD", "XXY", None],
    "channel": ["mobile", "atm", "bike", None, "sms"],
    "message_channel": ["sms", "rcs", "mobile", None],
    "duration_s": ["61", 61, "1.5", -1, True, None],
    "caller": ["+8613800000001", "138", "+8613800000001\n", None],
    "callee": ["+8613800000002", None],
    "answered": [True, False, "true", "yes", None],
    "sender": ["10690088", "+8613800000001", "Bank", None],
    "recipient": ["+8613800000002", None],
    "text": ["your parcel: http://example.com", "", {"a": 1}, None],
    "memo": [{"note": "cash"}, [1, 2], "x", None],
    "colour": [None, "red"],  # not a field of any table: a batch with it goes to ingest's road
}
KINDS = {"transfers": ["txn_id", "ts", "src_account", "dst_account", "amount", "currency", "channel", "memo", "colour"],
         "calls": ["call_id", "started_at", "duration_s", "caller", "callee", "answered"],
         "messages": ["msg_id", "sent_at", "sender", "recipient", "message_channel", "text"]}


def field_by_field(kind: str, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]] | None:
    """The quick road as it was written before it was generated: one conversion call per value, one check per row."""
    spec = table(kind)
    names = list(dict.fromkeys(name for record in records for name in record))
    plan = plan_columns(spec, ColumnMapping(), names, SETTINGS, "body")
    if plan.problems:
        return None
    rows = []
    try:
        for record in records:
            row = {}
            for spec_field in spec.fields:
                rule = plan.rules.get(spec_field.name)
                if rule is None:
                    row[spec_field.name] = None
                    continue
                if rule.phone:
                    return None
                text = rule.value if rule.source is None else posted_text(record.get(rule.source))
                value = row[spec_field.name] = quick_converter(spec_field, rule, time_window(spec, SETTINGS))(text)
                if value is None and text is not None:
                    return None
            if not row_passes(spec, row):
                return None
            rows.append(row)
    except NotQuick:
        return None
    return rows


def generated(kind: str, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]] | None:
    rows_of = rows_function(table(kind), tuple(dict.fromkeys(n for r in records for n in r)), SETTINGS, "body")
    try:
        return None if rows_of is None else rows_of(records)
    except NotQuick:
        return None


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_generated_rows_are_the_field_by_field_rows_for_any_posted_values(kind: str) -> None:
    pick = random.Random(kind)
    taken = refused = 0
    for _ in range(600):
        fields = [f for f in KINDS[kind] if pick.random() < (0.03 if f == "colour" else 0.95)]
        # mostly the first (canonical) value of each pool, so that whole batches pass too
        batch = [{f.removeprefix("message_"): POOLS[f][0] if pick.random() < 0.9 else pick.choice(POOLS[f]) for f in fields}
                 for _ in range(pick.choice((1, 1, 2, 3)))]
        expected = field_by_field(kind, batch)
        assert generated(kind, batch) == expected, batch
        taken, refused = taken + (expected is not None), refused + (expected is None)
    assert taken > 30 and refused > 30  # both roads were walked


def test_an_amount_posted_as_a_number_and_a_missing_currency_take_the_canonical_values() -> None:
    rows = generated("transfers", [{"txn_id": "t1", "ts": "2026-03-01T09:05:00+08:00", "dst_account": "B",
                                    "amount": 30000, "channel": "mobile"}])
    assert rows is not None
    assert (str(rows[0]["amount"]), rows[0]["currency"], rows[0]["ts"].hour) == ("30000.00", "CNY", 1)
