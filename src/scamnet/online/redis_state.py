"""The live state in Redis, shared by every service instance that names the same ``state_url``.

One Lua script applies a whole event (all the entities it touches) atomically, so instances
that split a stream between them leave the state one instance would. The layout mirrors
``MemoryState``. Per entity and stream: a hash of counts (``<window>:<bucket>`` -> events,
``<window>:<bucket>a`` -> cents) and a sorted set of counterparts scored by the latest time each
was seen; per entity, a sorted set holding ``first`` and ``last``. Every key expires (wall-clock
TTL) one longest window plus an hour after its last update, which only drops entities gone
quiet: the windows themselves follow event time.

The scripts name their keys from their arguments, so this needs one Redis server (with
replicas if wanted), not Redis Cluster, where one event's keys would span hash slots.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import islice
from typing import Any

from scamnet.core.errors import ConfigError
from scamnet.online.events import Event, microseconds
from scamnet.online.state import FeatureNames, entity_streams, time_of
from scamnet.online.windows import BUCKETS, Window

_SPLIT = """
local function split(text)
  local out, from = {}, 1
  while true do
    local at = string.find(text, '\\31', from, true)
    if not at then table.insert(out, string.sub(text, from)); return out end
    table.insert(out, string.sub(text, from, at - 1))
    from = at + 1
  end
end
local ARGS = split(ARGV[1])
"""

# Each script gets one argument, its values joined by \x1f: redis-py packs one string many
# times faster than thirty. The update's ARGS: prefix, at, ttl, seen_start, windows, the event's
# bucket per window, the first bucket kept per window, then per touch: entity, stream,
# counterpart ('' for none), cents.
_UPDATE = _SPLIT + """
local prefix, at, ttl, seen_start, nw = ARGS[1], ARGS[2], tonumber(ARGS[3]), ARGS[4], tonumber(ARGS[5])
local limit = 6 * nw * BUCKETS
for a = 6 + 2 * nw, #ARGS, 4 do
  local base = prefix .. ':' .. ARGS[a]
  local stream, counterpart, cents = base .. '|' .. ARGS[a + 1], ARGS[a + 2], tonumber(ARGS[a + 3])
  local fresh = false  -- a new bucket of the shortest window: time moved on for this stream
  for i = 1, nw do
    local field = (i - 1) .. ':' .. ARGS[5 + i]
    if redis.call('HINCRBY', stream, field, 1) == 1 and i == 1 then fresh = true end
    if cents ~= 0 then redis.call('HINCRBY', stream, field .. 'a', cents) end
  end
  redis.call('ZADD', base .. '|times', 'LT', at, 'first')
  redis.call('ZADD', base .. '|times', 'GT', at, 'last')
  if counterpart ~= '' and redis.call('ZADD', stream .. '|seen', 'GT', at, counterpart) + (fresh and 1 or 0) > 0 then
    redis.call('ZREMRANGEBYSCORE', stream .. '|seen', '-inf', '(' .. seen_start)
    redis.call('EXPIRE', stream .. '|seen', ttl)
  end
  if fresh then  -- TTLs and pruning at most once a bucket: they are far longer than one
    redis.call('EXPIRE', base .. '|times', ttl)
    redis.call('EXPIRE', stream, ttl)
    if redis.call('HLEN', stream) > limit then
      for _, field in ipairs(redis.call('HKEYS', stream)) do
        local i, bucket = string.match(field, '^(%d+):(-?%d+)')
        if tonumber(bucket) < tonumber(ARGS[6 + nw + tonumber(i)]) then redis.call('HDEL', stream, field) end
      end
    end
  end
end
""".replace("BUCKETS", str(BUCKETS))

# ARGS: prefix, entity, windows, then per window its first bucket and start time, then the
# streams. Returns first, last, then per stream and window: count,
# cents, distinct counterparts.
_FEATURES = _SPLIT + """
local base, nw = ARGS[1] .. ':' .. ARGS[2], tonumber(ARGS[3])
local times = redis.call('ZMSCORE', base .. '|times', 'first', 'last')
local out = {times[1] or '', times[2] or ''}
for s = 4 + 2 * nw, #ARGS do
  local stream = base .. '|' .. ARGS[s]
  local count, cents = {}, {}
  for i = 1, nw do count[i], cents[i] = 0, 0 end
  local fields = redis.call('HGETALL', stream)
  for f = 1, #fields, 2 do
    local i, bucket, money = string.match(fields[f], '^(%d+):(-?%d+)(a?)$')
    i, bucket = tonumber(i) + 1, tonumber(bucket)
    if bucket >= tonumber(ARGS[2 + 2 * i]) then
      if money == 'a' then cents[i] = cents[i] + tonumber(fields[f + 1])
      else count[i] = count[i] + tonumber(fields[f + 1]) end
    end
  end
  for i = 1, nw do
    table.insert(out, count[i])
    table.insert(out, cents[i])
    table.insert(out, redis.call('ZCOUNT', stream .. '|seen', ARGS[3 + 2 * i], '+inf'))
  end
