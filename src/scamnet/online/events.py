"""Canonical events as the live state sees them: a time and the entities they touch.

A transfer touches its paying account (``transfer_out``, counterpart the payee), its receiving
account (``transfer_in``, counterpart the payer) and the device and IP that sent it (whose
counterpart is the paying account: many accounts paying from one phone is a mule sign). A call
touches caller and callee, and the calling IMEI and IMSI, each the other's counterpart, so an
IMEI's distinct counterparts are the SIMs that went through it. A session touches the account
(counterpart the device) and the device and IP (counterpart the account).

>>> event = event_from_row("transfers", {"ts": datetime(2026, 3, 1, tzinfo=UTC), "src_account": "A1",
...     "dst_account": "B2", "amount": Decimal("120.50"), "src_device": None, "src_ip": None})
>>> [(t.entity, t.stream, t.counterpart, t.cents) for t in event.touches]
[('account:A1', 'transfer_out', 'account:B2', 12050), ('account:B2', 'transfer_in', 'account:A1', 12050)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

#: The streams an entity kind can have, so features() names the same keys for every entity of a kind.
STREAMS: Mapping[str, tuple[str, ...]] = {
    "account": ("transfer_in", "transfer_out", "session"),
    "phone": ("call_in", "call_out", "message_in", "message_out"),
    "imei": ("call_out", "message_out"),
    "imsi": ("call_out", "message_out"),
    "device": ("transfer_out", "session"),
    "ip": ("transfer_out", "session"),
    "handle": ("message_out",),
}
#: Streams that move money, so their windows also sum amounts.
MONEY_STREAMS = frozenset({"transfer_in", "transfer_out"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Touch(NamedTuple):
    """One entity an event touches: which of its streams, the counterpart, the money moved in cents."""

    entity: str
    stream: str
    counterpart: str | None
    cents: int


class Event(NamedTuple):
    """An event's time (microseconds since 1970, UTC) and what it touches."""

    at_us: int
    touches: tuple[Touch, ...]


#: ``Touch(...)`` and ``Event(...)`` without the named tuple's Python constructor (a few are made per live event:
#: ``_new(Touch, (entity, stream, counterpart, cents))`` is the same tuple in half the time).
_new = tuple.__new__


def transfer_touches(src: str | None, dst: str | None, cents: int, device: str | None, ip: str | None) -> tuple[Touch, ...]:
    payer = f"account:{src}" if src else None
    payee = f"account:{dst}" if dst else None
    touches = [_new(Touch, (payer, "transfer_out", payee, cents))] if payer else []
    if payee:
        touches.append(_new(Touch, (payee, "transfer_in", payer, cents)))
    if device:
        touches.append(_new(Touch, (f"device:{device}", "transfer_out", payer, cents)))
    if ip:
        touches.append(_new(Touch, (f"ip:{ip}", "transfer_out", payer, cents)))
    return tuple(touches)


def call_touches(caller: str, callee: str, imsi: str | None, imei: str | None) -> tuple[Touch, ...]:
    return _phone_touches("call", f"phone:{caller}", f"phone:{callee}", imsi, imei)


def message_touches(sender: str, recipient: str, imsi: str | None, imei: str | None) -> tuple[Touch, ...]:
    # a short code or sender name ("10690088", "Alipay") is no phone number
    source = f"phone:{sender}" if sender.startswith("+") else f"handle:sms:{sender}"
    return _phone_touches("message", source, f"phone:{recipient}", imsi, imei)


def _phone_touches(kind: str, source: str, target: str, imsi: str | None, imei: str | None) -> tuple[Touch, ...]:
    out, into = f"{kind}_out", f"{kind}_in"
    sim, handset = (f"imsi:{imsi}" if imsi else None), (f"imei:{imei}" if imei else None)
    touches = [_new(Touch, (source, out, target, 0)), _new(Touch, (target, into, source, 0))]
    if handset:
        touches.append(_new(Touch, (handset, out, sim, 0)))
    if sim:
        touches.append(_new(Touch, (sim, out, handset, 0)))
    return tuple(touches)


