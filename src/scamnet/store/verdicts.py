"""Analysts' verdicts and dissuasion outcomes read as labels: what the next fit and back-test learn from.

- An alert whose newest verdict is ``confirm`` makes its entity a **positive** for the alert's
  detector; ``dismiss`` makes it a **known negative**; ``escalate`` and ``reopen`` say nothing yet.
- A dissuasion task's outcome labels the payment it held (``txn:ID``): ``persuaded``,
  ``paid_anyway`` and ``reached`` say it was a victim's payment (positive); ``false_alarm`` says it
  was a legitimate one (known negative); ``unreachable`` says nothing.

Only the ``evaluate`` floor and the supervised ``fit`` of a batch run read these, as an explicit
argument: detectors never read the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from scamnet.core.enums import ReviewVerdict, TaskOutcome
from scamnet.features.data import Data
from scamnet.store.db import Store

POSITIVE_OUTCOMES = (TaskOutcome.PERSUADED, TaskOutcome.PAID_ANYWAY, TaskOutcome.REACHED)


@dataclass(frozen=True)
class VerdictLabel:
    """One entity an analyst or an officer settled: positive (scam) or a known negative (legitimate)."""

    entity: str
    detector: str | None  # the alert's detector; None for a dissuasion outcome
    positive: bool
    source: str  # "review" or "dissuasion"


def verdict_labels(source: Data | Store) -> list[VerdictLabel]:
    """Every label the ``alert_reviews`` and ``dissuasion_tasks`` of a store (or a view) give (none where absent)."""
    return _reviewed(source.con) + _outcomes(source.con)


def _reviewed(con: duckdb.DuckDBPyConnection) -> list[VerdictLabel]:
    if not _has(con, "alert_reviews"):
        return []
    rows = con.execute(
        "SELECT entity, detector, arg_max(verdict, reviewed_at) AS newest FROM alert_reviews GROUP BY entity, detector "
        "HAVING newest IN (?, ?) ORDER BY entity, detector",
        [ReviewVerdict.CONFIRM.value, ReviewVerdict.DISMISS.value]).fetchall()
    return [VerdictLabel(e, d, v == ReviewVerdict.CONFIRM.value, "review") for e, d, v in rows]


def _outcomes(con: duckdb.DuckDBPyConnection) -> list[VerdictLabel]:
    if not _has(con, "dissuasion_tasks"):
        return []
    positive = [o.value for o in POSITIVE_OUTCOMES]
    rows = con.execute(
        "SELECT DISTINCT 'txn:' || txn_id, outcome IN (SELECT unnest(?)) FROM dissuasion_tasks "
        "WHERE txn_id IS NOT NULL AND outcome IN (SELECT unnest(?)) ORDER BY 1",
        [positive, [*positive, TaskOutcome.FALSE_ALARM.value]]).fetchall()
    return [VerdictLabel(e, None, bool(p), "dissuasion") for e, p in rows]


def payees_of_settled_payments(store: Store) -> dict[str, bool]:
    """``account:<payee>`` of each payment a dissuasion outcome settled: True for a victim's payment.

    The account a victim was paying into is the gang's first-layer account; the payee of a payment
    settled as a false alarm is a known legitimate one, unless another settled payment says otherwise.
    """
    settled = {label.entity.removeprefix("txn:"): label.positive for label in _outcomes(store.con)}
    if not settled:
        return {}
    rows = store.con.execute("SELECT txn_id, dst_account FROM transfers WHERE dst_account IS NOT NULL "
                             "AND txn_id IN (SELECT unnest(?)) ORDER BY txn_id", [list(settled)]).fetchall()
    found: dict[str, bool] = {}
    for txn, payee in rows:
        entity = f"account:{payee}"
        found[entity] = found.get(entity, False) or settled[txn]
    return found


def _has(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()[0][0] > 0


def transfers_touching(data: Data, accounts: list[str]) -> set[str]:
    """Transfers into or out of one of ``accounts`` (ids without ``account:``)."""
    if not accounts:
        return set()
    rows = data.con.execute("SELECT txn_id FROM transfers WHERE src_account IN (SELECT unnest($a)) "
                       "OR dst_account IN (SELECT unnest($a))", {"a": accounts}).fetchall()
    return {r[0] for r in rows}
