"""``POST /v1/events`` answered by the server's protocol (``api.fast_http``) answers exactly as the app's route does."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

import uvicorn

from scamnet.api.app import create_app
from scamnet.cli.commands.serve import HTTP_PROTOCOL
from scamnet.core.settings import Settings

SETTINGS = {"auth": "off", "serve_max_body_kb": 4, "serve_max_events": 5}


def payment(txn_id: str, minute: int = 0) -> dict[str, str]:
    return {"kind": "transfer", "txn_id": txn_id, "ts": f"2026-03-01T09:{minute:02d}:00Z", "src_account": "VICTIM",
            "dst_account": "MULE", "amount": "300.00", "channel": "mobile"}


@contextmanager
def serving(http: str, settings: dict[str, object]) -> Iterator[int]:
    """A fresh service (no store) on a free local port with uvicorn's ``http`` protocol; its port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(settings), None), host="127.0.0.1", port=port,
                                           log_level="warning", http=http))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


REQUESTS: list[tuple[bytes, dict[str, str], bool]] = [  # body, headers, sent in chunks
    (json.dumps(payment("t1")).encode(), {}, False),
    (json.dumps([payment("t2", 1), payment("t3", 2)]).encode(), {}, False),
    (json.dumps(payment("t1")).encode(), {}, False),  # a retry
    (json.dumps({**payment("t4", 3), "amount": "lots"}).encode(), {}, False),  # a bad value: 422
    (b"{not json", {}, False),
    (json.dumps([payment(f"b{i}") for i in range(6)]).encode(), {}, False),  # over serve_max_events: 413
    (json.dumps({**payment("t5", 4), "note": "x" * 5000}).encode(), {}, False),  # over the body limit: 413
    (json.dumps(payment("t6", 5)).encode(), {}, True),  # chunked: uvicorn's own path
    (json.dumps(payment("t7", 6)).encode(), {"connection": "close"}, False),
]


def answers(port: int, requests: list[tuple[bytes, dict[str, str], bool]]) -> list[tuple[int, dict[str, str], bytes]]:
    """Each request's status, headers (but the date) and body, sent one after the other on one kept-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    found = []
    for body, headers, chunked in requests:
        sent = iter([body[:10], body[10:]]) if chunked else body
        connection.request("POST", "/v1/events", sent, {"content-type": "application/json", **headers},
                           encode_chunked=chunked)
        answer = connection.getresponse()
        found.append((answer.status, {k: v for k, v in answer.getheaders() if k != "date"}, answer.read()))
    connection.close()
    return found


def test_the_protocol_answers_every_request_as_the_app_route_does() -> None:
    with serving("httptools", SETTINGS) as port:
        expected = answers(port, REQUESTS)
    with serving(HTTP_PROTOCOL, SETTINGS) as port:
        found = answers(port, REQUESTS)
    assert [status for status, _, _ in found] == [200, 200, 200, 422, 422, 413, 413, 200, 200]
    assert found == expected
    assert [d["event_id"] for d in json.loads(found[1][2])["decisions"]] == ["t2", "t3"]
    assert found[-1][1]["connection"] == "close"


def test_a_request_without_a_key_is_refused_as_the_app_refuses_it() -> None:
    request = [(json.dumps(payment("t1")).encode(), {"authorization": "Bearer nope.nope"}, False)]
    with serving("httptools", {"auth": "on"}) as port:
        expected = answers(port, request)
    with serving(HTTP_PROTOCOL, {"auth": "on"}) as port:
        found = answers(port, request)
    assert found == expected and found[0][0] == 401 and found[0][1]["www-authenticate"] == "Bearer"


def test_requests_pipelined_on_one_connection_are_answered_in_order() -> None:
    bodies = [json.dumps(payment(f"p{i}", i)).encode() for i in range(3)]
    wire = b"".join(b"POST /v1/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    b"content-length: %d\r\n\r\n%s" % (len(body), body) for body in bodies)
    with serving(HTTP_PROTOCOL, SETTINGS) as port, socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(wire)  # three requests in one write: the second and third arrive while the first is decided
        reader = sock.makefile("rb")
        ids = []
        for _ in bodies:
            response = http.client.HTTPResponse(_Replay(reader))  # type: ignore[arg-type]
            response.begin()
            assert response.status == 200
            ids.append(json.loads(response.read())["decisions"][0]["event_id"])
    assert ids == ["p0", "p1", "p2"]


class _Replay:
    """A socket whose ``makefile`` is one shared reader, left open: responses read one after the other."""

    def __init__(self, reader: BinaryIO) -> None:
        self.reader = reader

    def makefile(self, mode: str) -> _Replay:
        return self

    def read(self, size: int = -1) -> bytes:
        return self.reader.read(size)

    def readline(self, size: int = -1) -> bytes:
        return self.reader.readline(size)

    def readinto(self, buffer: bytearray) -> int:
        return self.reader.readinto(buffer)  # type: ignore[attr-defined]

    def close(self) -> None:
        pass
