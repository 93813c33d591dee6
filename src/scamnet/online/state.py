"""The live state: per entity, what its streams did in each sliding window, updated event by event.

For every entity and stream (see ``events.STREAMS``) and every window: the events counted, the
money summed (money streams only) and the distinct counterparts; per entity its first and last
event time. Time is the events' own time, never the wall clock, so replaying history gives the
answers it gave live.

Updates only add to buckets and raise or lower first/last times, so they commute: events that
arrive out of order, or split between instances, leave the same state as the stream in order.
The window at ``at`` holds what happened from its start (``at`` less the window, to the bucket)
on: for the live question, asked at the newest event's time, that is the last hour, day or week;
an event that arrives late is judged with what is known by then, later events included.
Distinct counterparts are exact: each counterpart keeps the latest time it was seen, counted
when that time is in the window (the same edge as the counts). What lies before every window
of an event that is at most one shortest window late is pruned as the entity is updated, so
events up to that late (1 h by default) get exact answers; a later one still counts in the
windows it falls in, but may be judged without some of the history before it. An entity's touches are
counted into its buckets when it is read, or once ``FOLD_AT`` of them wait, in the order they came: the
same figures as counting each at once, for a list append per touch on the many entities never read.

>>> state = MemoryState(parse_windows("1h,24h"))
>>> state.update(event_from_row("calls", {"started_at": datetime(2026, 3, 1, 9, tzinfo=UTC),
...     "caller": "+8613800000001", "callee": "+8613800000002", "caller_imsi": None, "caller_imei": None}))
>>> figures = state.features("phone:+8613800000001", datetime(2026, 3, 1, 9, 30, tzinfo=UTC))
>>> figures["call_out_count_1h"], figures["call_out_distinct_1h"], figures["call_in_count_1h"]
(1, 1, 0)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from scamnet.online.events import MONEY_STREAMS, STREAMS, Event, Touch, event_from_row, microseconds
from scamnet.online.windows import BUCKETS, Window, parse_windows

__all__ = ["LiveState", "MemoryState", "event_from_row", "parse_windows"]
#: A window's buckets are pruned once it holds this many (half as many again as it needs): stale buckets
#: count in no window, and pruning one at each new bucket cost a fifth of an update.
PRUNE_AT = BUCKETS + BUCKETS // 2
#: An entity's touches wait in a list until it is read or holds this many: most entities are touched a few times
#: and never read live (their windows serve the entity view), so most touches cost one append.
FOLD_AT = 32
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class LiveState(Protocol):
    """What the decision service needs of its state, in-process or shared."""

    windows: tuple[Window, ...]

    def update(self, event: Event) -> None: ...

    def update_many(self, events: Iterable[Event]) -> int: ...

    def features(self, entity: str, at: datetime) -> dict[str, Any]: ...

    def close(self) -> None: ...


class FeatureNames:
    """The names of each stream's window figures (``call_out_count_1h``), made once per state."""

    def __init__(self, windows: tuple[Window, ...]) -> None:
        streams = {stream for kind in STREAMS.values() for stream in kind}
        self._of = {stream: tuple(_names(stream, w) for w in windows) for stream in streams}
        self._zeros = {stream: _zeros(names) for stream, names in self._of.items()}

    def of(self, stream: str) -> tuple[tuple[str, str, str | None], ...]:
        """Per window: the count's, the distinct counterparts' and the amount's name (``None``: no money)."""
        return self._of[stream]

    def stream_zeros(self, stream: str) -> dict[str, Any]:
        return self._zeros[stream]

    def zeros(self, entity: str) -> dict[str, Any]:
        return {name: zero for stream in entity_streams(entity) for name, zero in self._zeros[stream].items()}


def _names(stream: str, window: Window) -> tuple[str, str, str | None]:
    amount = f"{stream}_amount_{window.name}" if stream in MONEY_STREAMS else None
    return f"{stream}_count_{window.name}", f"{stream}_distinct_{window.name}", amount


def _zeros(names: tuple[tuple[str, str, str | None], ...]) -> dict[str, Any]:
    zeros: dict[str, Any] = {}
    for count, distinct, amount in names:
        zeros.update({count: 0, distinct: 0} | ({amount: 0.0} if amount else {}))
    return zeros


