"""An entity's timeline: the newest calls, messages, transfers and logins that name it.

DuckDB keeps no index a lookup of one number's calls could use, so read from the event tables a timeline
scans them whole: seconds on a store of a million people. ``scamnet run`` therefore also writes
``entity_events``: one row per event and entity it names (a call gives its caller, callee, IMEI and IMSI a row
each), with what the timeline shows, in one run per column sorted by a 64-bit key of the entity. DuckDB keeps
each row group's smallest and largest key, so a lookup reads the row group of each run that holds the entity.

``timeline_sources`` records, per event table, the rows the run indexed, the newest time among them, and how many
came in the last day before it (``LATE``). While the table holds the same rows up to that day, a timeline is
read from the index; when rows came (or went) within that day or after it (events ingested since the run, in
time order or up to a day late), the index answers up to that day and the table after it (the tables are kept
in time order, so that reads only the row groups of that day and later). Otherwise (events more than a day
late, rows quarantined since the run, or no run yet) the timeline is read from the event tables themselves:
slower on a big store, never out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from scamnet.store.db import Store

#: One source of timeline rows: (table, time column, id column, columns naming the entity, what the row says).
Source = tuple[str, str, str, tuple[str, ...], str]

#: Per entity kind, the tables and columns that name it.
EVENTS: dict[str, list[Source]] = {
    "phone": [("calls", "started_at", "call_id", ("caller", "callee"),
               "caller || ' → ' || callee || ' · ' || duration_s || ' s' || CASE WHEN answered THEN '' ELSE ' (missed)' END"),
              ("messages", "sent_at", "msg_id", ("sender", "recipient"), "sender || ' → ' || recipient || ': ' || text")],
    "imei": [("calls", "started_at", "call_id", ("caller_imei",), "caller || ' → ' || callee || ' · ' || duration_s || ' s'"),
             ("messages", "sent_at", "msg_id", ("sender_imei",), "sender || ' → ' || recipient || ': ' || text")],
    "imsi": [("calls", "started_at", "call_id", ("caller_imsi",), "caller || ' → ' || callee || ' · ' || duration_s || ' s'"),
             ("messages", "sent_at", "msg_id", ("sender_imsi",), "sender || ' → ' || recipient || ': ' || text")],
    "account": [("transfers", "ts", "txn_id", ("src_account", "dst_account"),
                 "coalesce(src_account, 'cash') || ' → ' || coalesce(dst_account, channel) || ' · ' || amount || ' ' || currency"),
                ("sessions", "ts", "device_id", ("account_id",), "'login from ' || coalesce(device_id, '?') || ' at ' || coalesce(ip, '?')")],
    "device": [("sessions", "ts", "device_id", ("device_id",), "'login to ' || account_id || ' at ' || coalesce(ip, '?')")],
    "ip": [("sessions", "ts", "device_id", ("ip",), "'login to ' || account_id || ' from ' || coalesce(device_id, '?')")],
    "msg": [("messages", "sent_at", "msg_id", ("msg_id",), "sender || ' → ' || recipient || ': ' || text")],
}
#: The parties of each event, as entities: (table, column, entity kind).
PARTIES = {"calls": (("caller", "phone"), ("callee", "phone"), ("caller_imei", "imei")),
           "messages": (("sender", "phone"), ("recipient", "phone"), ("sender_imei", "imei")),
           "transfers": (("src_account", "account"), ("dst_account", "account")),
           "sessions": (("account_id", "account"), ("device_id", "device"), ("ip", "ip"))}
TIME_COLUMN = {"calls": "started_at", "messages": "sent_at", "transfers": "ts", "sessions": "ts"}
KIND_OF = {"calls": "call", "messages": "message", "transfers": "transfer", "sessions": "login"}

#: The key an entity's rows are sorted and found by: DuckDB's own hash, fast (md5 costs 17 times more); a DuckDB
#: that hashes otherwise finds a different hash of ``PROBE`` than the run stored, and reads the event tables.
#: The key's top byte is the entity's kind, so that a lookup passes over the runs of other kinds' columns.
KEY = "(hash({}) >> 8) | ({}::UBIGINT << 56)"
PROBE = "scamnet entity timeline"
KIND_CODE = {"phone": 1, "imei": 2, "imsi": 3, "account": 4, "device": 5, "ip": 6, "msg": 7}


@dataclass(frozen=True)
class Event:
    """One call, message, transfer or login of an entity's timeline."""

    kind: str
    ts: datetime
    event_id: str
    says: str
    parties: tuple[str, ...]
    amount: Decimal | None = None


