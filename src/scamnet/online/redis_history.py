"""The pay history in Redis, so that instances sharing ``state_url`` give the rules the same context.

Same questions as ``context.PayHistory``, one server for all instances. Per account: a sorted set
of its transfers (legs) by time, each member ``<txn>|<out or in>|<counterpart>|<cents>`` (the
transaction id keeps two equal transfers apart and makes a repeated update harmless); a sorted set
of the transfers it sent (for counts ever); per payee, a sorted set of its payers scored by their
first payment (``ZADD LT`` keeps the earliest whichever instance comes first); one sorted set of
every account's first transfer. Legs older than a day and an hour are trimmed as the account is
updated; every key expires a week after its last update.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

from scamnet.online.context import HOUR_US, Transfer, history_side, window_fields
from scamnet.online.redis_state import redis_client

_KEEP_US = 25 * HOUR_US
_TTL_S = 7 * 24 * 3600


class RedisPayHistory:
    """``PayHistory`` in the Redis server at ``url`` (keys under ``prefix``)."""

    def __init__(self, url: str, prefix: str = "sn:pay") -> None:
        self._client = redis_client(url, decode_responses=True)
        self._p = prefix

    def update(self, at_us: int, src: str | None, dst: str | None, cents: int = 0, txn_id: str | None = None) -> None:
        with self._client.pipeline(transaction=True) as pipe:
            self._add(pipe, at_us, src, dst, cents, txn_id)
            pipe.execute()

    def update_many(self, transfers: Iterable[Transfer], batch: int = 500) -> None:
        """Add transfers in time order, ``batch`` to a round trip (each write of a transfer harmless if repeated)."""
        iterator = iter(transfers)
        while chunk := list(islice(iterator, batch)):
            with self._client.pipeline(transaction=False) as pipe:
                for transfer in chunk:
                    self._add(pipe, *transfer)
                pipe.execute()

    def _add(self, pipe: Any, at_us: int, src: str | None, dst: str | None, cents: int, txn_id: str | None) -> None:
        uid = txn_id or f"{at_us}:{src}:{dst}:{cents}"
        for account, way, other in ((src, "out", dst), (dst, "in", src)):
            if account:
                legs = f"{self._p}:legs:{account}"
                pipe.zadd(legs, {f"{uid}|{way}|{other or ''}|{cents}": at_us})
                pipe.zremrangebyscore(legs, "-inf", f"({at_us - _KEEP_US}")
                pipe.zadd(f"{self._p}:first", {account: at_us}, lt=True)
                pipe.expire(legs, _TTL_S)
        if src:
            pipe.zadd(f"{self._p}:sent:{src}", {uid: at_us})
            pipe.expire(f"{self._p}:sent:{src}", _TTL_S)
        if src and dst:
            pipe.zadd(f"{self._p}:payers:{dst}", {src: at_us}, lt=True)
            pipe.expire(f"{self._p}:payers:{dst}", _TTL_S)

    def windows(self, account: str, at_us: int) -> dict[str, float]:
        found: list[Any] = self._client.zrangebyscore(f"{self._p}:legs:{account}", at_us - 24 * HOUR_US, f"({at_us}",
                                           withscores=True)
        return window_fields([_leg(member, score) for member, score in found], at_us)

    def new_payee(self, src: str | None, dst: str | None) -> bool | None:
        if not (src and dst):
            return None
        return self._client.zscore(f"{self._p}:payers:{dst}", src) is None

    def first_paid_us(self, src: str, dst: str) -> int | None:
        first = self._client.zscore(f"{self._p}:payers:{dst}", src)
        return None if first is None else int(first)

    def sent_before(self, account: str, at_us: int) -> int:
        return int(self._client.zcount(f"{self._p}:sent:{account}", "-inf", f"({at_us}"))

    def new_payers(self, account: str, since_us: int, until_us: int) -> int:
        return int(self._client.zcount(f"{self._p}:payers:{account}", since_us, f"({until_us}"))

    def first_seen_age_h(self, account: str, at_us: int) -> float | None:
        first = self._client.zscore(f"{self._p}:first", account)
        return (at_us - first) / HOUR_US if first is not None and first < at_us else None

    def side(self, account: str, at_us: int) -> tuple[Any, ...]:
        return history_side(self, account, at_us)

    def close(self) -> None:
        self._client.close()


def _leg(member: str, score: Any) -> tuple[int, bool, str | None, int]:
    _, way, other, cents = member.rsplit("|", 3)
    return int(score), way == "out", other or None, int(cents)
