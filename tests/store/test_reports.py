from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pyarrow as pa
import pytest

from scamnet.core.errors import NotFoundError
from scamnet.schema import table
from scamnet.store.repo import append_rows
from scamnet.store.reports import report, reported_payments

AT = datetime(2026, 3, 9, 12, tzinfo=UTC)
WEEK = timedelta(days=7)


def _transfer(txn_id: str, days_before: float, src: str, dst: str, amount: str = "100.00") -> dict:
    return {"txn_id": txn_id, "ts": AT - timedelta(days=days_before), "src_account": src, "dst_account": dst,
            "amount": Decimal(amount), "currency": "CNY", "channel": "mobile"}


_WEEK_OF_PAYMENTS = [_transfer("t1", 2, "V1", "M1"), _transfer("t2", 1, "V1", "SHOP"), _transfer("t3", -1, "V1", "M1"),
                     _transfer("t4", 9, "V1", "M1"), _transfer("t5", 3, "X9", "M7"), _transfer("t6", 0.5, "V1", "M7")]


def _fill(store, items: list[tuple[str, str]], transfers: list[dict] = _WEEK_OF_PAYMENTS, loss: str = "100.00") -> None:
    reports = [{"report_id": "R1", "reported_at": AT, "victim_account": "V1", "scam_type": "fake_investment",
                "loss_amount": Decimal(loss), "currency": "CNY"}]
    rows = {"transfers": transfers, "reports": reports,
            "report_items": [{"report_id": "R1", "kind": k, "value": v} for k, v in items]}
    with store.transaction() as con:
        for name, data in rows.items():
            append_rows(con, table(name), pa.Table.from_pylist(data, schema=table(name).schema))


def _payments(store, items: list[tuple[str, str]], transfers: list[dict] = _WEEK_OF_PAYMENTS, loss: str = "100.00") -> list[str]:
    _fill(store, items, transfers, loss)
    return [p.txn_id for p in reported_payments(store, report(store, "R1"), WEEK)]


def test_a_report_naming_an_account_starts_from_the_victims_payments_to_it_in_the_week_before(store) -> None:
    # written as the victim typed it: lower case, with spaces
    assert _payments(store, [("account", "m 1")]) == ["t1"]


def test_a_named_transfer_counts_and_so_do_the_victims_other_payments_to_where_it_went(store) -> None:
    assert _payments(store, [("txn", "txn:t5")]) == ["t5", "t6"]


def test_a_report_naming_nothing_starts_from_every_payment_of_the_victim_in_the_week_before(store) -> None:
    assert _payments(store, []) == ["t1", "t2", "t6"]  # not t3 (after the report) nor t4 (9 days before)


# A victim of a three-week investment scam: paid M1 (named), then the gang's next accounts M2 and M3
# (the first 12 days before the report, past the week's look-back); everyday life: the landlord and
# the shop, paid for months, and one new payee, a deposit larger than what is missing.
_SCAM_WEEKS = [_transfer("s1", 12, "V1", "M3", "7000.00"), _transfer("s2", 3, "V1", "M2", "8000.00"),
               _transfer("s3", 2, "V1", "M1", "5000.00"), _transfer("rent0", 40, "V1", "LANDLORD", "3000.00"),
               _transfer("rent1", 10, "V1", "LANDLORD", "3000.00"), _transfer("shop0", 60, "V1", "SHOP", "80.00"),
               _transfer("shop1", 4, "V1", "SHOP", "120.00"), _transfer("deposit", 5, "V1", "NEWFLAT", "30000.00")]


def test_a_loss_the_named_payments_do_not_cover_is_found_in_payments_to_new_payees_over_a_month(store) -> None:
    found = _payments(store, [("account", "M1")], _SCAM_WEEKS, loss="20000.00")
    assert found == ["s1", "s2", "s3"]  # not the landlord, the shop, nor the deposit that would overshoot


def test_a_loss_the_named_payments_cover_adds_nothing(store) -> None:
    assert _payments(store, [("account", "M1")], _SCAM_WEEKS, loss="5000.00") == ["s3"]


def test_a_loss_rounded_by_the_victim_within_five_percent_adds_nothing(store) -> None:
    assert _payments(store, [("account", "M1")], _SCAM_WEEKS, loss="5200.00") == ["s3"]


def test_an_unknown_report_is_not_found(store) -> None:
    with pytest.raises(NotFoundError, match="no report 'R9'"):
        report(store, "R9")
