"""Page-load time of the analyst console: each page's median time over several requests and its HTML size.

Serves the console (``auth = "off"``) over a store on a local port, as ``scamnet serve`` does, and times each
page from request to the last byte (wall time), and the CPU time the process (server and client) spent on it,
which a busy shared machine inflates far less than the wall time. With ``--db`` it uses that store; otherwise it simulates a world of
``--people`` over ``--days``, ingests it and runs the batch path first (that part is not timed).

    nice .venv/bin/python bench/bench_console.py --people 20000 --days 14 --keep big --json console.json
    nice .venv/bin/python bench/bench_console.py --db demo/scamnet.db
    nice .venv/bin/python bench/scale_store.py --from big/scamnet.db --times 50 --out /tmp/m1/scamnet.db
    nice .venv/bin/python bench/bench_console.py --db /tmp/m1/scamnet.db --no-replay --json console-1m.json

``--no-replay`` starts the service without rebuilding its live state from the stored events (what a service with
``state_url`` does, its state being in Redis) and without the online detectors: no page reads that state, and on a store of a million people the
rebuild takes longer than the benchmark (it is timed by bench/bench_online_state.py).
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

import uvicorn

from scamnet.api.app import create_app
from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.run import run_all
from scamnet.service.simulate import simulate_world
from scamnet.store import open_store
from scamnet.store.alerts import top_alerts
from scamnet.store.gangs import gangs
from scamnet.store.repo import row_count
from scamnet.store.traces import largest_traces


def build_store(folder: Path, people: int, days: int, seed: int) -> Path:
    simulate_world(folder / "world", "demo", seed=seed, people=people, days=days)
    ingest_files(world_files(folder / "world"), folder / "scamnet.db", Settings())
    run_all(folder / "scamnet.db", Settings(), FixedClock(datetime(2026, 4, 1, tzinfo=UTC)))
    return folder / "scamnet.db"


class _NoReplay(DecisionService):
    """The service as it starts with its live state in Redis: the store's events are not replayed."""

    def _load_store(self, db: Path, decider: Any, *, replay: bool) -> None:
        super()._load_store(db, decider, replay=False)


def serve(db: Path, *, replay: bool = True) -> tuple[uvicorn.Server, str]:
    """The service with its console over ``db`` on a free local port; started (loading a big store takes minutes)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    # without the replay, the online detectors (live state too, fitted on the whole store at start) stay off
    settings = Settings({"auth": "off"} if replay else {"auth": "off", "online_detectors": False})
    service = DecisionService(settings, db) if replay else _NoReplay(settings, db)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, db, service=service), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


def pages(db: Path) -> dict[str, str]:
    """One address per console page, for entities the store holds: the top mule account and fraud number, the
    busiest number and account (most events), a person, a SIM, a handset, a device, a message and a domain."""
    with open_store(db, read_only=True) as store:
        mule = top_alerts(store, 1, "mule")
        number = top_alerts(store, 1, "fraud_number")
        found = gangs(store)
        trace = largest_traces(store, 1)
        con = store.con
        entities = {
            "entity (busiest number)": _first(con, "SELECT 'phone:' || caller FROM calls GROUP BY 1 ORDER BY count(*) DESC"),
            "entity (busiest account)": _first(con, "SELECT 'account:' || dst_account FROM transfers "
                                               "WHERE dst_account IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC"),
            "entity (person)": _first(con, "SELECT 'person:' || victim_person FROM reports WHERE victim_person IS NOT NULL "
                                      "ORDER BY loss_amount DESC"),
            "entity (SIM)": _first(con, "SELECT 'imsi:' || imsi FROM subscribers s JOIN alerts a "
                                   "ON a.entity = 'phone:' || s.msisdn WHERE imsi IS NOT NULL ORDER BY a.score DESC"),
            "entity (handset)": _first(con, "SELECT entity FROM gang_members WHERE entity LIKE 'imei:%' ORDER BY centrality DESC"),
            "entity (device)": _first(con, "SELECT entity FROM gang_members WHERE entity LIKE 'device:%' ORDER BY centrality DESC"),
            "entity (message)": _first(con, "SELECT entity FROM alerts WHERE entity LIKE 'msg:%' ORDER BY score DESC"),
            "entity (domain)": _first(con, "SELECT entity FROM alerts WHERE entity LIKE 'domain:%' ORDER BY score DESC"),
        }
    chosen = {"overview": "/", "alerts": "/alerts", "alerts by amount": "/alerts?sort=amount&status=any",
              "dissuasion": "/dissuasion", "rules": "/rules", "search": "/search?q=6217"}
    if mule:
        chosen["entity (mule account)"] = "/entity?" + urllib.parse.urlencode({"id": mule[0].entity})
    if number:
        chosen["entity (fraud number)"] = "/entity?" + urllib.parse.urlencode({"id": number[0].entity})
    chosen |= {name: "/entity?" + urllib.parse.urlencode({"id": entity}) for name, entity in entities.items() if entity}
    if found:
        chosen["gang"] = f"/gang/{found[0]['gang_id']}"
    if trace and trace[0].report_id:
        chosen["case"] = f"/case/{trace[0].report_id}"
    return chosen


def _first(con: Any, sql: str) -> str | None:
    rows = con.execute(sql + " LIMIT 1").fetchall()
    return str(rows[0][0]) if rows else None


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: simulate one)")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it (default: a temporary one)")
    parser.add_argument("--no-replay", action="store_true",
                        help="start the service without replaying the stored events into its live state")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        db = args.db or build_store(args.keep or Path(scratch), args.people, args.days, args.seed)
        built_s = time.perf_counter() - started
        size = store_size(db)
        started = time.perf_counter()
        server, base = serve(db, replay=not args.no_replay)
        ready_s = time.perf_counter() - started
        try:
            rows = time_pages(base, pages(db), args.repeats)
        finally:
            server.should_exit = True
    result = {"store": size, "built_s": round(built_s, 1), "service_ready_s": round(ready_s, 1),
              "repeats": args.repeats, "pages": rows,
              "replayed": not args.no_replay}
    print(f"store: {', '.join(f'{k} {v:,}' for k, v in size.items())} (built in {built_s:.0f} s, "
          f"service ready in {ready_s:.0f} s)")
    for row in rows:
        print(f"{row['page']:<24} median {row['median_ms']:>8.1f} ms  max {row['max_ms']:>8.1f} ms  "
              f"CPU {row['cpu_ms']:>7.1f} ms  {row['html_kb']:>7.1f} KiB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
