"""Event ids the service accepted: a retried event is not counted twice, a reused id with other content is refused.

A client that did not hear the answer sends the same event again: the service judges it on the
current state and answers, but neither applies it to the live state again nor journals it twice.
The same id with different content is a 409 for its request (all or nothing, as a bad event), so
the journal never holds two versions of one event, which ingest would refuse to fold into the store.
The service remembers the newest ``bound`` ids it accepted (a retry comes within seconds or minutes),
those accepted before it started too: at start it takes the newest ``bound`` events of the store and of
a journal not yet folded (``seed``), so a client that retries across a restart (the service died before
its answer) is answered once and counted once, and an id reused after a restart is refused before it
reaches the journal, whose fold would refuse it. An id older than that, reused with other content, is
accepted here and set aside when the journal is folded (``journal_clashes``).

>>> from scamnet.core.errors import ConflictError
>>> ids = AcceptedIds()
>>> row = {"txn_id": "t1", "amount": "30000.00"}
>>> ids.screen([[("transfer", row)]])[1], ids.remember([("transfer", row)])
([[False]], None)
>>> ids.screen([[("transfer", dict(row))]])[1]
[[True]]
>>> isinstance(ids.screen([[("transfer", {"txn_id": "t1", "amount": "90000.00"})]])[0][0], ConflictError)
True
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.errors import ConflictError, ScamnetError
from scamnet.online.events import KINDS, TABLES
from scamnet.schema import table
from scamnet.service.journal import journal_lines

#: The id field of each kind of event (a session has none: a login is its account, time and device).
ID_FIELDS = {"transfer": "txn_id", "call": "call_id", "message": "msg_id", "link_visit": "visit_id"}
#: The fields that make each kind of event one event in the store (its table's key): a session's three.
KEY_FIELDS = {**{kind: (field,) for kind, field in ID_FIELDS.items()}, "session": ("account_id", "ts", "device_id")}
BOUND = 500_000

Event = tuple[str, dict[str, Any]]


class AcceptedIds:
    """``(kind, id)`` → a digest of the event's content, for the newest ``bound`` events accepted."""

    #: Whether other instances learn the ids accepted here and this one theirs (``shared_ids.SharedIds``).
    shared = False

    def __init__(self, bound: int = BOUND) -> None:
        self.bound = bound
        self._seen: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._screened: dict[tuple[str, str], int] = {}  # the last screen's digests, for ``remember``
        self._elsewhere: dict[tuple[str, str], int] = {}  # the last screen's digests kept by other instances

    def _digest_of(self, line: bytes) -> int:
        """The digest of an event's journal line: ``hash``, whose values hold in this process only."""
        return hash(line)

    def _held_elsewhere(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Digests of ``keys`` (unknown here) that other instances accepted: none for an instance alone."""
        return {}

    def _shared(self, digests: Mapping[tuple[str, str], int]) -> None:
        """Ids just accepted, for other instances to know: nothing to do for an instance alone."""

    def _unshared(self, keys: list[tuple[str, str]]) -> None:
        """Ids forgotten after all (their flush failed): nothing to do for an instance alone."""

    def screen(self, checked: Sequence[Sequence[Event] | ScamnetError],
               contents: Sequence[Sequence[bytes] | None] | None = None
               ) -> tuple[list[Sequence[Event] | ScamnetError], list[list[bool]]]:
        """Each request's events, or its error (a ``ConflictError`` when an event reuses an accepted id with other
        content); and for each request kept, per event, whether it repeats one already accepted (a retry).
        ``contents``: per request, each event's content as bytes (its journal line), digested instead of its values."""
        out: list[Sequence[Event] | ScamnetError] = []
        repeats: list[list[bool]] = []
        group: dict[tuple[str, str], int] = {}
        if self.shared:
            unknown = [key for rows in checked if not isinstance(rows, ScamnetError) for kind, row in rows
                       if (key := _key(kind, row)) is not None and key not in self._seen]
            self._elsewhere = self._held_elsewhere(unknown) if unknown else {}
        for place, rows in enumerate(checked):
            if isinstance(rows, ScamnetError):
                out.append(rows)
                continue
            marks, mine, clashes = self._marks(rows, group, contents[place] if contents is not None else None)
            if clashes:
                out.append(ConflictError(
                    f"{len(clashes)} event(s) reuse an id already accepted with other content: " + "; ".join(clashes[:5]),
                    hint="give each event its own id; a retry must repeat the event exactly (nothing was decided)"))
                continue
            group.update(mine)
            out.append(rows)
            repeats.append(marks)
        self._screened = group
        return out, repeats

    def _marks(self, rows: Sequence[Event], group: dict[tuple[str, str], int], contents: Sequence[bytes] | None
               ) -> tuple[list[bool], dict[tuple[str, str], int], list[str]]:
        marks: list[bool] = []
        mine: dict[tuple[str, str], int] = {}
        clashes: list[str] = []
        for number, (kind, row) in enumerate(rows):
            key = _key(kind, row)
            if key is None:
                marks.append(False)
                continue
            digest = self._row_digest(kind, row) if contents is None else self._digest_of(contents[number])
            held = mine.get(key, group.get(key, self._seen.get(key, self._elsewhere.get(key))))
            if held is not None and held != digest:
                clashes.append(f"event {number}: {' + '.join(KEY_FIELDS[kind])} {key[1]!r}")
            marks.append(held == digest)
            mine[key] = digest
        return marks, mine, clashes

    def remember(self, events: Iterable[Event]) -> None:
        """Keep the ids of events just accepted (journaled)."""
        screened, self._screened = self._screened, {}
        fresh: dict[tuple[str, str], int] = {}
        for kind, row in events:
            key = _key(kind, row)
            if key is not None:
                digest = screened.get(key)
                fresh[key] = self._hold(key, self._row_digest(kind, row) if digest is None else digest)
        self._trim()
        if fresh:
            self._shared(fresh)

    def seed(self, tables: Sequence[Mapping[str, pa.Table]]) -> int:
        """Remember the newest ``bound`` events of ``tables`` (the store's event tables, then a journal not yet
        folded), digested as the journal line each would have if it came again; how many ids it holds then."""
        held = [(order, kind, _times(rows, kind), rows) for order, part in enumerate(tables)
                for kind, rows in _with_ids(part)]
        if not held:
            return len(self._seen)
        times = pa.chunked_array([t for _, _, t, _ in held])
        cutoff = _kth_newest(times, self.bound)
        newest: list[tuple[int, int, str, dict[str, Any]]] = []
        for order, kind, at, rows in held:
            recent = pc.greater_equal(at, cutoff)
            newest += [(t, order, kind, row) for t, row in
                       zip(at.filter(recent).to_pylist(), rows.filter(recent).to_pylist(), strict=True)]
        newest = sorted(newest, key=lambda n: n[:2])[-self.bound:]
        lines = journal_lines([(KINDS[kind], row) for *_, kind, row in newest])
        for (*_, kind, row), line in zip(newest, lines, strict=True):
            key = _key(kind, row)
            if key is not None:
                self._hold(key, self._digest_of(line))
        self._trim()
        return len(self._seen)

    def _hold(self, key: tuple[str, str], digest: int) -> int:
        """Remember ``key`` as the newest id, with ``digest``; the digest."""
        self._seen[key] = digest
        self._seen.move_to_end(key)
        return digest

    def _trim(self) -> None:
        """Forget the oldest ids beyond ``bound``."""
        while len(self._seen) > self.bound:
            self._seen.popitem(last=False)

    def forget(self, events: Iterable[Event]) -> None:
        """Drop the ids of events remembered but not kept after all (their journal flush failed)."""
        keys = [key for kind, row in events if (key := _key(kind, row)) is not None]
        for key in keys:
            self._seen.pop(key, None)
        if keys:
            self._unshared(keys)

    def _row_digest(self, kind: str, row: Mapping[str, Any]) -> int:
        """The digest of an event that came without its journal line (``screen`` without ``contents``)."""
        return _digest(row)


