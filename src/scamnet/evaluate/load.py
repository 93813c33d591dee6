"""An open-loop HTTP load generator for ``scamnet bench serve``: fixed rate, latency from the scheduled send time.

Request ``i`` is due at ``start + i / rate`` whether or not earlier ones have been answered, and
its latency is measured from that due time, so time spent waiting for a free connection or behind
a slow answer counts (no coordinated omission). Plain HTTP/1.1 keep-alive connections on
``asyncio.open_connection``, to 127.0.0.1 only; bounded by the bodies given and by a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

LOOPBACK = "127.0.0.1"
#: Seconds after the last request is due that answers are still waited for; later ones are errors.
GRACE_S = 5.0


@dataclass(frozen=True)
class LoadRun:
    """What one run at a fixed rate measured; latencies in milliseconds, one per request answered."""

    rate: float
    sent: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def achieved_rate(self) -> float:
        """Answers per second over the run (from the first due time to the last answer)."""
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """The latency below which ``share`` of the answered requests fall (nearest rank); NaN with none.

        >>> LoadRun(10, 4, 0, 1.0, [4.0, 1.0, 3.0, 2.0]).percentile(0.5)
        2.0
        """
        ranked = sorted(self.latencies_ms)
        return ranked[max(0, math.ceil(share * len(ranked)) - 1)] if ranked else math.nan


def open_loop(port: int, path: str, bodies: Sequence[bytes], rate: float, headers: dict[str, str] | None = None,
              connections: int = 64) -> LoadRun:
    """POST each body to ``127.0.0.1:port`` at ``rate`` per second; a non-200 answer or none in time is an error.

    The requests run on an event loop of their own, in a thread of their own, so a caller that is
    itself inside an event loop (a notebook, a test after a browser driver) can use it too.
    """
    with ThreadPoolExecutor(max_workers=1) as runner:
        return runner.submit(_event_loop_run, _run(port, path, bodies, rate, headers or {}, connections)).result()


def _event_loop_run(work: Coroutine[Any, Any, LoadRun]) -> LoadRun:
    """``work`` on uvloop's event loop where it is installed (it halves the generator's own time per request, which
    shares the machine with the service), else on asyncio's."""
    try:
        import uvloop
    except ImportError:  # uvloop has no Windows build
        return asyncio.run(work)
    return uvloop.run(work)


async def _run(port: int, path: str, bodies: Sequence[bytes], rate: float, headers: dict[str, str],
               connections: int) -> LoadRun:
    everyone = [_Connection(port, path, headers) for _ in range(connections)]
    pool: asyncio.Queue[_Connection] = asyncio.LifoQueue()  # the warmest first: idle ones may be closed by the server
    for connection in everyone:
        pool.put_nowait(connection)
    start, tasks = time.perf_counter(), []  # not the loop's clock: uvloop's counts whole milliseconds
    for i, body in enumerate(bodies):  # each request started at its due time, answered or not the earlier ones
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(_request(pool, body, due)))
    done, late = await asyncio.wait(tasks, timeout=GRACE_S) if tasks else (set(), set())
    for task in late:
        task.cancel()
    await asyncio.wait(late, timeout=GRACE_S) if late else None
    await asyncio.gather(*(connection.close() for connection in everyone))
    answered = [t.result() for t in done if t.result() is not None]
    ended = max((due + ms / 1000 for due, ms in answered), default=start)
    return LoadRun(rate, len(bodies), len(bodies) - len(answered), ended - start, [ms for _, ms in answered])


async def _request(pool: asyncio.Queue[_Connection], body: bytes, due: float) -> tuple[float, float] | None:
    """``(due time, latency in ms)`` of one request due at ``due``, or None when it failed."""
    connection = await pool.get()
    try:
        status = await connection.post(body)
    except (OSError, asyncio.IncompleteReadError, ValueError):
        await connection.close()
        status = 0
    finally:
        pool.put_nowait(connection)
    return (due, 1000 * (time.perf_counter() - due)) if status == 200 else None


class _Connection:
    """One keep-alive connection, opened on first use and again after a failure."""

    def __init__(self, port: int, path: str, headers: dict[str, str]) -> None:
        self.port = port
        extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.head = f"POST {path} HTTP/1.1\r\nhost: {LOOPBACK}\r\ncontent-type: application/json\r\n{extra}"
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, body: bytes) -> int:
        """The answer's status; once more on a new connection when a kept one was closed by the server meanwhile."""
        if self.streams is None:
            return await self._exchange(body)
        try:
            return await self._exchange(body)
        except (OSError, asyncio.IncompleteReadError):  # uvicorn closes a connection idle for 5 s
            await self.close()
            return await self._exchange(body)

    async def _exchange(self, body: bytes) -> int:
        """The answer's status; its body is read and dropped."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(LOOPBACK, self.port)
        reader, writer = self.streams
        writer.write(f"{self.head}content-length: {len(body)}\r\n\r\n".encode() + body)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        length = next((int(line.split(":", 1)[1]) for line in head if line.lower().startswith("content-length:")), 0)
        await reader.readexactly(length)
        return int(head[0].split()[1])

    async def close(self) -> None:
        if self.streams is not None:
            writer, self.streams = self.streams[1], None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