def entity_streams(entity: str) -> tuple[str, ...]:
    return STREAMS.get(entity.partition(":")[0], ())


def time_of(at_us: int | None) -> datetime | None:
    return None if at_us is None else _EPOCH + timedelta(microseconds=at_us)


class _Stream:
    """One entity's stream: per window bucket -> count and bucket -> cents; counterpart -> latest time.

    Buckets enter a window's dict in time order (but for late events), so the stale ones are
    dropped from its front, a few at a time (``PRUNE_AT``); a money dict exists only once money moved.
    """

    __slots__ = ("counts", "cents", "seen", "seen_limit", "finest", "buckets")

    def __init__(self, windows: int) -> None:
        self.counts: list[dict[int, int]] = [{} for _ in range(windows)]
        self.cents: list[dict[int, int]] | None = None
        self.seen: dict[str, int] = {}
        self.seen_limit = 64
        #: the last touch's bucket in the finest window, and its bucket in each window (``MemoryState._fold``)
        self.finest = -1
        self.buckets: list[int] = []


class _Entity:
    """First and last event time, the streams' figures, and the touches not counted into them yet (in arrival order)."""

    __slots__ = ("first", "last", "streams", "pending")

    def __init__(self, at_us: int) -> None:
        self.first = self.last = at_us
        self.streams: dict[str, _Stream] = {}
        self.pending: list[tuple[int, Touch]] = []