def newest_first(events: list[Event], limit: int) -> list[Event]:
    """The newest ``limit`` of ``events`` (ties by kind and id, so both reads give one order)."""
    return sorted(events, key=lambda e: (e.ts, e.kind, e.event_id), reverse=True)[:limit]


# -- read from the event tables ------------------------------------------------------------------------------


def table_events(store: Store, entity: str, limit: int, source: Source, since: datetime | None = None, *,
                 after: bool = False) -> list[Event]:
    """The newest ``limit`` events of one table naming ``entity`` (at or after ``since``; strictly after it with
    ``after``), one bounded scan per column (a filter on one column scans about twice as fast as an OR of two)."""
    table, ts, id_col, columns, says = source
    value = entity.partition(":")[2]
    parties = PARTIES[table]
    amount = "amount" if table == "transfers" else "NULL"
    select = f"SELECT {ts}, {id_col}, {says}, {amount}, {', '.join(c for c, _ in parties)} FROM {table}"
    window = "" if since is None else f" AND {ts} {'>' if after else '>='} ?"
    sql = " UNION ALL ".join(f"({select} WHERE {c} = ?{window} ORDER BY {ts} DESC LIMIT ?)" for c in columns)
    params = [p for _ in columns for p in (value, *([since] if since is not None else []), limit)]
    return [_event(table, row) for row in dict.fromkeys(store.con.execute(sql, params).fetchall())]  # a call to oneself: once


def _event(table: str, row: tuple) -> Event:
    when, event_id, text, money, *ends = row
    named = tuple(f"{k}:{v}" for (_, k), v in zip(PARTIES[table], ends, strict=True) if v is not None)
    return Event(KIND_OF[table], when, event_id, text or "", named, money)


# -- the index -----------------------------------------------------------------------------------------------


#: What an index row keeps besides its entity, time and source, per source table: the parties as p1..p3, and the
#: columns the timeline's text is made of under their own names (message texts are kept once per entity named).
KEPT = ("event_id", "p1", "p2", "p3", "duration_s", "answered", "text", "amount", "currency", "channel")
_KEPT_OF = {"calls": {"event_id": "call_id", "duration_s": "duration_s", "answered": "answered"},
            "messages": {"event_id": "msg_id", "text": "text"},
            "transfers": {"event_id": "txn_id", "amount": "amount", "currency": "currency", "channel": "channel"},
            "sessions": {"event_id": "device_id"}}


def rebuild_index(store: Store, built_at: datetime) -> dict[str, int]:
    """Replace ``entity_events`` and ``timeline_sources`` with the store's events as they stand (inside the
    caller's transaction: ``scamnet run``'s). Returns the rows indexed per event table and in all."""
    store.con.execute("DELETE FROM entity_events")
    for table, columns in _named_by().items():
        kept = {**{f"p{i}": c for i, (c, _) in enumerate(PARTIES[table], start=1)}, **_KEPT_OF[table]}
        values = ", ".join(f"{kept.get(name, 'NULL')} AS {name}" for name in KEPT)
        for n, (column, kind) in enumerate(columns):
            entity = f"'{kind}:' || {column}"
            # a call to oneself names its number once
            once = "".join(f" AND {column} IS DISTINCT FROM {c}" for c, k in columns[:n] if k == kind)
            # one sorted run per column: a key's rows lie in one row group of each run (a sort of every run at once
            # costs far more memory and time on a big store, for a lookup that reads a few row groups fewer)
            store.con.execute(f"INSERT INTO entity_events BY NAME SELECT {KEY.format(entity, KIND_CODE[kind])} AS key, {entity} AS entity, "
                              f"{TIME_COLUMN[table]} AS ts, '{table}' AS source, {values} FROM {table} "
                              f"WHERE {column} IS NOT NULL{once} ORDER BY key")
    counts = record_sources(store, built_at)
    counts["entity_rows"] = int(store.con.execute("SELECT count(*) FROM entity_events").fetchall()[0][0])
    return counts


#: How late an event may arrive and still be read with the index: the index answers for the times up to this
#: long before the newest event it holds, the event tables for the times after.
LATE = timedelta(days=1)