def session_touches(account: str, device: str, ip: str | None) -> tuple[Touch, ...]:
    payer, handset = f"account:{account}", f"device:{device}"
    touches = [Touch(payer, "session", handset, 0), Touch(handset, "session", payer, 0)]
    if ip:
        touches.append(Touch(f"ip:{ip}", "session", payer, 0))
    return tuple(touches)


def visit_touches(msisdn: str | None) -> tuple[Touch, ...]:
    """A web visit (``link_visits``) touches no window: it leaves its sign on the visitor (``victim_watch``)."""
    return ()


_Maker = Callable[..., tuple[Touch, ...]]
#: Per event table: its time column, the columns its touches read (in order), and the maker.
TABLES: Mapping[str, tuple[str, tuple[str, ...], _Maker]] = {
    "transfers": ("ts", ("src_account", "dst_account", "amount", "src_device", "src_ip"), transfer_touches),
    "calls": ("started_at", ("caller", "callee", "caller_imsi", "caller_imei"), call_touches),
    "messages": ("sent_at", ("sender", "recipient", "sender_imsi", "sender_imei"), message_touches),
    "sessions": ("ts", ("account_id", "device_id", "ip"), session_touches),
    "link_visits": ("ts", ("msisdn",), visit_touches),
}


def event_from_row(table: str, row: Mapping[str, Any]) -> Event:
    """The event a row of an event table (``transfers``, ``calls``, ``messages``, ``sessions``) is."""
    time_column, columns, make = TABLES[table]
    if table == "transfers":
        src, dst, _, device, ip = map(row.get, columns)
        return _new(Event, (microseconds(row[time_column]), transfer_touches(src, dst, cents(row["amount"]), device, ip)))
    return _new(Event, (microseconds(row[time_column]), make(*map(row.get, columns))))


#: The last time converted and its microseconds, one tuple (read and replaced whole, so threads may share it): a
#: decision converts its event's time several times (live state, context, victim watch), the same object each time.
_LAST: tuple[datetime | None, int] = (None, 0)


def microseconds(at: datetime) -> int:
    """Event time as whole microseconds since 1970 (UTC); a naive time is read as UTC."""
    global _LAST
    last = _LAST
    if last[0] is at:  # the very object converted last (held here, so its id is not reused): the same answer
        return last[1]
    since = at - _EPOCH if at.tzinfo else at.replace(tzinfo=UTC) - _EPOCH
    found = (since.days * 86400 + since.seconds) * 1_000_000 + since.microseconds  # a third faster than ``// 1 µs``
    _LAST = (at, found)
    return found


#: The last amount converted and its cents, as ``_LAST`` for times: a transfer's amount is converted for the live
#: state and again for the pay history.
_LAST_CENTS: tuple[Decimal | float | int | None, int] = (None, 0)


def cents(amount: Decimal | float | int | None) -> int:
    """An amount in whole cents (a Decimal's half cent to even); none, 0."""
    global _LAST_CENTS
    last = _LAST_CENTS
    if last[0] is amount:  # the very object converted last (held here): the same answer
        return last[1]
    if amount is None:
        return 0
    found = int(amount.scaleb(2).to_integral_value()) if isinstance(amount, Decimal) else round(float(amount) * 100)
    _LAST_CENTS = (amount, found)
    return found



def events_from_tables(tables: Mapping[str, pa.Table]) -> Iterator[Event]:
    """The events of Arrow event tables, merged in time order (ties: table order, then row order)."""
    names = [name for name in TABLES if name in tables and tables[name].num_rows]
    columns = [_touch_columns(name, tables[name]) for name in names]
    times = [_times_us(tables[name].column(TABLES[name][0])) for name in names]
    if not names:
        return
    which = np.concatenate([np.full(len(t), i, np.int64) for i, t in enumerate(times)])
    rows = np.concatenate([np.arange(len(t)) for t in times])
    at = np.concatenate(times)
    for i in np.lexsort((rows, which, at)).tolist():
        table, row = int(which[i]), int(rows[i])
        yield Event(int(at[i]), TABLES[names[table]][2](*(column[row] for column in columns[table])))


