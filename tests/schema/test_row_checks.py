"""The one-row checks of the serve path agree with the column checks ingest runs: a value they pass, Arrow passes."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from scamnet.schema import table
from scamnet.schema.fields import Check
from scamnet.schema.validate import _ROW_RULES, _RULES, bad_values, row_passes

TEXTS = ["+8613812345678", "+861381234567\n", "8613812345678", "+0123456789", "+1234567", "10690088", "Alipay",
         "Bank of China Ltd", "", " ", "\t\n", "\u3000", "\u200b", "x", " x ", "CNY", "cny", "XXX", "USD", "sms",
         "chat", "mobile", "wire_abroad", "phone:+8613812345678", "phone:", "phone: x", "phone:\u3000x", "fax:1"]
CHECKS = [Check("e164"), Check("sender"), Check("entity"), Check("currency"), Check("not_empty"),
          Check("enum", ("sms", "mms", "rcs", "chat")), Check("enum", ("mobile", "wire_abroad"))]
NUMBERS = [Check("non_negative"), Check("range", low=0.0, high=1.0)]


def test_every_column_check_has_a_row_check() -> None:
    assert set(_ROW_RULES) == set(_RULES)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.kind)
def test_a_text_the_row_check_passes_breaks_no_column_check(check: Check) -> None:
    bad = bad_values(check, pa.array(TEXTS, pa.string())).to_pylist()
    for text, refused in zip(TEXTS, bad, strict=True):
        if _ROW_RULES[check.kind](check)(text):
            assert not refused, text
    assert any(_ROW_RULES[check.kind](check)(t) for t in TEXTS)  # it passes the good ones, not only refuses


@pytest.mark.parametrize("check", NUMBERS, ids=lambda c: c.kind)
def test_a_number_the_row_check_passes_breaks_no_column_check(check: Check) -> None:
    values = [Decimal("-0.01"), Decimal("0.00"), Decimal("-0.00"), Decimal("0.5"), Decimal("1.00"), Decimal("120.50")]
    bad = bad_values(check, pa.array(values, pa.decimal128(18, 2))).to_pylist()
    for value, refused in zip(values, bad, strict=True):
        assert _ROW_RULES[check.kind](check)(value) == (not refused), value


def test_a_row_with_a_null_required_field_or_a_bad_value_is_left_to_the_column_checks() -> None:
    spec = table("sessions")
    assert row_passes(spec, {"account_id": "A1", "ts": 1, "device_id": "D1", "ip": None})
    assert not row_passes(spec, {"account_id": "A1", "ts": None, "device_id": "D1"})
    assert not row_passes(spec, {"account_id": " ", "ts": 1, "device_id": "D1"})
    assert not row_passes(table("wallets"), {})  # addresses are checked per chain by the column checks alone