class MemoryState:
    """The live state in this process's memory (the default)."""

    def __init__(self, windows: tuple[Window, ...]) -> None:
        self.windows = windows
        self._entities: dict[str, _Entity] = {}
        self._widths = [w.width_us for w in windows]
        #: every window's bucket width a multiple of the first's: a touch in the last touch's finest bucket is then in
        #: its bucket in every window (``_fold`` counts it without working the buckets out again)
        self._nested = all(width % self._widths[0] == 0 for width in self._widths)
        self._longest = windows[-1]
        self._late_us = windows[0].length_us
        self._names = FeatureNames(windows)

    def __len__(self) -> int:
        return len(self._entities)

    def entities(self) -> list[str]:
        """Every entity the state holds, in the order it first saw them."""
        return list(self._entities)

    def update(self, event: Event) -> None:
        at, entities = event.at_us, self._entities
        for touch in event.touches:
            known = entities.get(touch[0])
            if known is None:
                known = entities[touch[0]] = _Entity(at)
            elif at < known.first:
                known.first = at
            elif at > known.last:
                known.last = at
            pending = known.pending
            pending.append((at, touch))
            if len(pending) >= FOLD_AT:
                self._fold(known)

    def _fold(self, known: _Entity) -> None:
        """Count the entity's pending touches into its windows, in the order they arrived (the same figures and the
        same pruning as counting each as it came).

        A busy entity's touches mostly fall in the bucket of the stream's touch before (a gateway calls several times a
        minute): those add one to buckets that exist already, so no bucket is new and nothing is pruned."""
        widths, streams, nested = self._widths, known.streams, self._nested
        finest_width = widths[0]
        for at, (_, stream, counterpart, cents) in known.pending:
            figures = streams.get(stream)
            if figures is None:
                figures = streams[stream] = _Stream(len(widths))
            finest = at // finest_width
            if nested and finest == figures.finest:
                buckets = figures.buckets
                for counts, bucket in zip(figures.counts, buckets):  # noqa: B905 (one per window: same length)
                    counts[bucket] += 1
            else:
                buckets = [at // width for width in widths]
                self._count(figures, buckets, at)
                figures.finest, figures.buckets = finest, buckets
            if cents:
                _add_cents(figures, buckets, cents)
            if counterpart is not None:
                seen = figures.seen
                if seen.get(counterpart, -1) < at:
                    seen[counterpart] = at
                    if len(seen) > figures.seen_limit:
                        self._prune_seen(figures, at)
        known.pending = []

    def _count(self, figures: _Stream, buckets: list[int], at: int) -> None:
        """One touch more in each window's bucket; a new bucket: time moved on, and once a window holds half as many
        again as it needs, it is pruned."""
        for counts, bucket in zip(figures.counts, buckets):  # noqa: B905 (one per window: same length)
            if bucket in counts:
                counts[bucket] += 1
            else:
                counts[bucket] = 1
                if len(counts) > PRUNE_AT:
                    self._prune(figures, counts, at)

    def _prune(self, figures: _Stream, counts: dict[int, int], at: int) -> None:
        i = next(i for i, window in enumerate(figures.counts) if window is counts)
        keep = (at - self._late_us) // self._widths[i] - BUCKETS + 1
        _prune_buckets(counts, figures.cents[i] if figures.cents else {}, keep)

    def horizon_us(self) -> int:
        """How far back from the newest event the windows look, late events included: a restart replays that much."""
        return self._longest.length_us + self._late_us

    def seed_seen(self, seen: Iterable[tuple[str, int, int]]) -> int:
        """Entities known from before the horizon: ``(entity, first, last)`` times, before the replay of the horizon."""
        done = 0
        for entity, first, last in seen:
            known = self._entities.get(entity)
            if known is None:
                known = self._entities[entity] = _Entity(first)
            known.first, known.last = min(known.first, first), max(known.last, last)
            done += 1
        return done

    def update_many(self, events: Iterable[Event]) -> int:
        done = 0
        for event in events:
            self.update(event)
            done += 1
        return done

    def close(self) -> None:
        """Nothing to release: the state lives and dies with the process."""

    def _prune_seen(self, figures: _Stream, at: int) -> None:
        start = self._longest.start_us(at - self._late_us)
        figures.seen = {c: t for c, t in figures.seen.items() if t >= start}
        figures.seen_limit = max(64, 2 * len(figures.seen))

    def features(self, entity: str, at: datetime) -> dict[str, Any]:
        """The entity's window figures at ``at``, and its first and last event time (``None``: never seen)."""
        known = self._entities.get(entity)
        if known is None:
            return {"first_seen": None, "last_seen": None, **self._names.zeros(entity)}
        if known.pending:
            self._fold(known)
        figures: dict[str, Any] = {"first_seen": time_of(known.first), "last_seen": time_of(known.last)}
        spans = _spans(self.windows, microseconds(at))
        for stream in entity_streams(entity):
            kept = known.streams.get(stream)
            if kept is None:
                figures.update(self._names.stream_zeros(stream))
                continue
            money = kept.cents or [{} for _ in spans]
            for names, counts, cents, span in zip(self._names.of(stream), kept.counts, money, spans, strict=True):
                _add_window(figures, names, counts, cents, kept.seen, span)
        return figures


def _spans(windows: tuple[Window, ...], at_us: int) -> list[tuple[int, int]]:
    return [(w.first_bucket(at_us), w.start_us(at_us)) for w in windows]


def _add_window(figures: dict[str, Any], names: tuple[str, str, str | None], counts: dict[int, int],
                cents: dict[int, int], seen: dict[str, int], span: tuple[int, int]) -> None:
    first, start = span
    count, distinct, amount = names
    figures[count] = _sum_since(counts, first)
    # most often every counterpart kept is in the window: min() and len() run in C
    figures[distinct] = len(seen) if not seen or min(seen.values()) >= start else sum(t >= start for t in seen.values())
    if amount is not None:
        figures[amount] = _sum_since(cents, first) / 100


def _sum_since(buckets: dict[int, int], first: int) -> int:
    if not buckets or min(buckets) >= first:
        return sum(buckets.values())
    return sum(n for b, n in buckets.items() if b >= first)


def _add_cents(figures: _Stream, buckets: list[int], cents: int) -> None:
    if figures.cents is None:
        figures.cents = [{} for _ in buckets]
    for money, bucket in zip(figures.cents, buckets, strict=True):
        money[bucket] = money.get(bucket, 0) + cents


def _prune_buckets(counts: dict[int, int], cents: dict[int, int], keep: int) -> None:
    """Drop buckets before ``keep``: from the front (the oldest, in order), or all at once when late ones piled up."""
    if len(counts) > 3 * BUCKETS:
        for bucket in [b for b in counts if b < keep]:
            del counts[bucket]
            cents.pop(bucket, None)
        return
    while (oldest := next(iter(counts))) < keep:
        del counts[oldest]
        cents.pop(oldest, None)