def record_sources(store: Store, built_at: datetime) -> dict[str, int]:
    """Replace ``timeline_sources``: per event table its rows, its newest time, the time from which a timeline
    reads the table itself (``LATE`` before the newest) and the rows after that time."""
    store.con.execute("DELETE FROM timeline_sources")
    counts = {}
    for table, ts in TIME_COLUMN.items():
        rows, newest = store.con.execute(f"SELECT count(*), max({ts}) FROM {table}").fetchall()[0]
        since = None if newest is None else newest - LATE
        recent = rows if since is None else store.con.execute(
            f"SELECT count(*) FROM {table} WHERE {ts} > ?", [since]).fetchall()[0][0]
        store.con.execute(f"INSERT INTO timeline_sources VALUES (?, ?, ?, ?, {KEY.format('?', 0)}, ?, ?)",
                          [table, rows, newest, built_at, PROBE, since, recent])
        counts[table] = int(rows)
    return counts


def _named_by() -> dict[str, list[tuple[str, str]]]:
    """Per event table, the columns naming an entity and the entity's kind."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kind, sources in EVENTS.items():
        for table, _, _, columns, _ in sources:
            found.setdefault(table, []).extend((c, kind) for c in columns)
    return found


@dataclass(frozen=True)
class Coverage:
    """What the index holds of one event table, and whether it still covers it."""

    table: str
    since: datetime | None  # the index answers for times up to this; the table for the times after
    changed: bool  # rows came (or went) after ``since`` since the run: read those from the table
    current: bool  # the table holds, up to ``since``, the rows the run indexed


def coverage(store: Store, tables: list[str]) -> dict[str, Coverage] | None:
    """Per event table, what the index covers of it; ``None`` when no run has built the index (or it was built with
    a DuckDB that hashed otherwise)."""
    built = {t: (int(n), since, int(recent)) for t, n, since, recent in store.con.execute(
        f"SELECT source, rows, since, recent FROM timeline_sources WHERE probe = {KEY.format('?', 0)}", [PROBE]).fetchall()}
    if not built:
        return None  # no run built it, or with a DuckDB that hashes otherwise
    found = {}
    for table in tables:
        rows, since, recent = built.get(table, (0, None, 0))
        total = store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        # a plain comparison with a value: DuckDB reads only the row groups holding later times
        now_recent = total if since is None else store.con.execute(
            f"SELECT count(*) FROM {table} WHERE {TIME_COLUMN[table]} > ?", [since]).fetchall()[0][0]
        found[table] = Coverage(table, since, int(now_recent) != recent, int(total) - int(now_recent) == rows - recent)
    return found


def indexed_events(store: Store, entity: str, limit: int) -> list[Event] | None:
    """The newest ``limit`` events naming ``entity``, from the index and, where events came since the run (up to
    ``LATE`` before the newest indexed), from the event table; ``None`` when the index does not cover the event
    tables as they stand (read them instead)."""
    sources = EVENTS.get(entity.partition(":")[0], [])
    if not sources:
        return []  # a person, a domain: no event names it in a column
    covered = coverage(store, sorted({s[0] for s in sources}))
    if covered is None or not all(c.current for c in covered.values()):
        return None
    # the key as a value, not an expression: DuckDB then skips the row groups whose keys cannot hold it
    key = store.con.execute(f"SELECT {KEY.format('?', '?')}", [entity, KIND_CODE[entity.partition(':')[0]]]).fetchall()[0][0]
    found = []
    for source in sources:
        seen = covered[source[0]]
        found += _indexed(store, key, entity, limit, source, seen.since if seen.changed else None)
        if seen.changed:
            found += table_events(store, entity, limit, source, seen.since, after=True)
    return newest_first(found, limit)


def _indexed(store: Store, key: int, entity: str, limit: int, source: Source, until: datetime | None) -> list[Event]:
    """The newest ``limit`` index rows of ``entity`` from one event table (up to ``until``), its text made as the
    table's own."""
    table, _, _, _, says = source
    named = ", ".join(f"p{i} AS {c}" for i, (c, _) in enumerate(PARTIES[table], start=1))
    parties = ", ".join(f"p{i}" for i in range(1, len(PARTIES[table]) + 1))
    rows = store.con.execute(
        f"SELECT ts, event_id, {says}, amount, {parties} FROM (SELECT *, {named} FROM entity_events "
        f"WHERE key = ? AND entity = ? AND source = ?{'' if until is None else ' AND ts <= ?'}) ORDER BY ts DESC LIMIT ?",
        [key, entity, table, *([until] if until is not None else []), limit]).fetchall()
    return [_event(table, row) for row in rows]
