"""Live-state speed and memory on a simulated world's events: in-process and in Redis.

Feeds every event of the world (calls, messages, transfers, sessions, in time order) to a
``MemoryState`` and, when a Redis server is at hand, to a ``RedisState``; then asks every
entity's features at the world's end. Prints events per second per core (CPU time of this
process; for Redis also the server's CPU time, from ``INFO cpu``), features per second, and
memory per million entities (tracemalloc of the state's objects; Redis ``INFO memory``).

    nice .venv/bin/python bench/bench_online_state.py --people 2000 --days 7 [--redis-url URL] [--json FILE]

Without ``--redis-url`` it starts Debian's ``redis-server`` on a free local port if there is one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any

from scamnet.online.events import Event, events_from_tables
from scamnet.online.state import LiveState, MemoryState, time_of
from scamnet.online.windows import parse_windows
from scamnet.sim import simulate


def _per_second(count: int, seconds: float) -> float:
    return round(count / seconds) if seconds > 0 else float("inf")


def _timed(work: Callable[[], Any]) -> tuple[float, float]:
    """CPU seconds of this process and wall seconds that ``work`` took."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def _ask_all(state: LiveState, entities: list[str], at: datetime) -> None:
    for entity in entities:
        state.features(entity, at)


def memory_figures(events: list[Event], windows: str) -> dict[str, Any]:
    state = MemoryState(parse_windows(windows))
    cpu, _ = _timed(lambda: state.update_many(events))
    entities, at = state.entities(), time_of(events[-1].at_us)
    assert at is not None
    asked, _ = _timed(lambda: _ask_all(state, entities, at))
    tracemalloc.start()
    measured = MemoryState(parse_windows(windows))
    measured.update_many(events)
    used = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {"entities": len(entities), "updates_per_s_per_core": _per_second(len(events), cpu),
            "us_per_update": round(cpu / len(events) * 1e6, 1),
            "features_per_s_per_core": _per_second(len(entities), asked),
            "mb_per_million_entities": round(used / len(entities) * 1e6 / 2**20)}


def redis_figures(events: list[Event], windows: str, url: str, entities: list[str]) -> dict[str, Any]:
    from scamnet.online.redis_state import RedisState

    state = RedisState(parse_windows(windows), url, prefix="bench")
    state.clear()
    before_bytes, before_cpu = state.memory_bytes(), state.server_cpu_s()
    cpu, wall = _timed(lambda: state.update_many(events))
    server = state.server_cpu_s() - before_cpu
    used = state.memory_bytes() - before_bytes
    at = time_of(events[-1].at_us)
    assert at is not None
    _, asked = _timed(lambda: _ask_all(state, entities, at))
    state.clear()
    state.close()
    return {"updates_per_s_wall": _per_second(len(events), wall), "client_us_per_update": round(cpu / len(events) * 1e6, 1),
            "server_us_per_update": round(server / len(events) * 1e6, 1),
            "updates_per_s_per_server_core": _per_second(len(events), server),
            "features_per_s_wall": _per_second(len(entities), asked),
            "mb_per_million_entities": round(used / len(entities) * 1e6 / 2**20)}


@contextmanager
def local_redis() -> Iterator[str | None]:
    """A throw-away redis-server on a free port (``None`` when none is installed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no", "--dir", folder], stdout=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        try:
            _wait_for_ping(url)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def _wait_for_ping(url: str) -> None:
    import redis

    with redis.Redis.from_url(url) as client:
        for _ in range(200):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--windows", default="1h,24h,7d")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    events = list(events_from_tables(simulate("demo", seed=args.seed, people=args.people, days=args.days).tables))
    figures: dict[str, Any] = {"events": len(events), "touches": sum(len(e.touches) for e in events)}
    figures["memory"] = memory_figures(events, args.windows)
    entities = MemoryState(parse_windows(args.windows))
    entities.update_many(events)
    with nullcontext(args.redis_url) if args.redis_url else local_redis() as url:
        if url:
            figures["redis"] = redis_figures(events, args.windows, url, entities.entities())
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
