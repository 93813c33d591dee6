"""A real Redis server for the scale-out tests (Debian's redis-server, which scripts/test.sh installs).

One server per test process, on a free local port, with no persistence; each test that uses it
starts from an empty database. Without the server the Redis tests are skipped, except in CI
(the ``CI`` environment variable set), where a missing server is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _missing() -> str:
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (scripts/test.sh installs Debian's)"
    if importlib.util.find_spec("redis") is None:
        return "the redis client is not installed (pip install -e '.[test]')"
    return ""


def _wait_for_ping(url: str, server: subprocess.Popen[bytes]) -> None:
    import redis

    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and server.poll() is None:
        try:
            client.ping()
            client.close()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server did not answer PING at {url}")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a redis-server this session started, stopped (by its PID) at the end."""
    if missing := _missing():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Redis tests: {missing}")
        pytest.skip(missing)
    port, folder = _free_port(), tmp_path_factory.mktemp("redis")
    command = [shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--dir", str(folder)]
    with (folder / "log").open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        url = f"redis://127.0.0.1:{port}/0"
        try:
            _wait_for_ping(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The session's Redis, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server) as client:
        client.flushdb()
    return redis_server
