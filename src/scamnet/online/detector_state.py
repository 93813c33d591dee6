"""Where the online detectors' state lives: in the process, or shared through the Redis that ``state_url`` names.

The detectors' figures read across entities — who called a number back reads every callee's
record, a SIM bank walks the cell-hours of the devices around a device, a mule's laundering
shapes follow payments two and three hops away — so scoring one entity reads many records.
Kept as Redis keys, one scoring would cost dozens to thousands of round trips. The shared state
is therefore the detectors' event log: every instance appends each event it decides to one Redis
stream (``XADD``, atomic per event), and before it asks for a score, and after each event it
appends, it applies every event of the stream it has not applied yet, in the stream's order. Its
records (``TelecomState``, ``MoneyState``, ``SimBanks``) are then exactly those of one instance
that took the events in that order: what the detectors read stays exact. Beside the log, the
scores kept between rescorings (``LiveDetectors``' refresh policy) are shared too, one key per
entity, so that an entity is rescored at the events one instance would rescore it at.

An instance still holds every record in its own memory (as one instance does) and applies every
event's update (microseconds); the scoring, the costly part, is done only for the events it
decides. The log is one stream, the kept scores one key per entity, all on one Redis server (not
Cluster, like ``redis_state.py``). Each key expires a week after its last write; the stream
drops entries older than a week (``XADD MINID``): a restarting instance replays the store, which
holds the events journaled by then, and then the stream, less the events it found in the store.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

import numpy as np

from scamnet.core.errors import ConfigError
from scamnet.online.redis_state import redis_client

#: A kept score: the score, the figures it rests on, the entity's events when it was computed.
Kept = tuple[float, dict[str, Any], int]
#: A posted or stored event's identity, to find the stream's events a restart also read from the store.
_IDS = {"transfer": ("txn_id",), "call": ("call_id",), "message": ("msg_id",), "session": ("account_id", "ts")}
_TTL_S = 7 * 24 * 3600

# KEYS: the stream. ARGV: the oldest id kept (ms), the TTL, the event, the last id this instance applied.
# Appends the event and returns every entry after the last one applied, the new one included.
_APPEND = """
redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 'e', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return redis.call('XRANGE', KEYS[1], '(' .. ARGV[4], '+')
"""


class DetectorState(Protocol):
    """The online detectors' events as every instance is to apply them, and the scores kept between rescorings."""

    def publish(self, kind: str, row: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
        """Hand the event over; the events to apply now, in order (this one included)."""

    def pending(self, asking: Iterable[str] = ()) -> list[tuple[str, Mapping[str, Any]]]:
        """The events other instances handed over since, to apply before a score is asked for; the kept scores of
        the entities about to be ``asking``-ed for may be read with them (``kept`` then answers from that read)."""

    def kept(self, entity: str) -> Kept | None:
        """The entity's kept score (None: none yet)."""

    def keep(self, scores: Mapping[str, Kept]) -> None:
        """Keep these scores (each replaces the entity's kept one)."""

    def skip_stored(self, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The stored events replayed at the start, passed through; those also logged are not applied again."""


class InProcessState:
    """The state of one instance: each event applied when handed over, scores kept in a dict."""

    def __init__(self) -> None:
        self._scores: dict[str, Kept] = {}

    def publish(self, kind: str, row: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
        return [(kind, row)]

    def pending(self, asking: Iterable[str] = ()) -> list[tuple[str, Mapping[str, Any]]]:
        return []

    def kept(self, entity: str) -> Kept | None:
        return self._scores.get(entity)

    def keep(self, scores: Mapping[str, Kept]) -> None:
        self._scores.update(scores)

    def skip_stored(self, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> Iterator[tuple[str, Mapping[str, Any]]]:
        return iter(rows)


class RedisDetectorState:
    """The detectors' event log and kept scores in the Redis server at ``url`` (keys under ``prefix``)."""

    def __init__(self, url: str, prefix: str = "sn:det") -> None:
        self._client = redis_client(url, decode_responses=True)
        self._append = self._client.register_script(_APPEND)
        self._log, self._scores = f"{prefix}:log", f"{prefix}:score:"
        self._last = "0-0"  # the newest stream entry applied here
        self._skip: set[str] = set()  # logged events this instance read from the store at its start
        self._read: dict[str, str | None] = {}  # kept scores read with the last ``pending`` (None: none kept)

    def publish(self, kind: str, row: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
        oldest_ms = int(time.time() * 1000) - _TTL_S * 1000
        entries = self._append(keys=[self._log], args=[oldest_ms, _TTL_S, _encoded(kind, row), self._last])
        return self._taken(entries)

    def pending(self, asking: Iterable[str] = ()) -> list[tuple[str, Mapping[str, Any]]]:
        """The stream's new entries and, in the same round trip, the kept scores of ``asking`` (an event's subjects:
        one ``MGET`` where each would be a ``GET``); what was read before is dropped, never answered later."""
        wanted = list(asking)
        if not wanted:
            self._read = {}
            return self._taken(self._client.xrange(self._log, f"({self._last}", "+") or [])
        with self._client.pipeline(transaction=False) as pipe:
            pipe.xrange(self._log, f"({self._last}", "+")
            pipe.mget([self._scores + entity for entity in wanted])
            entries, texts = pipe.execute()
        self._read = dict(zip(wanted, texts, strict=True))
        return self._taken(entries or [])

    def _taken(self, entries: list[Any]) -> list[tuple[str, Mapping[str, Any]]]:
        found: list[tuple[str, Mapping[str, Any]]] = []
        for entry_id, fields in entries:
            self._last = entry_id
            kind, row = _decoded(_event_field(fields))
            if self._skip and _identity(kind, row) in self._skip:
                self._skip.discard(_identity(kind, row))
                continue
            found.append((kind, row))
        return found

    def kept(self, entity: str) -> Kept | None:
        text = self._read.pop(entity) if entity in self._read else self._client.get(self._scores + entity)
        if text is None:
            return None
        score, figures, events = json.loads(str(text))
        return float(score), figures, int(events)

    def keep(self, scores: Mapping[str, Kept]) -> None:
        if not scores:
            return
        for entity in scores:
            self._read.pop(entity, None)  # this instance's newer score, not the one read before
        with self._client.pipeline(transaction=False) as pipe:
            for entity, kept in scores.items():
                pipe.set(self._scores + entity, json.dumps(kept, default=_plain), ex=_TTL_S)
            pipe.execute()

    def skip_stored(self, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> Iterator[tuple[str, Mapping[str, Any]]]:
        logged = {_identity(*_decoded(_event_field(fields))) for _, fields in self._client.xrange(self._log, "-", "+") or []}
        for kind, row in rows:
            if logged and (identity := _identity(kind, row)) in logged:
                self._skip.add(identity)
            yield kind, row

    def close(self) -> None:
        self._client.close()


def detector_state(state_url: str, prefix: str = "sn:det") -> DetectorState:
    """The detectors' state the setting ``state_url`` names: in the process when empty, else in that Redis."""
    if not state_url:
        return InProcessState()
    if not state_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"state_url {state_url!r} is not a Redis URL",
                          hint="leave it empty for in-process state, or write redis://host:port/db")
    return RedisDetectorState(state_url, prefix)


def _event_field(fields: Any) -> str:
    """An entry's event: redis-py parses ``XRANGE`` into a dict; a script's reply keeps the flat field list."""
    return str(fields["e"] if isinstance(fields, dict) else fields[fields.index("e") + 1])


def _identity(kind: str, row: Mapping[str, Any]) -> str:
    return "\x1f".join([kind, *(str(row.get(column)) for column in _IDS.get(kind, ()))])


def _encoded(kind: str, row: Mapping[str, Any]) -> str:
    """An event as JSON; times and decimal amounts tagged so that they come back as they went."""
    values = {k: ({"t": v.isoformat()} if isinstance(v, datetime) else {"d": str(v)} if isinstance(v, Decimal) else v)
              for k, v in row.items()}
    return json.dumps([kind, values], default=_plain)


def _decoded(text: str) -> tuple[str, dict[str, Any]]:
    kind, values = json.loads(text)
    return kind, {k: _value(v) for k, v in values.items()}


def _value(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return Decimal(value["d"])
    return value


def _plain(value: Any) -> Any:
    """numpy's numbers and arrays as JSON takes them."""
    if isinstance(value, np.ndarray | np.generic):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON")
