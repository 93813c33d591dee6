"""``POST /v1/events`` answered by the server's HTTP protocol itself: ``scamnet serve`` runs uvicorn with it.

uvicorn's protocol on ``httptools`` builds an ASGI scope, a request-response cycle with an event and
a task for every request, and checks every header of the answer; for a request whose decision
takes a fraction of a millisecond that cost as much again as the rest of the HTTP handling
(measured: 0.17-0.37 ms of server CPU a request against 0.06-0.14 ms for the parser alone). Here a
plain ``POST /v1/events`` with a ``Content-Length`` within the body limit is read by the same parser
and answered by ``events.events_answer`` — the same key check, limits, decisions and problem
details as the ASGI route — without the ASGI layers. Every other request (another path or method,
a chunked or oversized body, ``Expect: 100-continue``, an upgrade, a request pipelined behind
another, a service not started) goes through uvicorn's own handling unchanged.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.datastructures import Headers, State
from starlette.responses import Response
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from scamnet.api.events import EVENTS_PATH, JSON_BYTES, events_answer

log = logging.getLogger("uvicorn.error")
EVENTS_URL = EVENTS_PATH.encode()
SERVER_ERROR = (b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"content-length: 21\r\nconnection: close\r\n\r\nInternal Server Error")


class _Unused:
    """Stands for a cycle's event: nothing waits on a posted request's body."""

    def set(self) -> None:
        pass


class Posted:
    """A ``POST /v1/events`` read by the protocol; it stands as the connection's current cycle until answered."""

    message_event = _Unused()

    def __init__(self, headers: list[tuple[bytes, bytes]], keep_alive: bool) -> None:
        self.headers, self.keep_alive = headers, keep_alive
        self.parts: list[bytes] = []
        self.response_complete = self.disconnected = False

    async def body(self, limit: int) -> bytes:
        """The body as read (its declared length is within ``limit``: the protocol took the request for that)."""
        return b"".join(self.parts)


class EventsProtocol(HttpToolsProtocol):
    """uvicorn's ``httptools`` protocol, with ``POST /v1/events`` answered without the ASGI layers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reading: Posted | None = None  # the posted request whose body is being read
        self._state: State | None = None

    def on_headers_complete(self) -> None:
        state = self._service_state()
        limit = state.service.settings.serve_max_body_kb * 1024 if state is not None else -1
        if (state is None or self.url != EVENTS_URL or self.parser.get_method() != b"POST" or self.root_path
                or self.expect_100_continue or self.parser.should_upgrade() or self.limit_concurrency is not None
                or not (self.cycle is None or self.cycle.response_complete) or not _declared_within(self.headers, limit)):
            super().on_headers_complete()
            return
        keep_alive = self.parser.get_http_version() != "1.0" and self.parser.should_keep_alive()
        self.cycle = self._reading = Posted(self.headers, keep_alive)  # type: ignore[assignment]

    def on_body(self, body: bytes) -> None:
        if self._reading is None:
            super().on_body(body)
        else:
            self._reading.parts.append(body)

    def on_message_complete(self) -> None:
        posted, self._reading = self._reading, None
        if posted is None:
            super().on_message_complete()
            return
        task = self.loop.create_task(self._answer(posted))
        task.add_done_callback(self.tasks.discard)
        self.tasks.add(task)

    async def _answer(self, posted: Posted) -> None:
        state = self._service_state()
        try:
            assert state is not None
            answer = await events_answer(state, Headers(raw=posted.headers), posted.body)
            if self.flow.write_paused and not posted.disconnected:
                await self.flow.drain()
        except Exception as exc:  # as uvicorn answers an app's error: 500, connection closed
            log.error("Exception in POST %s", EVENTS_PATH, exc_info=exc)
            posted.keep_alive, answer = False, b""
            if not posted.disconnected:
                self.transport.write(SERVER_ERROR)
        else:
            if not posted.disconnected:
                self.transport.write(self._response(answer, posted.keep_alive))
        posted.response_complete = True
        if posted.disconnected:
            return
        if not posted.keep_alive:
            self.transport.close()
        self.on_response_complete()

    def _response(self, answer: bytes | Response, keep_alive: bool) -> bytes:
        """The answer as HTTP/1.1 bytes, with the headers uvicorn adds (its defaults, ``connection: close``)."""
        if isinstance(answer, Response):
            status, headers, body = answer.status_code, answer.raw_headers, answer.body
        else:
            status, body = 200, answer
            headers = [(b"content-length", b"%d" % len(answer)), (b"content-type", JSON_BYTES)]
        content = [STATUS_LINE[status]]
        for name, value in [*self.server_state.default_headers, *headers]:
            content += [name, b": ", value, b"\r\n"]
        if not keep_alive:
            content.append(b"connection: close\r\n")
        content += [b"\r\n", bytes(body)]
        return b"".join(content)

    def _service_state(self) -> State | None:
        """The app's state once its service decides (its batcher is made at start), else None."""
        if self._state is None:
            app: Any = self.app
            while not hasattr(app, "state") and hasattr(app, "app"):  # through uvicorn's middleware
                app = app.app
            state = getattr(app, "state", None)
            if state is not None and hasattr(state, "batcher") and hasattr(state, "service"):
                self._state = state
        return self._state


def _declared_within(headers: list[tuple[bytes, bytes]], limit: int) -> bool:
    """Whether the request declares its length, within ``limit``, and no other transfer coding."""
    lengths = [value for name, value in headers if name == b"content-length"]
    chunked = any(name == b"transfer-encoding" for name, _ in headers)
    return len(lengths) == 1 and lengths[0].isdigit() and int(lengths[0]) <= limit and not chunked
