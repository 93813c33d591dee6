"""The rule context of a live transfer: the vocabulary of ``rules.vocabulary``, from what was known just before it.

The back-test computes the same fields in SQL (``features/sql/rules/transfer_context.sql``) with
exact windows ``[t - 1 h, t)`` and ``[t - 24 h, t)``. The live state's windows are exact only to a
bucket at their far edge (1 minute of the hour, 24 minutes of the day), which on a small world
changed 5 % of the 24 h figures and 2 transfers' decisions in 4,212; so the rule fields are computed
here from ``PayHistory``, which keeps each account's transfers of the last day (and, for ever,
who first paid whom and when, the transfers sent and the first one), and a replay gives every
transfer the back-test's decision. Instances that share a Redis keep the same history there
(``redis_history.RedisPayHistory``). The accounts' reference facts come from the store and the
watchlist from its alerts.

>>> history = PayHistory()
>>> history.update(1_000, "A", "B", 5000)
>>> history.new_payee("A", "B"), history.new_payee("C", "B"), history.sent_before("A", 2_000)
(False, True, 1)
>>> history.windows("B", 2_000)["received_1h"]
50.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from scamnet.online.events import microseconds

#: A transfer as the pay history takes it: ``(at_us, src, dst, cents, txn_id)``.
Transfer = tuple[int, str | None, str | None, int, str | None]

HOUR_US = 3_600_000_000
WINDOW_FIELDS = ("transfers_1h", "transfers_24h", "amount_24h", "received_1h", "received_24h", "incoming_1h",
                 "distinct_payers_1h", "distinct_payers_24h", "distinct_payees_24h")


class Profile(Protocol):
    """An account's reference facts (``store.accounts.AccountProfile``)."""

    @property
    def opened_at(self) -> datetime: ...

    @property
    def holder_type(self) -> str: ...

    @property
    def birth_year(self) -> int | None: ...


class PayHistory:
    """Each account's transfers of the last day (exact windows), and for ever: first payments, transfers sent, first transfer.

    Times are microseconds since 1970 (UTC); amounts in cents. A transfer counts in a window at
    ``t`` when it happened in ``[t - window, t)``: transfers at the same instant are not earlier.
    """

    def __init__(self, keep_us: int = 25 * HOUR_US) -> None:
        self.keep_us = keep_us  # a day, plus an hour for events that arrive late
        self._legs: dict[str, list[tuple[int, bool, str | None, int]]] = {}
        self._first_pay: dict[str, dict[str, int]] = {}
        self._sent: dict[str, list[int]] = {}
        self._first_seen: dict[str, int] = {}

    def update_many(self, transfers: Iterable[Transfer]) -> None:
        """Add transfers ``(at_us, src, dst, cents, txn_id)`` in time order (a restart's history)."""
        for transfer in transfers:
            self.update(*transfer)

    def update(self, at_us: int, src: str | None, dst: str | None, cents: int = 0, txn_id: str | None = None) -> None:
        """Add one transfer (``txn_id`` names it only in the shared Redis history)."""
        first_seen, legs_of = self._first_seen, self._legs
        for account, out, other in ((src, True, dst), (dst, False, src)):
            if account:
                seen = first_seen.get(account)
                if seen is None or at_us < seen:
                    first_seen[account] = at_us
                legs = legs_of.get(account)
                if legs is None:
                    legs_of[account] = [(at_us, out, other, cents)]
                    continue
                legs.append((at_us, out, other, cents))
                if legs[0][0] < at_us - 2 * self.keep_us:  # prune now and then, not on every leg
                    legs_of[account] = [x for x in legs if x[0] >= at_us - self.keep_us]
        if src:
            sent = self._sent.get(src)
            if sent is None:
                self._sent[src] = [at_us]
            else:
                sent.append(at_us)
        if src and dst:  # the earliest, also when a transfer arrives late (as Redis's ZADD LT keeps it)
            payers = self._first_pay.get(dst)
            if payers is None:
                self._first_pay[dst] = {src: at_us}
            elif at_us < payers.get(src, at_us + 1):
                payers[src] = at_us

    def windows(self, account: str, at_us: int) -> dict[str, float]:
        """The account's window fields at ``at_us`` (``transfers_1h``, ``received_24h``, ...)."""
        return window_fields(self._legs.get(account, ()), at_us)

    def new_payee(self, src: str | None, dst: str | None) -> bool | None:
        """Did ``src`` never pay ``dst`` before? NULL without both accounts."""
        if not (src and dst):
            return None
        return src not in self._first_pay.get(dst, {})

    def first_paid_us(self, src: str, dst: str) -> int | None:
        """When ``src`` first paid ``dst`` (None: never)."""
        return self._first_pay.get(dst, {}).get(src)

    def sent_before(self, account: str, at_us: int) -> int:
        """Transfers ``account`` sent strictly before ``at_us``, ever."""
        times = self._sent.get(account, [])
        return sum(1 for t in reversed(times) if t < at_us) if times and times[-1] >= at_us else len(times)

    def new_payers(self, account: str, since_us: int, until_us: int) -> int:
        """Payers whose first payment to ``account`` fell in ``[since_us, until_us)``."""
        return sum(1 for t in self._first_pay.get(account, {}).values() if since_us <= t < until_us)

    def first_seen_age_h(self, account: str, at_us: int) -> float | None:
        first = self._first_seen.get(account)
        return (at_us - first) / HOUR_US if first is not None and first < at_us else None

    def side(self, account: str, at_us: int) -> tuple[Any, ...]:
        """The account's history fields at ``at_us``, in ``HISTORY_FIELDS`` order (one look-up for an account never
        seen: most payees of a live stream are new to it)."""
        first = self._first_seen.get(account)
        if first is None:  # never paid nor paid: no legs, no transfers sent, no payers
            return _NEVER_SEEN
        return ((at_us - first) / HOUR_US if first < at_us else None, float(self.sent_before(account, at_us)),
                *window_values(self._legs.get(account, ()), at_us), float(self.new_payers(account, at_us - HOUR_US, at_us)))