def _with_ids(tables: Mapping[str, pa.Table]) -> Iterator[tuple[str, pa.Table]]:
    """``(kind, rows)`` of each event table in ``tables`` whose events carry ids, as validated: its table's columns."""
    for kind, fields in KEY_FIELDS.items():
        rows = tables.get(KINDS[kind])
        if rows is not None and rows.num_rows and set(fields) <= set(rows.column_names):
            yield kind, rows.select(table(KINDS[kind]).schema.names)


def _times(rows: pa.Table, kind: str) -> pa.Array:
    """Each event's time in microseconds since the epoch."""
    return pc.cast(rows[TABLES[KINDS[kind]][0]], pa.timestamp("us", "UTC")).cast(pa.int64()).combine_chunks()


def _kth_newest(times: pa.ChunkedArray, k: int) -> int:
    """The time of the ``k``-th newest event (the oldest time there is when there are no more)."""
    values = times.to_numpy()
    return int(values.min() if len(values) <= k else np.partition(values, len(values) - k)[len(values) - k])


def _key(kind: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    field = ID_FIELDS.get(kind)
    if field is not None:
        value = row.get(field)
        return (kind, str(value)) if value is not None else None
    if kind == "session":  # no id of its own: the store's key, its account, time and device (a retry repeats all three)
        at = row.get("ts")
        return (kind, f"{row.get('account_id')}|{at.isoformat() if isinstance(at, datetime) else at}|{row.get('device_id')}")
    return None


def _digest(row: Mapping[str, Any]) -> int:
    """A digest of the event's content, in this process: its values in its table's column order (the order every
    validated row of a table has, whichever road validated it), the columns themselves named by the event's kind."""
    try:
        return hash(tuple(row.values()))  # canonical values (text, time, amount, number) hash in C
    except TypeError:  # a value that does not hash (a list)
        return hash(tuple(str(v) for v in row.values()))