end
return out
"""


def redis_client(url: str, decode_responses: bool = False) -> Any:
    """A client of the Redis server at ``url``; a clear error when the ``redis`` extra is not installed."""
    try:
        import redis
    except ImportError:  # pragma: no cover - the extra is part of the test install
        raise ConfigError("state_url names Redis but the redis client is not installed",
                          hint="pip install 'scamnet[redis]'") from None
    return redis.Redis.from_url(url, decode_responses=decode_responses)


class RedisState:
    """The live state in a Redis server (``state_url = "redis://host:port/db"``)."""

    def __init__(self, windows: tuple[Window, ...], url: str, prefix: str = "sn") -> None:
        self.windows = windows
        self._client = redis_client(url)
        self._update = self._client.register_script(_UPDATE)
        self._read = self._client.register_script(_FEATURES)
        self._prefix = prefix
        self._ttl_s = windows[-1].length_us // 1_000_000 + 3600
        self._late_us = windows[0].length_us  # how late an event may be and still be judged exactly
        self._names = FeatureNames(windows)

    def update(self, event: Event) -> None:
        self._update(args=[self._arguments(event)])

    def update_many(self, events: Iterable[Event], batch: int = 500) -> int:
        """Apply events in pipelined batches (each event still atomic on its own)."""
        done, iterator = 0, iter(events)
        while chunk := list(islice(iterator, batch)):
            with self._client.pipeline(transaction=False) as pipe:
                for event in chunk:
                    self._update(args=[self._arguments(event)], client=pipe)
                pipe.execute()
            done += len(chunk)
        return done

    def _arguments(self, event: Event) -> str:
        at, windows = event.at_us, self.windows
        argv: list[Any] = [self._prefix, at, self._ttl_s, windows[-1].start_us(at - self._late_us), len(windows)]
        argv += [w.bucket(at) for w in windows] + [w.first_bucket(at - self._late_us) for w in windows]
        for entity, stream, counterpart, cents in event.touches:
            argv += [entity, stream, counterpart or "", cents]
        return "\x1f".join(map(str, argv))

    def features(self, entity: str, at: datetime) -> dict[str, Any]:
        """The same figures as ``MemoryState.features``, summed in Redis in one round trip."""
        at_us, streams = microseconds(at), entity_streams(entity)
        spans = [edge for w in self.windows for edge in (w.first_bucket(at_us), w.start_us(at_us))]
        argv = [self._prefix, entity, len(self.windows), *spans, *streams]
        reply = iter(self._read(args=["\x1f".join(map(str, argv))]))
        first, last = next(reply), next(reply)
        figures: dict[str, Any] = {"first_seen": _time(first), "last_seen": _time(last)}
        for stream in streams:
            for count, distinct, amount in self._names.of(stream):
                number, cents, seen = next(reply), next(reply), next(reply)
                figures[count], figures[distinct] = number, seen
                if amount is not None:
                    figures[amount] = cents / 100
        return figures

    def close(self) -> None:
        self._client.close()

    def clear(self) -> int:
        """Delete every key of this state (its prefix), leaving the rest of the server alone."""
        keys = list(self._client.scan_iter(match=f"{self._prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            self._client.delete(*keys[start:start + 1000])
        return len(keys)

    def memory_bytes(self) -> int:
        """What the Redis server says it uses (``INFO memory``)."""
        return int(self._client.info("memory")["used_memory"])

    def server_cpu_s(self) -> float:
        """CPU seconds the Redis server has used since it started (``INFO cpu``)."""
        info = self._client.info("cpu")
        return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def _time(score: bytes) -> datetime | None:
    return time_of(int(float(score))) if score else None
