"""Victims' reports as the store holds them: one by id, their items, the payments they point to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from scamnet.core.errors import NotFoundError
from scamnet.store.db import Store
from scamnet.store.repo import records

_NORM = "regexp_replace(regexp_replace(upper({}), '^ACCOUNT:', ''), '[\\s-]', '', 'g')"
# The transfers a report names, and the victim account's payments in the lookback to the
# accounts the report names (or those named transfers went to); to any account when it names none.
_PAYMENTS_SQL = f"""
WITH items AS (SELECT kind, value FROM report_items WHERE report_id = $report),
named_txns AS (SELECT regexp_replace(value, '^txn:', '') AS txn_id FROM items WHERE kind = 'txn'),
named_accounts AS (
    SELECT {_NORM.format('value')} AS account FROM items WHERE kind = 'account'
    UNION SELECT {_NORM.format('dst_account')} FROM transfers WHERE txn_id IN (SELECT txn_id FROM named_txns)
)
SELECT txn_id, ts, amount FROM transfers WHERE txn_id IN (SELECT txn_id FROM named_txns)
UNION
SELECT txn_id, ts, amount FROM transfers
WHERE src_account = $victim AND ts >= $since AND ts <= $until
  AND ({_NORM.format('dst_account')} IN (SELECT account FROM named_accounts)
       OR NOT EXISTS (SELECT 1 FROM named_accounts))
