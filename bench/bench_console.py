"""Page-load time of the analyst console: each page's median time over several requests and its HTML size.

Serves the console (``auth = "off"``) over a store on a local port, as ``scamnet serve`` does, and times each
page from request to the last byte (wall time), and the CPU time the process (server and client) spent on it,
which a busy shared machine inflates far less than the wall time. With ``--db`` it uses that store; otherwise it simulates a world of
``--people`` over ``--days``, ingests it and runs the batch path first (that part is not timed).

    nice .venv/bin/python bench/bench_console.py --people 20000 --days 14 --keep big --json console.json
    nice .venv/bin/python bench/bench_console.py --db demo/scamnet.db
    nice .venv/bin/python bench/bench_console.py --db big/scamnet.db --dense 50   # + a 50 times denser timeline
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import uvicorn

from scamnet.api.app import create_app
from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.run import run_all
from scamnet.service.simulate import simulate_world
from scamnet.store import open_store
from scamnet.store.alerts import top_alerts
from scamnet.store.console_reads import entity_events
from scamnet.store.gangs import gangs
from scamnet.store.repo import row_count
from scamnet.store.traces import largest_traces


def build_store(folder: Path, people: int, days: int, seed: int) -> Path:
    simulate_world(folder / "world", "demo", seed=seed, people=people, days=days)
    ingest_files(world_files(folder / "world"), folder / "scamnet.db", Settings())
    run_all(folder / "scamnet.db", Settings(), FixedClock(datetime(2026, 4, 1, tzinfo=UTC)))
    return folder / "scamnet.db"


def serve(db: Path) -> tuple[uvicorn.Server, str]:
    """The service with its console over ``db`` on a free local port; started (loading a big store takes minutes)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(Settings({"auth": "off"}), db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


def pages(db: Path) -> dict[str, str]:
    """One address per console page, for entities the store holds."""
    with open_store(db, read_only=True) as store:
        mule = top_alerts(store, 1, "mule")
        number = top_alerts(store, 1, "fraud_number")
        found = gangs(store)
        trace = largest_traces(store, 1)
    chosen = {"overview": "/", "alerts": "/alerts", "alerts by amount": "/alerts?sort=amount&status=any",
              "dissuasion": "/dissuasion", "rules": "/rules", "search": "/search?q=6217"}
    if mule:
        chosen["entity (mule account)"] = "/entity?" + urllib.parse.urlencode({"id": mule[0].entity})
    if number:
        chosen["entity (fraud number)"] = "/entity?" + urllib.parse.urlencode({"id": number[0].entity})
    if found:
        chosen["gang"] = f"/gang/{found[0]['gang_id']}"
    if trace and trace[0].report_id:
        chosen["case"] = f"/case/{trace[0].report_id}"
    return chosen


def time_pages(base: str, chosen: dict[str, str], repeats: int) -> list[dict[str, Any]]:
    rows = []
    for name, path in chosen.items():
        times, cpu, size = [], [], 0
        for _ in range(repeats + 1):  # the first request warms caches and is not counted
            started, used = time.perf_counter(), time.process_time()
            with urllib.request.urlopen(base + path, timeout=120) as answer:
                size = len(answer.read())
            times.append(1000 * (time.perf_counter() - started))
            cpu.append(1000 * (time.process_time() - used))
        rows.append({"page": name, "path": path, "median_ms": round(statistics.median(times[1:]), 1),
                     "max_ms": round(max(times[1:]), 1), "cpu_ms": round(statistics.median(cpu[1:]), 1),
                     "html_kb": round(size / 1024, 1)})
    return rows


def store_size(db: Path) -> dict[str, int]:
    with open_store(db, read_only=True) as store:
        return {t: row_count(store, t) for t in ("persons", "calls", "messages", "transfers", "alerts", "gang_members")}


class _Scratch:
    """A DuckDB connection where the store's read functions expect a store."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con


def dense_timeline(db: Path, times: int, folder: Path, repeats: int) -> dict[str, Any]:
    """The entity timeline's reads on ``times`` copies of the store's calls and messages over the same days (as
    ``times`` times the people would make), each copy's numbers renamed but the first: the top fraud number's
    page then reads ``times`` times the rows. Both ways: every event scanned, and the newest day first."""
    con = duckdb.connect(str(folder / "dense.duckdb"))
    con.execute("SET memory_limit = '6GB'")
    con.execute(f"ATTACH '{db}' AS src (READ_ONLY)")
    renamed = "CASE WHEN k = 0 THEN {c} ELSE {c} || '-' || k END AS {c}"
    con.execute(f"CREATE TABLE calls AS SELECT call_id || '-' || k AS call_id, started_at, duration_s, "
                f"{renamed.format(c='caller')}, {renamed.format(c='callee')}, caller_imsi, caller_imei, caller_cell, "
                f"answered FROM src.calls, range({times}) t(k) ORDER BY started_at")
    con.execute(f"CREATE TABLE messages AS SELECT msg_id || '-' || k AS msg_id, sent_at, {renamed.format(c='sender')}, "
                f"{renamed.format(c='recipient')}, channel, text, sender_imsi, sender_imei, sender_cell "
                f"FROM src.messages, range({times}) t(k) ORDER BY sent_at")
    number = con.execute("SELECT entity FROM src.alerts WHERE detector = 'fraud_number' ORDER BY score DESC LIMIT 1").fetchall()[0][0]
    rows = con.execute("SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM messages)").fetchall()[0]
    store = _Scratch(con)
    newest = {"calls": con.execute("SELECT max(started_at) FROM calls").fetchall()[0][0],
              "messages": con.execute("SELECT max(sent_at) FROM messages").fetchall()[0][0]}
    found = {"times": times, "calls": rows[0], "messages": rows[1], "entity": number}
    for name, read in (("every_event_ms", lambda: entity_events(store, number, 100)),
                       ("newest_day_first_ms", lambda: entity_events(store, number, 100, newest))):
        spent = []
        for _ in range(repeats):
            started = time.perf_counter()
            read()
            spent.append(1000 * (time.perf_counter() - started))
        found[name] = round(statistics.median(spent), 1)
    con.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: simulate one)")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it (default: a temporary one)")
    parser.add_argument("--dense", type=int, default=0,
                        help="also time the entity timeline on this many copies of the calls and messages")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        db = args.db or build_store(args.keep or Path(scratch), args.people, args.days, args.seed)
        built_s = time.perf_counter() - started
        size = store_size(db)
        started = time.perf_counter()
        server, base = serve(db)
        ready_s = time.perf_counter() - started
        try:
            rows = time_pages(base, pages(db), args.repeats)
        finally:
            server.should_exit = True
        dense = dense_timeline(db, args.dense, Path(scratch), args.repeats) if args.dense else None
    result = {"store": size, "built_s": round(built_s, 1), "service_ready_s": round(ready_s, 1),
              "repeats": args.repeats, "pages": rows, "dense_timeline": dense}
    print(f"store: {', '.join(f'{k} {v:,}' for k, v in size.items())} (built in {built_s:.0f} s, "
          f"service ready in {ready_s:.0f} s)")
    for row in rows:
        print(f"{row['page']:<24} median {row['median_ms']:>8.1f} ms  max {row['max_ms']:>8.1f} ms  "
              f"CPU {row['cpu_ms']:>7.1f} ms  {row['html_kb']:>7.1f} KiB")
    if dense:
        print(f"timeline of {dense['entity']} over {dense['calls']:,} calls and {dense['messages']:,} messages: "
              f"every event {dense['every_event_ms']:.0f} ms, newest day first {dense['newest_day_first_ms']:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
