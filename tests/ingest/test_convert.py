from decimal import Decimal

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.ingest.convert import column_sql, phones_in_e164
from scamnet.ingest.mapping import Rule
from scamnet.schema import table

CN_MOBILES = st.from_regex(r"\A1[3-9][0-9]{9}\Z")
AMOUNT = table("transfers").field("amount")
CON = duckdb.connect()


@given(CN_MOBILES)
def test_national_international_and_00_forms_of_a_number_become_one_e164_number(national: str) -> None:
    forms = pa.array([national, f"+86 {national}", f"0086{national}", f"+86{national}"])
    assert set(phones_in_e164(forms, "CN").to_pylist()) == {f"+86{national}"}


@given(st.lists(st.from_regex(r"\A\+[1-9][0-9]{7,14}\Z"), max_size=10))
def test_numbers_already_in_e164_are_left_as_they_are(numbers: list[str]) -> None:
    assert phones_in_e164(pa.array(numbers, pa.string()), "CN").to_pylist() == numbers


def _amounts(texts: list[str], rule: Rule) -> list:
    raw = pa.table({"a": pa.array(texts, pa.string())})
    return CON.sql(f"SELECT {column_sql(AMOUNT, rule, raw)} FROM raw").fetchall()


@settings(max_examples=50, deadline=None)
@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_amounts_with_two_decimals_are_read_exactly_and_cents_agree(amount: Decimal) -> None:
    cents = str(int(amount * 100))
    assert _amounts([str(amount)], Rule("amount", "a")) == [(amount,)]
    assert _amounts([cents], Rule("amount", "a", unit="cents")) == [(amount,)]


@settings(max_examples=50, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False).filter(lambda d: d * 100 % 1 != 0))
def test_amounts_with_a_third_decimal_are_refused_not_rounded(amount: Decimal) -> None:
    assert _amounts([str(amount)], Rule("amount", "a")) == [(None,)]
