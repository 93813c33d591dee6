"""What the benches read from a world besides the detectors' input: its labels, and the spans they split.

Ground truth (the ``labels`` table) is read here and only the ``evaluate`` floor calls these
functions: detectors and features may not import ``store``, so labels never reach them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.features.data import Data


def labelled_entities(data: Data, roles: list[str] | None = None, *, exclude: list[str] | None = None) -> set[str]:
    """Entities holding one of ``roles``, or (``roles`` None) any label but ``exclude``.

    >>> data = Data.from_tables(labels=pa.table({"entity": ["phone:1", "phone:2"], "label": ["fraud_number", "victim"]}))
    >>> labelled_entities(data, ["fraud_number"]), sorted(labelled_entities(data))
    ({'phone:1'}, ['phone:1', 'phone:2'])
    """
    sql, args = _labelled_sql(roles, exclude)
    return {row[0] for row in data.con.execute(sql, args).fetchall()}


def labelled_entities_of_kind(data: Data, kind: str, roles: list[str] | None = None, *,
                              exclude: list[str] | None = None) -> set[str]:
    """``labelled_entities`` of ``kind`` (``imei``, ``phone``...), a phone's or SIM's role carried to its handsets.

    A role given to a phone number is carried over to the devices that number called from, so a
    call centre's handsets count as call-centre devices.
    """
    labelled, args = _labelled_sql(roles, exclude)
    if kind == "imei":
        # two equi-joins, not one join on an OR: DuckDB turns that into a nested loop (an hour on baseline)
        sql = (f"SELECT entity FROM ({labelled}) WHERE entity LIKE 'imei:%' UNION "
               f"SELECT 'imei:' || c.caller_imei FROM calls AS c JOIN ({labelled}) AS l "
               "ON l.entity = 'phone:' || c.caller WHERE c.caller_imei IS NOT NULL UNION "
               f"SELECT 'imei:' || c.caller_imei FROM calls AS c JOIN ({labelled}) AS l "
               "ON l.entity = 'imsi:' || c.caller_imsi WHERE c.caller_imei IS NOT NULL")
        args = args * 3
    else:
        sql = f"SELECT entity FROM ({labelled}) WHERE entity LIKE '{kind}:%'"
    return {row[0] for row in data.con.execute(sql, args).fetchall()}


def victim_payments(data: Data) -> set[str]:
    """Transfer ids labelled as a victim's payment, or named by a victim in a report."""
    rows = data.con.execute(
        "SELECT substr(entity, length($p) + 1) FROM labels WHERE label = $role AND starts_with(entity, $p) "
        "UNION SELECT value FROM report_items WHERE kind = 'txn'",
        {"p": "txn:", "role": LabelRole.VICTIM_TRANSFER.value}).fetchall()
    return {r[0] for r in rows}


def labelled_accounts(data: Data, roles: Iterable[LabelRole]) -> list[str]:
    """Account ids (without ``account:``) holding one of ``roles``."""
    rows = data.con.execute(
        "SELECT DISTINCT substr(entity, length($p) + 1) FROM labels WHERE label IN (SELECT unnest($roles)) "
        "AND starts_with(entity, $p)", {"p": "account:", "roles": [r.value for r in roles]}).fetchall()
    return [r[0] for r in rows]


def transfers_among(data: Data, accounts: list[str]) -> set[str]:
    """Transfers from one of ``accounts`` to another of them or out to cash."""
    rows = data.con.execute(
        "SELECT txn_id FROM transfers WHERE src_account IN (SELECT unnest($a)) "
        "AND (dst_account IS NULL OR dst_account IN (SELECT unnest($a)))", {"a": accounts}).fetchall()
    return {r[0] for r in rows}


def _labelled_sql(roles: list[str] | None, exclude: list[str] | None) -> tuple[str, list[Any]]:
    if roles is not None:
        return "SELECT DISTINCT entity FROM labels WHERE label IN (SELECT unnest(?))", [roles]
    if exclude is not None:
        return "SELECT DISTINCT entity FROM labels WHERE label NOT IN (SELECT unnest(?))", [exclude]
    return "SELECT DISTINCT entity FROM labels", []