ORDER BY ts, txn_id
"""
#: How far back a report's payments are looked for when those it points to fall short of its loss.
LOSS_LOOKBACK = timedelta(days=30)
#: The share of the reported loss the payments found may miss before more are looked for (victims round).
LOSS_SHORTFALL = 0.05
# The victim's payments in the loss lookback to payees it first paid in that lookback (new payees),
# in the report's currency, largest first: where the rest of a loss the report does not point to went.
_NEW_PAYEE_SQL = """
SELECT txn_id, ts, amount FROM (
    SELECT txn_id, ts, amount, currency, min(ts) OVER (PARTITION BY dst_account) AS first_paid
    FROM transfers WHERE src_account = $victim AND dst_account IS NOT NULL AND ts <= $until
)
WHERE ts >= $since AND first_paid >= $since AND currency = $currency
ORDER BY amount DESC, ts DESC, txn_id
"""


@dataclass(frozen=True)
class Payment:
    """A transfer a report points to."""

    txn_id: str
    ts: datetime
    amount: Decimal


@dataclass(frozen=True)
class ReportFacts:
    """What a case listing says of a report."""

    scam_type: str
    loss: Decimal
    reported_at: datetime


def report(store: Store, report_id: str) -> dict[str, Any]:
    """The ``reports`` row of ``report_id``; ``NotFoundError`` when there is none."""
    found = records(store, "reports", "report_id = ?", [report_id])
    if not found:
        raise NotFoundError(f"no report {report_id!r}", hint="list reports with scamnet stats, or ingest them first")
    return found[0]


def report_ids(store: Store) -> list[str]:
    """Every report id, in order."""
    return [r[0] for r in store.con.execute("SELECT report_id FROM reports ORDER BY report_id").fetchall()]


def reported_payments(store: Store, report_row: dict[str, Any], lookback: timedelta) -> list[Payment]:
    """The victim's payments a report points to (named transfers, payments to named accounts), and
    where those fall short of the reported loss, the payments that cover the rest (``loss_payments``)."""
    params = {"report": report_row["report_id"], "victim": report_row.get("victim_account"),
              "since": report_row["reported_at"] - lookback, "until": report_row["reported_at"]}
    found = [Payment(*row) for row in store.con.execute(_PAYMENTS_SQL, params).fetchall()]
    return sorted(found + loss_payments(store, report_row, found), key=lambda p: (p.ts, p.txn_id))


def loss_payments(store: Store, report_row: dict[str, Any], found: list[Payment]) -> list[Payment]:
    """Further payments of the victim when ``found`` covers less of the reported loss than it should.

    Victims name the account they paid last, not every one: gangs rotate their receiving accounts,
    and a scam that runs for weeks starts before a week's look-back. So while the payments found fall
    short of the loss by more than ``LOSS_SHORTFALL``, the victim's payments over ``LOSS_LOOKBACK`` to
    payees it first paid in that time are added, largest first, each only if it does not overshoot
    what is missing: a loss is a few large payments to new payees, the victim's everyday life many
    small ones to payees it has paid before.
    """
    loss = Decimal(str(report_row.get("loss_amount") or 0))
    missing = loss - sum((p.amount for p in found), Decimal(0))
    slack = loss * Decimal(str(LOSS_SHORTFALL))
    if not report_row.get("victim_account") or missing <= slack:
        return []
    rows = store.con.execute(_NEW_PAYEE_SQL, {
        "victim": report_row["victim_account"], "currency": report_row.get("currency"),
        "since": report_row["reported_at"] - LOSS_LOOKBACK, "until": report_row["reported_at"],
    }).fetchall()
    known, added = {p.txn_id for p in found}, []
    for payment in (Payment(*row) for row in rows):
        if payment.txn_id not in known and payment.amount <= missing + slack:
            added.append(payment)
            missing -= payment.amount
            if missing <= slack:
                break
    return added


def report_facts(store: Store) -> dict[str, ReportFacts]:
    """Scam type, loss and time of every report, by report entity (``report:R1``)."""
    rows = store.con.execute("SELECT 'report:' || report_id, scam_type, loss_amount, reported_at FROM reports").fetchall()
    return {entity: ReportFacts(*facts) for entity, *facts in rows}


def reports_with_items(store: Store, report_ids: list[str]) -> list[dict[str, Any]]:
    """The ``reports`` rows of ``report_ids``, oldest first, each with its items as ``kind: value`` lines."""
    rows = records(store, "reports", "report_id IN (SELECT unnest(?))", [report_ids], "reported_at, report_id")
    items = dict(store.con.execute(
        "SELECT report_id, list(kind || ': ' || value ORDER BY kind, value) FROM report_items "
        "WHERE report_id IN (SELECT unnest(?)) GROUP BY report_id",
        [report_ids],
    ).fetchall())
    return [{**r, "items": items.get(r["report_id"], [])} for r in rows]


def reported_loss(store: Store) -> tuple[Decimal, int]:
    """The loss of every report together, and how many reports there are."""
    total, count = store.con.execute("SELECT coalesce(sum(loss_amount), 0), count(*) FROM reports").fetchall()[0]
    return Decimal(total), count


@dataclass(frozen=True)
class ReportQuery:
    """Which reports to list: every filter optional; newest first."""

    since: datetime | None = None
    until: datetime | None = None
    victim: str | None = None  # a person id, phone number or account, as the report names them
    min_loss: Decimal | None = None
    traced: bool | None = None  # True: only traced reports; False: only untraced
    limit: int = 50


def report_listing(store: Store, query: ReportQuery) -> list[dict[str, Any]]:
    """Reports matching ``query``, newest first, each with its items' count and its traces' located money."""
    tests: list[tuple[str, Any]] = [("r.reported_at >= ?", query.since), ("r.reported_at < ?", query.until),
             ("? IN (r.victim_person, r.victim_msisdn, r.victim_account)", query.victim),
             ("r.loss_amount >= ?", query.min_loss)]
    chosen = [(sql, value) for sql, value in tests if value is not None]
    if query.traced is not None:
        chosen.append((("" if query.traced else "NOT ") + "EXISTS (SELECT 1 FROM traces t WHERE t.report_id = r.report_id)", None))
    where = ("WHERE " + " AND ".join(sql for sql, _ in chosen)) if chosen else ""
    params = [value for _, value in chosen if value is not None]
    cursor = store.con.execute(
        "SELECT r.report_id, r.reported_at, r.victim_person, r.victim_msisdn, r.victim_account, r.scam_type, "
        "r.loss_amount, r.currency, (SELECT count(*) FROM report_items i WHERE i.report_id = r.report_id) AS items, "
        "(SELECT max(t.located_amount) FROM traces t WHERE t.report_id = r.report_id) AS located "
        f"FROM reports r {where} ORDER BY r.reported_at DESC, r.report_id LIMIT ?", [*params, query.limit])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