def newest_us(tables: Mapping[str, pa.Table]) -> int | None:
    """The time of the newest event of the event tables (microseconds), or None without events."""
    found = [int(_times_us(rows.column(TABLES[name][0])).max()) for name, rows in tables.items()
             if name in TABLES and rows.num_rows]
    return max(found) if found else None


def split_at(tables: Mapping[str, pa.Table], cut_us: int) -> tuple[dict[str, pa.Table], dict[str, pa.Table]]:
    """The event tables' rows before ``cut_us`` and those from it on (each table's rows in their order)."""
    before, since = {}, {}
    for name, rows in tables.items():
        if name not in TABLES:
            continue
        older = pa.array(_times_us(rows.column(TABLES[name][0])) < cut_us)
        before[name], since[name] = rows.filter(older), rows.filter(pc.invert(older))
    return before, since


def seen_between(tables: Mapping[str, pa.Table]) -> list[tuple[str, int, int]]:
    """``(entity, first, last)`` event time of every entity the events touch, oldest first; columnar, for many events.

    The entities are those of the touches (``transfer_touches``, ...), named the same way
    (``tests/online/test_live.py`` holds the two to each other).
    """
    parts = []
    for name, rows in tables.items():
        if name not in TABLES or not rows.num_rows:
            continue
        times = pa.array(_times_us(rows.column(TABLES[name][0])))
        for entity in _entity_columns(name, rows):
            parts.append(pa.table({"entity": entity, "t": times}).filter(entity.is_valid()))
    if not parts:
        return []
    seen = pa.concat_tables(parts).group_by("entity").aggregate([("t", "min"), ("t", "max")]).sort_by("t_min")
    return list(zip(seen["entity"].to_pylist(), seen["t_min"].to_pylist(), seen["t_max"].to_pylist(), strict=True))


def _entity_columns(name: str, rows: pa.Table) -> list[pa.Array]:
    def named(prefix: str, column: str) -> pa.Array:
        values = rows.column(column).combine_chunks().cast(pa.string())
        return pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()),
                          pc.binary_join_element_wise(pa.scalar(prefix), values, ""))

    if name == "transfers":
        return [named("account:", "src_account"), named("account:", "dst_account"), named("device:", "src_device"),
                named("ip:", "src_ip")]
    if name == "sessions":
        return [named("account:", "account_id"), named("device:", "device_id"), named("ip:", "ip")]
    first, second = ("caller", "callee") if name == "calls" else ("sender", "recipient")
    prefix = "caller" if name == "calls" else "sender"
    source = named("phone:", first)
    if name == "messages":  # a short code or sender name is no phone number (``message_touches``)
        sender = rows.column(first).combine_chunks().cast(pa.string())
        source = pc.if_else(pc.starts_with(sender, "+"), source, named("handle:sms:", first))
    return [source, named("phone:", second), named("imei:", f"{prefix}_imei"), named("imsi:", f"{prefix}_imsi")]


def _touch_columns(name: str, rows: pa.Table) -> list[list[Any]]:
    return [_cents_column(rows.column(c)) if c == "amount" else rows.column(c).to_pylist() for c in TABLES[name][1]]


def _cents_column(amount: pa.ChunkedArray) -> list[int]:
    cents = pc.multiply(amount.cast(pa.decimal128(18, 2)), pa.scalar(Decimal(100), pa.decimal128(3, 0)))
    return pc.fill_null(cents.cast(pa.int64()), 0).to_pylist()


def _times_us(column: pa.ChunkedArray) -> np.ndarray:
    return column.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()).to_numpy()


#: Event kind as posted → its canonical table.
KINDS = {"transfer": "transfers", "call": "calls", "message": "messages", "session": "sessions",
         "link_visit": "link_visits"}


def rows_in_time_order(tables: Mapping[str, pa.Table]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(kind, row)`` of every event of the event tables, by time (ties: table order, then row order)."""
    kind_of = {table: kind for kind, table in KINDS.items()}
    keyed = []
    for order, (table, (time_column, _, _)) in enumerate(TABLES.items()):
        if table in tables:
            keyed += [(microseconds(r[time_column]), order, n, kind_of[table], r)
                      for n, r in enumerate(tables[table].to_pylist())]
    for *_, kind, row in sorted(keyed, key=lambda k: k[:3]):
        yield kind, row
