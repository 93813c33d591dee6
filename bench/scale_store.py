"""A store of a million people for the console benchmark, made by copying a simulated one ``--times`` times.

Simulating a million people takes hours here (20,000 took about 3.5 minutes), so this copies a simulated and run
store ``--times`` times in DuckDB SQL, every copy but the first with its ids renamed (``ID-k``): persons, numbers,
SIMs, handsets, accounts, devices, IPs, events, reports, traces, freeze lists, alerts, gangs and their members and
links. Each copy is the first one again under other names, so the alerts, gangs, traces and freeze lists stay
true of the copy's events, as a detector would have found them. The events keep their times: ``--times`` 50 puts
50 times the calls, messages, transfers and logins into the same days (as 50 times the people would make), kept
in time order as ingest keeps them. Then it builds the entity timeline index as ``scamnet run``'s last step does.

How it differs from a simulated world of that size: its gangs, victims and scams are the base world's repeated
(150 gangs of the same three shapes, no call or transfer between copies); domains, links and wallets are shared
by all copies (one alert each, named in every copy's messages and reports); the detectors were not run over it
(``scamnet run`` over 29 million calls is a benchmark of its own, bench/bench_telecom.py).

    nice .venv/bin/python bench/scale_store.py --from base/scamnet.db --times 50 --out /tmp/console-1m/scamnet.db
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from scamnet.store import open_store
from scamnet.store.timeline import rebuild_index

#: Values every copy keeps as they are (a domain is the same domain in every copy).
SHARED_KINDS = ("domain", "url", "wallet")
ID, ENTITY, ITEM, LIST = "id", "entity", "item", "list"
#: Per table: the columns renamed per copy (and how), and the time column the copies are sorted by.
RENAMED: dict[str, tuple[dict[str, str], str | None]] = {
    "persons": ({"person_id": ID}, None),
    "subscribers": ({"msisdn": ID, "imsi": ID, "holder_id": ID}, None),
    "accounts": ({"account_id": ID, "holder_id": ID, "msisdn": ID}, None),
    "sessions": ({"account_id": ID, "device_id": ID, "ip": ID}, "ts"),
    "calls": ({"call_id": ID, "caller": ID, "callee": ID, "caller_imsi": ID, "caller_imei": ID}, "started_at"),
    "messages": ({"msg_id": ID, "sender": ID, "recipient": ID, "sender_imsi": ID, "sender_imei": ID}, "sent_at"),
    "transfers": ({"txn_id": ID, "src_account": ID, "dst_account": ID, "src_device": ID, "src_ip": ID}, "ts"),
    "reports": ({"report_id": ID, "victim_person": ID, "victim_msisdn": ID, "victim_account": ID}, None),
    "report_items": ({"report_id": ID, "value": ITEM}, None),
    "labels": ({"entity": ENTITY, "gang_id": ID}, None),
    "alerts": ({"entity": ENTITY}, None),
    "alert_reviews": ({"review_id": ID, "entity": ENTITY}, None),
    "decisions": ({"decision_id": ID, "event_id": ID, "entity": ENTITY}, None),
    "traces": ({"trace_id": ID, "report_id": ID}, None),
    "trace_edges": ({"trace_id": ID, "txn_id": ID, "src_account": ID, "dst_account": ID}, None),
    "trace_versions": ({"trace_id": ID, "report_id": ID}, None),
    "freeze_requests": ({"trace_id": ID, "account_id": ID, "path": LIST, "incoming_txns": LIST}, None),
    "bank_freeze_requests": ({"request_id": ID, "report_id": ID, "trace_id": ID}, None),
    "freeze_status_changes": ({"request_id": ID}, None),
    "gangs": ({"gang_id": ID}, None),
    "gang_members": ({"gang_id": ID, "entity": ENTITY}, None),
    "gang_links": ({"gang_id": ID, "src": ENTITY, "dst": ENTITY}, None),
    "dissuasion_tasks": ({"task_id": ID, "person_id": ID, "msisdn": ID, "account_id": ID, "txn_id": ID}, None),
}
#: Tables copied once (not per person), and tables not copied at all (the index is built afresh).
COPIED_ONCE = ("api_keys", "indicators", "quarantined_rows", "wallets", "chain_transfers", "otc_trades")
NOT_COPIED = ("schema_migrations", "entity_events", "timeline_sources")
#: Tables whose rows about a shared value (a domain's alert) are kept once, not once per copy.
ONCE_PER_VALUE = {"alerts": "entity", "labels": "entity", "alert_reviews": "entity"}


def renamed(column: str, how: str) -> str:
    shared = ", ".join(f"'{k}'" for k in SHARED_KINDS)
    if how == ID:
        return f"CASE WHEN k = 0 OR {column} IS NULL THEN {column} ELSE {column} || '-' || k END"
    if how == ENTITY:
        return (f"CASE WHEN k = 0 OR {column} IS NULL OR split_part({column}, ':', 1) IN ({shared}) THEN {column} "
                f"ELSE {column} || '-' || k END")
    if how == ITEM:
        return f"CASE WHEN k = 0 OR kind IN ({shared}) THEN {column} ELSE {column} || '-' || k END"
    return f"CASE WHEN k = 0 OR {column} IS NULL THEN {column} ELSE list_transform({column}, lambda x: x || '-' || k) END"


def copy_table(con: duckdb.DuckDBPyConnection, table: str, times: int) -> int:
    columns = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_catalog = 'src' "
                                         "AND table_name = ? ORDER BY ordinal_position", [table]).fetchall()]
    how, order = RENAMED.get(table, ({}, None))
    chosen = ", ".join(f"{renamed(c, how[c])} AS {c}" if c in how else c for c in columns)
    copies = times if table in RENAMED else 1
    where = ""
    if table in ONCE_PER_VALUE:
        column = ONCE_PER_VALUE[table]
        where = f" WHERE k = 0 OR split_part({column}, ':', 1) NOT IN ({', '.join(repr(k) for k in SHARED_KINDS)})"
    con.execute(f"INSERT INTO {table} BY NAME SELECT {chosen} FROM src.{table}, range({copies}) t(k){where}"
                f"{f' ORDER BY {order}' if order else ''}")
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def scale(source: Path, out: Path, times: int, memory: str) -> dict[str, object]:
    """Copy the store at ``source`` ``times`` times into a new store at ``out`` and index its timelines."""
    if out.exists():
        raise SystemExit(f"{out} exists: give a new path")
    with open_store(out):
        pass  # a new store with every migration
    started = time.perf_counter()
    con = duckdb.connect(str(out))
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'src' "
                                        "AND table_schema = 'main' ORDER BY 1").fetchall()]
    rows = {}
    for table in tables:
        if table not in NOT_COPIED:
            rows[table] = copy_table(con, table, times)
            print(f"{table:<24} {rows[table]:>12,} rows  ({time.perf_counter() - started:.0f} s)", flush=True)
    con.execute("DETACH src")
    con.execute("CHECKPOINT")
    con.close()
    copied_s = time.perf_counter() - started
    started = time.perf_counter()
    with open_store(out) as store:
        store.con.execute(f"SET memory_limit = '{memory}'")
        with store.transaction():
            indexed = rebuild_index(store, datetime.now(UTC))
        store.con.execute("CHECKPOINT")
    index_s = time.perf_counter() - started
    print(f"copied in {copied_s:.0f} s; timeline index {indexed['entity_rows']:,} rows in {index_s:.0f} s; "
          f"{out.stat().st_size / 2**30:.1f} GiB", flush=True)
    return {"rows": rows, "copied_s": round(copied_s), "index_rows": indexed["entity_rows"], "index_s": round(index_s),
            "bytes": out.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, required=True, help="a simulated, ingested and run store")
    parser.add_argument("--times", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True, help="the new store (keep it outside the repository)")
    parser.add_argument("--memory", default="4GB", help="DuckDB's memory limit while copying and indexing")
    args = parser.parse_args()
    scale(args.source, args.out, args.times, args.memory)


if __name__ == "__main__":
    main()