def label_table(data: Data) -> pa.Table:
    """Every label as ``entity, label`` rows: what a supervised detector is fitted with."""
    return data.con.sql("SELECT entity, label FROM labels").to_arrow_table()


def gang_ids(data: Data, exclude: list[str]) -> dict[str, str]:
    """The gang id of every labelled entity with one, but those whose every gang label is in ``exclude``.

    >>> labels = pa.table({"entity": ["phone:1", "phone:2"], "label": ["fraud_number", "victim"], "gang_id": ["G1", "G1"]})
    >>> gang_ids(Data.from_tables(labels=labels), exclude=["victim"])
    {'phone:1': 'G1'}
    """
    rows = data.con.execute(
        "SELECT entity, min(gang_id) FROM labels WHERE gang_id IS NOT NULL AND label NOT IN (SELECT unnest(?)) "
        "GROUP BY entity", [exclude]).fetchall()
    return dict(rows)


def event_span(data: Data, table: str, column: str) -> tuple[datetime | None, datetime | None]:
    """The first and last ``column`` time of ``table`` (``calls``/``started_at``, ``transfers``/``ts``); None when empty."""
    start, end = data.con.sql(f"SELECT min({column}), max({column}) FROM {table}").fetchall()[0]
    return start, end


def gang_money_accounts(window: Data, mules: set[str], prefix: str) -> set[str]:
    """Mule accounts that moved gang money inside ``window``: a victim's payment in, or money to or from another mule.

    ``mules`` are entities (``prefix`` + account id). AMLworld labels an account by its laundering
    transactions; a rented account that only lived its owner's life in the window did nothing
    there a detector could see.
    """
    victim_txns = [r[0] for r in window.con.execute(
        "SELECT substr(entity, 5) FROM labels WHERE label = 'victim_transfer'").fetchall()]
    accounts = [m.removeprefix(prefix) for m in mules]
    rows = window.con.execute(f"""
        WITH w AS (SELECT * FROM transfers WHERE {window.time_filter('ts')}),
        m AS (SELECT unnest(?) AS a)
        SELECT dst_account FROM w WHERE txn_id IN (SELECT unnest(?))
        UNION SELECT src_account FROM w WHERE src_account IN (SELECT a FROM m)
            AND (dst_account IS NULL OR dst_account IN (SELECT a FROM m))
        UNION SELECT dst_account FROM w WHERE src_account IN (SELECT a FROM m) AND dst_account IN (SELECT a FROM m)
        """, [accounts, victim_txns]).fetchall()
    return {prefix + r[0] for r in rows if r[0] is not None} & mules


def traceable_transfers(data: Data) -> pa.Table:
    """The transfer columns a fund trace follows, for ``graph.trace.transfer_index``."""
    return data.con.sql("SELECT txn_id, ts, src_account, dst_account, amount, channel FROM transfers").to_arrow_table()


def reports_in_order(data: Data) -> list[dict[str, Any]]:
    """Every report as a record, by report id."""
    return data.con.sql("SELECT * FROM reports ORDER BY report_id").to_arrow_table().to_pylist()


def amlsim_transfers(folder: Path) -> pa.Table:
    """An AMLSim ``transactions.csv`` as canonical transfers: each time step a day, every transfer an online payment."""
    return duckdb.connect().sql(f"""
        SELECT 'x' || row_number() OVER () AS txn_id,
               TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_days(CAST(time AS INTEGER)) AS ts,
               'A' || sourceNodeId AS src_account, 'A' || targetNodeId AS dst_account,
               CAST(value AS DECIMAL(18, 2)) AS amount, 'CNY' AS currency, 'online' AS channel
        FROM read_csv('{(folder / "transactions.csv").as_posix()}')""").to_arrow_table()


def amlsim_fraud_accounts(folder: Path) -> set[str]:
    """Account ids (``A`` + node id) of an AMLSim ``nodes.csv``'s nodes with ``isFraud = 1``: its labels."""
    rows = duckdb.connect().sql(
        f"SELECT nodeid FROM read_csv('{(folder / 'nodes.csv').as_posix()}') WHERE isFraud = 1").fetchall()
    return {"A" + str(r[0]) for r in rows}
