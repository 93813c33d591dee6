"""Facts read off the event tables: a device's calls, the transfers to trace, accounts' banks."""

from __future__ import annotations

from dataclasses import dataclass

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
    """Calls per hour of the day (0-23), SIMs, callees, calls and median duration of device ``imei``."""
    hours = dict(store.con.execute(
        "SELECT hour(started_at) AS h, count(*) FROM calls WHERE caller_imei = ? GROUP BY h", [imei]
    ).fetchall())
    sims, callees, calls, median = store.con.execute(
        "SELECT count(DISTINCT caller_imsi), count(DISTINCT callee), count(*), coalesce(median(duration_s), 0) "
        "FROM calls WHERE caller_imei = ?",
        [imei],
    ).fetchall()[0]
    return DeviceCalls([hours.get(h, 0) for h in range(24)], sims, callees, calls, median)


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
