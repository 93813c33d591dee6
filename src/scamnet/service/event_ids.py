"""Event ids the service accepted: a retried event is not counted twice, a reused id with other content is refused.

A client that did not hear the answer sends the same event again: the service judges it on the
current state and answers, but neither applies it to the live state again nor journals it twice.
The same id with different content is a 409 for its request (all or nothing, as a bad event), so
the journal never holds two versions of one event, which ingest would refuse to fold into the store.
The service remembers the ids it accepted since it started, the newest ``bound`` of them (a retry
comes within seconds or minutes); an id older than that, or accepted before the start, is checked
by ingest when the journal is folded.

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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scamnet.core.errors import ConflictError, ScamnetError

#: The id field of each kind of event (a session has none: a login is its account and time).
ID_FIELDS = {"transfer": "txn_id", "call": "call_id", "message": "msg_id", "link_visit": "visit_id"}
BOUND = 500_000

Event = tuple[str, dict[str, Any]]


class AcceptedIds:
    """``(kind, id)`` → a digest of the event's content, for the newest ``bound`` events accepted."""

    def __init__(self, bound: int = BOUND) -> None:
        self.bound = bound
        self._seen: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._screened: dict[tuple[str, str], int] = {}  # the last screen's digests, for ``remember``

    def screen(self, checked: Sequence[Sequence[Event] | ScamnetError],
               contents: Sequence[Sequence[bytes] | None] | None = None
               ) -> tuple[list[Sequence[Event] | ScamnetError], list[list[bool]]]:
        """Each request's events, or its error (a ``ConflictError`` when an event reuses an accepted id with other
        content); and for each request kept, per event, whether it repeats one already accepted (a retry).
        ``contents``: per request, each event's content as bytes (its journal line), digested instead of its values."""
        out: list[Sequence[Event] | ScamnetError] = []
        repeats: list[list[bool]] = []
        group: dict[tuple[str, str], int] = {}
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
            digest = _digest(row) if contents is None else hash(contents[number])
            held = mine.get(key, group.get(key, self._seen.get(key)))
            if held is not None and held != digest:
                clashes.append(f"event {number}: {ID_FIELDS[kind]} {key[1]!r}")
            marks.append(held == digest)
            mine[key] = digest
        return marks, mine, clashes

    def remember(self, events: Iterable[Event]) -> None:
        """Keep the ids of events just accepted (journaled)."""
        screened, self._screened = self._screened, {}
        for kind, row in events:
            key = _key(kind, row)
            if key is not None:
                digest = screened.get(key)
                self._seen[key] = _digest(row) if digest is None else digest
                self._seen.move_to_end(key)
        while len(self._seen) > self.bound:
            self._seen.popitem(last=False)


    def forget(self, events: Iterable[Event]) -> None:
        """Drop the ids of events remembered but not kept after all (their journal flush failed)."""
        for kind, row in events:
            key = _key(kind, row)
            if key is not None:
                self._seen.pop(key, None)


def _key(kind: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    field = ID_FIELDS.get(kind)
    value = row.get(field) if field else None
    return (kind, str(value)) if value is not None else None


def _digest(row: Mapping[str, Any]) -> int:
    """A digest of the event's content, in this process: its values in its table's column order (the order every
    validated row of a table has, whichever road validated it), the columns themselves named by the event's kind."""
    try:
        return hash(tuple(row.values()))  # canonical values (text, time, amount, number) hash in C
    except TypeError:  # a value that does not hash (a list)
        return hash(tuple(str(v) for v in row.values()))
