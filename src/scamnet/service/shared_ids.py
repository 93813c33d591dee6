"""Accepted event ids shared by the instances behind one load balancer, in the Redis of ``state_url``.

A client that did not hear its answer sends the event again, and the load balancer may hand the retry to another
instance. With the live state shared in Redis, that instance would count the payment a second time in the payee's
windows, and would take the same id with other content as a new event. So each instance also keeps the ids it
accepts in Redis, as ``<prefix>:id:<kind>:<id>`` → an 8-byte digest of the event's journal line (the same in
every process, unlike Python's ``hash``), for ``retry_memory_s``; and before it decides a group, it asks Redis in
one round trip about the ids it does not know itself. The ids of a group are written when it is decided, before
its journal is flushed, and deleted again if that flush fails. So a retry that reaches another instance while the
first is still deciding the event is not seen; and one that reaches it between the decision and a flush that then
fails is answered as a retry of an event that was never kept (on one instance such a retry waits for the flush).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from scamnet.online.events import KINDS
from scamnet.online.redis_state import redis_client
from scamnet.service.event_ids import BOUND, AcceptedIds
from scamnet.service.journal import journal_lines

#: Each id with its digest, kept for the memory's milliseconds (the last argument): one round trip for a group.
_KEEP = """
local ms = ARGV[#ARGV]
for i, key in ipairs(KEYS) do redis.call('SET', key, ARGV[i], 'PX', ms) end
return #KEYS
"""


class SharedIds(AcceptedIds):
    """``AcceptedIds`` whose ids other instances learn through Redis, and which learns theirs."""

    shared = True

    def __init__(self, url: str, memory_s: float, bound: int = BOUND, prefix: str = "sn") -> None:
        super().__init__(bound)
        self._client: Any = redis_client(url)
        self._memory_ms = max(int(memory_s * 1000), 1)
        self._prefix = f"{prefix}:id:"
        self._keep = self._client.register_script(_KEEP)

    def _digest_of(self, line: bytes) -> int:
        return int.from_bytes(hashlib.blake2b(line, digest_size=8).digest(), "big", signed=True)

    def _row_digest(self, kind: str, row: Mapping[str, Any]) -> int:
        return self._digest_of(journal_lines([(KINDS[kind], row)])[0])

    def _name(self, key: tuple[str, str]) -> str:
        return f"{self._prefix}{key[0]}:{key[1]}"

    def _held_elsewhere(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        found = self._client.mget([self._name(key) for key in keys])
        return {key: int(value) for key, value in zip(keys, found, strict=True) if value is not None}

    def _shared(self, digests: Mapping[tuple[str, str], int]) -> None:
        self._keep(keys=[self._name(key) for key in digests], args=[*digests.values(), self._memory_ms])

    def _unshared(self, keys: list[tuple[str, str]]) -> None:
        self._client.delete(*[self._name(key) for key in keys])
