"""The online detectors with their state in the process and in Redis: events per CPU second on a world.

Fits ``fraud_number``, ``goip`` and ``mule`` on the world once, then, for each round, replays every
event of the world through fresh detectors as a service instance does (the detector reasons of the
event, then the event applied), alternating in-process and Redis state (``online/detector_state.py``)
so both see the same machine. CPU seconds are this process's (``time.process_time``) and, for Redis,
the server's too (``INFO cpu``, which counts the whole server: run it on a server no one else uses).
With ``--split`` the Redis rounds give every other event to a second instance (two in this process, as
behind a load balancer); their CPU then covers both instances. Starts its own redis-server on a free
port unless ``--redis URL`` names one (whose keys under ``bench:det`` it deletes).

    nice .venv/bin/python bench/bench_detector_state.py WORLD [--rounds 3] [--events N] [--split] [--redis URL]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import redis

from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.online.detector_state import RedisDetectorState, detector_state
from scamnet.online.events import rows_in_time_order
from scamnet.online.live_scores import LiveDetectors
from scamnet.service.decide import EVENT_TABLES
from scamnet.service.live_detectors import REFERENCE_TABLES, fitted_detectors

PREFIX = "bench:det"


def _like(fitted: LiveDetectors, url: str) -> LiveDetectors:
    return LiveDetectors(fitted.telecom.refs, fraud_number=fitted.fraud_number, goip=fitted.goip, mule=fitted.mule,
                         thresholds=fitted.thresholds, state=detector_state(url, PREFIX))


def _server_cpu_s(url: str) -> float:
    with redis.Redis.from_url(url) as client:
        info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def _clear(url: str) -> None:
    with redis.Redis.from_url(url) as client:
        keys = list(client.scan_iter(match=f"{PREFIX}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start:start + 1000])


def one_round(fitted: LiveDetectors, ordered: list[tuple[str, dict[str, Any]]], url: str, split: bool) -> dict[str, float]:
    """Replay the world through fresh detectors (state in Redis when ``url``); CPU seconds spent and reasons given."""
    if url:
        _clear(url)
    instances = [_like(fitted, url) for _ in range(2 if split and url else 1)]
    server_before = _server_cpu_s(url) if url else 0.0
    started, reasons = time.process_time(), 0
    for n, (kind, row) in enumerate(ordered):
        live = instances[n % len(instances)]
        reasons += len(live.reasons(kind, row))
        live.update(kind, row)
    client_s = time.process_time() - started
    server_s = _server_cpu_s(url) - server_before if url else 0.0
    for live in instances:
        if isinstance(live.state, RedisDetectorState):
            live.state.close()
    return {"client_s": client_s, "server_s": server_s, "reasons": reasons}


def _start_server() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    folder = tempfile.mkdtemp(prefix="bench-redis-")
    server = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", folder],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(200):
        try:
            with redis.Redis.from_url(url) as client:
                client.ping()
            return server, url
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--split", action="store_true", help="two instances share the Redis rounds' events")
    parser.add_argument("--redis", default="", help="a Redis URL (default: start a redis-server here)")
    parser.add_argument("--events", type=int, default=0, help="only the world's first N events (0: all)")
    args = parser.parse_args()
    tables = {n: pq.read_table(args.world / f"{n}.parquet") for n in (*EVENT_TABLES, *REFERENCE_TABLES)
              if (args.world / f"{n}.parquet").exists()}
    fitted = fitted_detectors(Data.from_dir(args.world), tables, Settings())
    ordered = list(rows_in_time_order({n: tables[n] for n in EVENT_TABLES if n in tables}))
    ordered = ordered[:args.events] if args.events else ordered
    server, url = (None, args.redis) if args.redis else _start_server()
    try:
        runs: dict[str, list[dict[str, float]]] = {"memory": [], "redis": []}
        for _ in range(args.rounds):
            for name, where in (("memory", ""), ("redis", url)):
                runs[name].append(one_round(fitted, ordered, where, args.split))
                print(name, {k: round(v, 3) for k, v in runs[name][-1].items()}, flush=True)
        for name, rounds in runs.items():
            client = statistics.median(r["client_s"] for r in rounds)
            total = statistics.median(r["client_s"] + r["server_s"] for r in rounds)
            print(f"{name:7s} events {len(ordered):,}  reasons {rounds[0]['reasons']:,}  client CPU {client:.2f} s "
                  f"({len(ordered) / client:,.0f} events/s)  with the server's {total:.2f} s "
                  f"({len(ordered) / total:,.0f} events/s)  rounds {[round(r['client_s'], 2) for r in rounds]}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