#: A side's fields that come from the pay history, in the order ``History.side`` gives them.
HISTORY_FIELDS = ("first_seen_age_h", "transfers_total", *WINDOW_FIELDS, "new_payers_1h")
_NEVER_SEEN: tuple[Any, ...] = (None, 0.0, *[0.0] * len(WINDOW_FIELDS), 0.0)


def history_side(history: History, account: str, at_us: int) -> tuple[Any, ...]:
    """``History.side`` from the history's single questions (for a history that has no faster way)."""
    return (history.first_seen_age_h(account, at_us), float(history.sent_before(account, at_us)),
            *[v for _, v in sorted(history.windows(account, at_us).items(), key=lambda kv: _WINDOW_ORDER[kv[0]])],
            float(history.new_payers(account, at_us - HOUR_US, at_us)))


_WINDOW_ORDER = {name: i for i, name in enumerate(WINDOW_FIELDS)}


def window_fields(legs: Iterable[tuple[int, bool, str | None, int]], at_us: int) -> dict[str, float]:
    """The window fields from an account's legs (time, out?, counterpart, cents): those of the day before ``at_us``
    count (one pass over the legs: a busy account has thousands a day)."""
    return dict(zip(WINDOW_FIELDS, window_values(legs, at_us), strict=True))


def window_values(legs: Iterable[tuple[int, bool, str | None, int]], at_us: int) -> tuple[float, ...]:
    """``window_fields``'s values in ``WINDOW_FIELDS`` order."""
    hour, day = at_us - HOUR_US, at_us - 24 * HOUR_US
    sent = sent_1h = got_1h = 0
    paid = received = received_1h = 0  # cents
    payees: set[str | None] = set()
    payers: set[str | None] = set()
    payers_1h: set[str | None] = set()
    for at, out, other, cents in legs:
        if at < day or at >= at_us:
            continue
        if out:
            sent, paid = sent + 1, paid + cents
            sent_1h += at >= hour
            payees.add(other)  # None is not counted (``_distinct``)
        else:
            received += cents
            payers.add(other)
            if at >= hour:
                got_1h, received_1h = got_1h + 1, received_1h + cents
                payers_1h.add(other)
    return (float(sent_1h), float(sent), paid / 100, received_1h / 100, received / 100, float(got_1h),
            _distinct(payers_1h), _distinct(payers), _distinct(payees))


