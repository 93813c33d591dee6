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
SELECT txn_id, ts FROM transfers WHERE txn_id IN (SELECT txn_id FROM named_txns)
UNION
SELECT txn_id, ts FROM transfers
WHERE src_account = $victim AND ts >= $since AND ts <= $until
  AND ({_NORM.format('dst_account')} IN (SELECT account FROM named_accounts)
       OR NOT EXISTS (SELECT 1 FROM named_accounts))
ORDER BY ts, txn_id
"""


@dataclass(frozen=True)
class Payment:
    """A transfer a report points to."""

    txn_id: str
    ts: datetime


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
    """The victim's payments a report points to (named transfers, payments to named accounts)."""
    rows = store.con.execute(_PAYMENTS_SQL, {
        "report": report_row["report_id"], "victim": report_row.get("victim_account"),
        "since": report_row["reported_at"] - lookback, "until": report_row["reported_at"],
    }).fetchall()
    return [Payment(txn_id, ts) for txn_id, ts in rows]


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
