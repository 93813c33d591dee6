"""``scamnet bench serve`` over HTTP: ``scamnet serve`` started on loopback, a world's events posted at fixed rates.

The store holds the world's reference tables (people, accounts, ...) but none of its events, so
the service starts with an empty live state and the events arrive as they would live, one per
request, in time order. One run at the target rate gives the latency figures; a step search
(a few seconds per rate, run first) gives the highest rate whose p99 stays within ``P99_LIMIT_MS``.
The CPU time the server process and the load generator each spent per request of the run is
measured too: on a shared machine it moves far less than the latency with the other load.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from scamnet.core.settings import Settings
from scamnet.evaluate.load import LOOPBACK, LoadRun, open_loop
from scamnet.evaluate.results import Result
from scamnet.online.events import rows_in_time_order
from scamnet.service.decide import EVENT_TABLES
from scamnet.service.ingest import ingest_files, world_files

P99_LIMIT_MS = 50.0
STEP_RATES = (10, 25, 50, 100, 250, 500, 1000, 2000, 4000)
STEP_SECONDS = 3.0
READY_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class HttpLoad(Result):
    """Latency of ``POST /v1/events`` (one event a request) at a fixed rate; NaN when not measured."""

    http_rate: float
    http_requests: int
    http_errors: int
    http_achieved_rate: float
    http_p50_ms: float
    http_p95_ms: float
    http_p99_ms: float
    http_max_ms: float
    http_max_rate_p99_50ms: float
    http_server_cpu_ms: float
    http_client_cpu_ms: float

    @classmethod
    def skipped(cls) -> HttpLoad:
        return cls(math.nan, 0, 0, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan)


def http_load(world: Path, settings: Settings, rate: float, seconds: float, steps: tuple[int, ...] = STEP_RATES) -> HttpLoad:
    """Serve a store of ``world`` on a free loopback port; latency at ``rate`` and the step search's best rate."""
    events = event_bodies(world)
    with tempfile.TemporaryDirectory(prefix="scamnet-bench-serve-") as folder:
        store = reference_store(world, Path(folder), settings)
        with served(store, Path(folder), settings) as (port, pid):
            # the steps first: they stop at the first rate missed, before a backlog of the run at ``rate`` can linger
            best = highest_rate(port, events, steps)
            server, client = cpu_seconds(pid), cpu_seconds()
            run = open_loop(port, "/v1/events", _cycle(events, sum(int(r * STEP_SECONDS) for r in steps),
                                                       int(rate * seconds)), rate)
            server, client = cpu_seconds(pid) - server, cpu_seconds() - client
    answered = len(run.latencies_ms)  # a request the server never took up cost it nothing
    per_request = [round(1000 * spent / answered, 3) if answered else math.nan for spent in (server, client)]
    return HttpLoad(rate, run.sent, run.errors, round(run.achieved_rate, 1), *_figures(run), best, *per_request)


def cpu_seconds(pid: int | None = None) -> float:
    """CPU seconds (user and system) a process has used so far: ``pid`` (Linux ``/proc``), or this process."""
    if pid is None:
        used = resource.getrusage(resource.RUSAGE_SELF)
        return used.ru_utime + used.ru_stime
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return math.nan
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _figures(run: LoadRun) -> list[float]:
    return [round(run.percentile(share), 2) for share in (0.5, 0.95, 0.99, 1.0)]


def highest_rate(port: int, events: list[bytes], steps: tuple[int, ...], offset: int = 0) -> float:
    """The highest of ``steps`` (tried in increasing order, stopping at the first miss) with no error and p99 ≤ 50 ms."""
    best = 0.0
    for rate in sorted(steps):
        count = int(rate * STEP_SECONDS)
        run = open_loop(port, "/v1/events", _cycle(events, offset, count), rate)
        offset += count
        if run.errors or run.percentile(0.99) > P99_LIMIT_MS:
            break
        best = float(rate)
    return best


def _cycle(events: list[bytes], offset: int, count: int) -> list[bytes]:
    """``count`` events from ``offset`` on, starting over at the end of the world."""
    return [events[(offset + i) % len(events)] for i in range(count)]


def event_bodies(world: Path) -> list[bytes]:
    """Every event of the world as the JSON body of one ``POST /v1/events``, in time order."""
    tables = {t: pq.read_table(world / f"{t}.parquet") for t in EVENT_TABLES if (world / f"{t}.parquet").exists()}
    return [json.dumps({"kind": kind, **{k: _plain(v) for k, v in row.items() if v is not None}}).encode()
            for kind, row in rows_in_time_order(tables)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def reference_store(world: Path, folder: Path, settings: Settings) -> Path:
    """A store in ``folder`` with the world's tables but its events."""
    events = {f"{t}.parquet" for t in EVENT_TABLES}
    ingest_files([p for p in world_files(world) if p.name not in events], folder / "scamnet.db", settings)
    return folder / "scamnet.db"


@contextmanager
def served(store: Path, folder: Path, settings: Settings) -> Iterator[tuple[int, int]]:
    """``scamnet serve`` on ``store`` at a free loopback port with ``auth = "off"``, until the block ends; the port
    and the server's process id."""
    config = folder / "serve.toml"
    config.write_text(_toml(settings.replace(auth="off").as_dict()), encoding="utf-8")
    port = _free_port()
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "scamnet", "serve", "--db", str(store), "--host", LOOPBACK,
                                "--port", str(port), "--config", str(config)], stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(port, process)
        yield port, process.pid
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still working off a backlog the load left: stop it outright
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _toml(values: dict[str, Any]) -> str:
    """Settings as TOML lines (JSON's strings, numbers, booleans and lists are TOML's too)."""
    return "".join(f"{name} = {json.dumps(v)}\n" for name, v in values.items() if v is not None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scamnet serve exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"scamnet serve was not ready within {READY_TIMEOUT_S:.0f} s")
