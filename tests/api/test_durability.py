"""kill -9 under load: every acknowledged event is in the store after a restart, and none twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb

import scamnet
from scamnet.store import open_store
from tests.api.conftest import _free_port

SRC = str(Path(scamnet.__file__).resolve().parents[1])


def start(db: Path, config: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "scamnet", "serve", "--db", str(db), "--port", str(port),
                               "--config", str(config)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
                if json.loads(answer.read())["ready"]:
                    return server
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.1)
    server.kill()
    raise AssertionError("the service did not become ready")


def post(port: int, txn_id: str) -> bool:
    body = json.dumps({"kind": "transfer", "txn_id": txn_id, "ts": "2026-03-20T10:00:00Z", "src_account": "A",
                       "dst_account": "B", "amount": "10.00", "channel": "mobile"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/events", data=body, method="POST",
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def test_kill_9_under_load_loses_no_acknowledged_event_and_doubles_none(tmp_path: Path) -> None:
    db, config, port = tmp_path / "scamnet.db", tmp_path / "scamnet.toml", _free_port()
    open_store(db).close()
    config.write_text('auth = "off"\n', encoding="utf-8")
    server, acked, stop = start(db, config, port), [], threading.Event()

    def load(worker: int) -> None:
        for n in range(10_000):
            if stop.is_set():
                return
            if post(port, f"w{worker}-{n}"):
                acked.append(f"w{worker}-{n}")

    workers = [threading.Thread(target=load, args=(w,)) for w in range(3)]
    for w in workers:
        w.start()
    while len(acked) < 150:
        time.sleep(0.01)
    os.kill(server.pid, signal.SIGKILL)  # in the middle of the load: some requests were in flight
    server.wait()
    stop.set()
    for w in workers:
        w.join()
    server = start(db, config, port)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
            ready = json.loads(answer.read())
    finally:
        server.terminate()
        server.wait(timeout=30)
    con = duckdb.connect(str(db), read_only=True)
    stored = dict(con.execute("SELECT txn_id, count(*) FROM transfers GROUP BY txn_id").fetchall())
    con.close()
    assert set(acked) <= set(stored), "an acknowledged event is missing"
    assert set(stored.values()) == {1}, "an event was stored twice"
    assert ready["journal_folded"] == len(stored) >= len(acked)
    assert ready["events_replayed"] == len(stored), "the live state was rebuilt with them"