def _distinct(counterparts: set[str | None]) -> float:
    return float(len(counterparts) - (None in counterparts))


class History(Protocol):
    """What the context reads of a pay history: ``PayHistory`` in-process, ``RedisPayHistory`` shared."""

    def update(self, at_us: int, src: str | None, dst: str | None, cents: int = 0,
               txn_id: str | None = None) -> None: ...

    def update_many(self, transfers: Iterable[Transfer]) -> None: ...

    def windows(self, account: str, at_us: int) -> dict[str, float]: ...

    def new_payee(self, src: str | None, dst: str | None) -> bool | None: ...

    def first_paid_us(self, src: str, dst: str) -> int | None: ...

    def sent_before(self, account: str, at_us: int) -> int: ...

    def new_payers(self, account: str, since_us: int, until_us: int) -> int: ...

    def first_seen_age_h(self, account: str, at_us: int) -> float | None: ...

    def side(self, account: str, at_us: int) -> tuple[Any, ...]: ...


def transfer_context(row: Mapping[str, Any], history: History,
                     profiles: Mapping[str, Profile], listed: Mapping[str, float],
                     utc_offset_hours: float) -> dict[str, Any]:
    """Field → value for the transfer ``row`` (canonical columns), before the transfer is applied."""
    at: datetime = row["ts"]
    at_us, src, dst = microseconds(at), row.get("src_account"), row.get("dst_account")
    local_s = at_us // 1_000_000 + round(utc_offset_hours * 3600)
    # one dict made from one tuple of the values in ``_FIELDS`` order: each side straight under its names
    # (``payer.transfers_1h``), in ``_SIDE`` order
    return dict(zip(_FIELDS, (float(row["amount"]), row.get("currency"), row.get("channel"),
                              float((local_s % 86400) // 3600), history.new_payee(src, dst),
                              *_side(src, at, at_us, history, profiles, listed),
                              *_side(dst, at, at_us, history, profiles, listed)), strict=True))


def _side(account: str | None, at: datetime, at_us: int, history: History, profiles: Mapping[str, Profile],
          listed: Mapping[str, float]) -> tuple[Any, ...]:
    """One side's values in ``_SIDE`` order (all None without an account)."""
    if not account:
        return _NO_SIDE
    score, profile = listed.get(f"account:{account}"), profiles.get(account)
    return (*(_NOT_ON_FILE if profile is None else _reference(profile, at)), *history.side(account, at_us),
            score is not None, score)


#: A side's fields: its reference facts, its pay history's (``HISTORY_FIELDS``), the watchlist's.
_SIDE = ("account_age_d", "holder_type", "holder_age_y", *HISTORY_FIELDS, "on_watchlist", "mule_score")
#: ... under their names in the context (``payer.transfers_1h``), made once.
_PAYER = tuple(f"payer.{name}" for name in _SIDE)
_PAYEE = tuple(f"payee.{name}" for name in _SIDE)
#: A transfer's context fields, in the order ``transfer_context`` gives their values.
_FIELDS = ("amount", "currency", "channel", "local_hour", "new_payee", *_PAYER, *_PAYEE)
_NO_SIDE: tuple[Any, ...] = (None,) * len(_SIDE)


_NOT_ON_FILE = (None, None, None)


def _reference(profile: Profile, at: datetime) -> tuple[float | None, str | None, float | None]:
    """The account's age in days, its holder's type and the holder's age in years."""
    opened = profile.opened_at if profile.opened_at.tzinfo else profile.opened_at.replace(tzinfo=at.tzinfo)
    person = profile.holder_type == "person" and profile.birth_year is not None
    return ((at - opened).total_seconds() / 86400, profile.holder_type,
            float(at.year - profile.birth_year) if person and profile.birth_year else None)
