"""Facts read off the event tables: a device's calls, the transfers to trace, accounts' banks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from scamnet.store.db import Store


@dataclass(frozen=True)
class DeviceCalls:
    """The calls placed through one device (IMEI)."""

    calls_by_hour: list[int]
    sims: int
    callees: int
    calls: int
    median_duration_s: float


def device_calls(store: Store, imei: str) -> DeviceCalls:
    """Calls per hour of the day (0-23), SIMs, callees, calls and median duration of device ``imei``.

    As the ``goip`` detector counts them (so the report's table agrees with the alert's reasons):
    SIMs seen on the device in calls or messages, and the median duration of the calls answered
    (an unanswered attempt lasts 0 s and says nothing of how long the calls are).
    """
    hours = dict(store.con.execute(
        "SELECT hour(started_at) AS h, count(*) FROM calls WHERE caller_imei = ? GROUP BY h", [imei]
    ).fetchall())
    callees, calls, median = store.con.execute(
        "SELECT count(DISTINCT callee), count(*), coalesce(median(duration_s) FILTER (WHERE answered), 0) "
        "FROM calls WHERE caller_imei = ?",
        [imei],
    ).fetchall()[0]
    sims = store.con.execute(
        "SELECT count(DISTINCT imsi) FROM (SELECT caller_imsi AS imsi FROM calls WHERE caller_imei = $d "
        "UNION ALL SELECT sender_imsi FROM messages WHERE sender_imei = $d)", {"d": imei}).fetchall()[0][0]
    return DeviceCalls([hours.get(h, 0) for h in range(24)], sims, callees, calls, float(median))


@dataclass(frozen=True)
class StoreTimes:
    """How current the store is: its newest event, its newest alert (the last run), the currencies it holds."""

    newest_event: datetime | None
    last_run: datetime | None
    currencies: list[str]


def store_times(store: Store) -> StoreTimes:
    """The newest call, message or transfer, the newest alert and the currencies of transfers and reports."""
    newest, last_run = store.con.execute(
        "SELECT greatest((SELECT max(started_at) FROM calls), (SELECT max(sent_at) FROM messages), "
        "(SELECT max(ts) FROM transfers)), (SELECT max(created_at) FROM alerts)").fetchall()[0]
    currencies = [r[0] for r in store.con.execute(
        "SELECT currency FROM (SELECT currency FROM transfers UNION SELECT currency FROM reports) "
        "WHERE currency IS NOT NULL ORDER BY currency").fetchall()]
    return StoreTimes(newest, last_run, currencies)


def event_count(store: Store) -> int:
    """Calls, messages and transfers together."""
    return store.con.execute(
        "SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM transfers)"
    ).fetchall()[0][0]


def traced_transfers(store: Store) -> pa.Table:
    """Every transfer with the columns the tracing index needs."""
    return store.con.sql("SELECT txn_id, ts, src_account, dst_account, amount, channel FROM transfers").to_arrow_table()


def banks_of(store: Store, accounts: list[str]) -> dict[str, str]:
    """The bank of each of ``accounts`` the store knows."""
    if not accounts:
        return {}
    rows = store.con.execute(
        "SELECT account_id, any_value(bank) FROM accounts WHERE account_id IN (SELECT unnest(?)) GROUP BY account_id",
        [accounts],
    ).fetchall()
    return dict(rows)
