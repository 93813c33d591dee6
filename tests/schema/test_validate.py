from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from scamnet.core.enums import MessageChannel, TransferChannel
from scamnet.schema import table
from scamnet.schema.currencies import ISO_4217
from scamnet.schema.fields import Check, one_of
from scamnet.schema.validate import bad_values, check_table

TRANSFERS = table("transfers")
E164, CURRENCY, MONEY_OK = Check("e164"), Check("currency"), Check("non_negative")
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _transfers(**overrides) -> pa.Table:
    rows = {
        "txn_id": ["T1", "T2"], "ts": [T0, T0], "src_account": ["A", "B"], "dst_account": ["B", None],
        "amount": [Decimal("10.00"), Decimal("20.50")], "currency": ["CNY", "USD"], "channel": ["mobile", "atm"],
        "src_device": [None, None], "src_ip": [None, None], "memo": [None, None],
    }
    rows.update(overrides)
    schema = pa.schema([f.arrow().with_nullable(True) for f in TRANSFERS.fields])
    return pa.table(rows, schema=schema)


def _only_problem(data: pa.Table):
    found = check_table(TRANSFERS, data, source="t.csv", rows=pa.array([2, 3]))
    assert found.total == 1, [str(p) for p in found.problems]
    return found.problems[0]


def test_valid_transfers_have_no_problems() -> None:
    assert check_table(TRANSFERS, _transfers(), source="t.csv").total == 0


def test_a_negative_amount_is_named_with_its_line_and_column() -> None:
    problem = _only_problem(_transfers(amount=[Decimal("10.00"), Decimal("-0.01")]))
    assert (problem.row, problem.column, problem.value) == (3, "amount", "-0.01")
    assert "zero or more" in problem.expected


def test_a_currency_that_is_not_iso_4217_is_a_problem() -> None:
    problem = _only_problem(_transfers(currency=["RMB", "CNY"]))
    assert (problem.row, problem.column, problem.value) == (2, "currency", "RMB")


def test_an_unknown_channel_lists_the_known_ones() -> None:
    problem = _only_problem(_transfers(channel=["mobile", "carrier_pigeon"]))
    assert problem.value == "carrier_pigeon" and "crypto_otc" in problem.expected


def test_a_missing_required_value_is_one_problem_not_two() -> None:
    problem = _only_problem(_transfers(channel=["mobile", None]))
    assert (problem.row, problem.column) == (3, "channel") and "required" in problem.expected


def test_a_blank_id_is_a_problem() -> None:
    assert _only_problem(_transfers(txn_id=["T1", "  "])).column == "txn_id"


def test_a_missing_required_column_is_named_once() -> None:
    found = check_table(TRANSFERS, _transfers().drop_columns(["channel"]), source="t.csv")
    assert found.total == 1 and found.problems[0].column == "channel" and found.problems[0].row is None


def test_a_bad_phone_number_in_calls_is_a_problem() -> None:
    calls = pa.table({
        "call_id": ["C1", "C2"], "started_at": [T0, T0], "duration_s": pa.array([10, 0], pa.int32()),
        "caller": ["+8613812345678", "13812345678"], "callee": ["+8613912345678", "+8613912345678"],
        "answered": [True, False],
    })
    found = check_table(table("calls"), calls, source="calls.csv", rows=pa.array([2, 3]))
    assert [(p.row, p.column, p.value) for p in found.problems] == [(3, "caller", "13812345678")]


def test_problems_come_in_row_order_and_are_capped_but_all_counted() -> None:
    n = 100
    data = _transfers(
        txn_id=[f"T{i}" for i in range(n)], ts=[T0] * n, src_account=["A"] * n, dst_account=["B"] * n,
        amount=[Decimal("-1")] * n, currency=["XYZ"] * n, channel=["mobile"] * n,
        src_device=[None] * n, src_ip=[None] * n, memo=[None] * n,
    )
    found = check_table(TRANSFERS, data, source="t.csv", limit=20)
    assert found.total == 200 and len(found.problems) == 20
    assert [p.row for p in found.problems] == sorted(p.row for p in found.problems)
    assert found.problems[0].row == 1 and found.problems[-1].row == 10


E164_NUMBERS = st.from_regex(r"\A\+[1-9][0-9]{7,14}\Z")


@given(st.lists(E164_NUMBERS, max_size=20))
def test_every_e164_number_passes(numbers: list[str]) -> None:
    assert not any(bad_values(E164, pa.array(numbers, pa.string())).to_pylist())


@given(st.text(max_size=20).filter(lambda s: not (s.startswith("+") and s[1:].isascii() and s[1:].isdigit())))
def test_text_without_a_plus_and_digits_only_is_never_e164(text: str) -> None:
    assert bad_values(E164, pa.array([text])).to_pylist() == [True]


@given(st.sampled_from(sorted(ISO_4217)), st.text(min_size=1, max_size=4))
def test_currency_codes_pass_and_other_text_fails(code: str, other: str) -> None:
    mask = bad_values(CURRENCY, pa.array([code, other])).to_pylist()
    assert mask == [False, other not in ISO_4217]


@given(st.lists(st.decimals(min_value=-10**15, max_value=10**15, places=2, allow_nan=False), max_size=30))
def test_money_is_bad_exactly_when_negative(amounts: list[Decimal]) -> None:
    mask = bad_values(MONEY_OK, pa.array(amounts, pa.decimal128(18, 2))).to_pylist()
    assert mask == [a < 0 for a in amounts]


@given(st.lists(st.one_of(st.sampled_from([c.value for c in TransferChannel]), st.text(max_size=8)), max_size=30))
def test_enum_values_pass_and_anything_else_fails(values: list[str]) -> None:
    known = {c.value for c in TransferChannel}
    mask = bad_values(one_of(TransferChannel), pa.array(values, pa.string())).to_pylist()
    assert mask == [v not in known for v in values]


@given(st.lists(st.none() | st.sampled_from([c.value for c in MessageChannel]), max_size=10))
def test_nulls_are_never_bad_values(values: list[str | None]) -> None:
    assert not any(bad_values(one_of(MessageChannel), pa.array(values, pa.string())).to_pylist())
