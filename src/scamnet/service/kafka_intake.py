"""The live path fed from Kafka: events consumed from topics, decided, decisions produced to an output topic.

One poll is one group of messages (at most ``batch`` of them):

1. each message is read as one event in the canonical schema (JSON, the body ``POST /v1/events``
   takes for one event); its kind is its ``kind`` field, else the topic's (``calls`` → ``call``,
   ``messages``, ``transfers``, ``sessions``; a dotted prefix such as ``bank1.transfers`` is allowed);
2. the events are decided together by the ``DecisionService`` (validated as ingest validates, each
   message on its own: one bad message never refuses the others), which journals the events and
   their decisions with one ``fsync``;
3. the decisions go to the decisions topic (the ``decisions`` row as JSON, keyed by event id) and
   each message that could not be decided to the dead-letter topic, with the reason and where it
   came from;
4. once the broker acknowledged all of them (``acks=all``), the group's offsets are committed,
   past its last message in each partition. The acknowledgements are awaited after the next group
   is decided (they come meanwhile), and before its decisions are produced: at most one group is in
   flight, and a rebalance, an idle poll or a stop finishes it first.

A crash anywhere before step 4 makes the broker deliver the group again (at least once). An event
whose id (``call_id``, ``msg_id``, ``txn_id``) was decided before yields no second decision: within
one run nothing is published again; after a restart its kept decision (from the store, where the
journal was folded at start) is published again unchanged — the same ``decision_id``, the same
content — since the crash may have come before it was published. Sessions have no id: a session
delivered again is applied again.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from scamnet.core.errors import ConfigError, InputError, ScamnetError
from scamnet.online.events import KINDS
from scamnet.service.decide import DecisionService
from scamnet.service.decisions import RecentDecisions, decision_json, read_decision_lines
from scamnet.service.event_ids import BOUND, ID_FIELDS
from scamnet.service.event_json import parsed_json
from scamnet.service.journal import DECISIONS
from scamnet.service.memory import SurvivorFreezer
from scamnet.store.decisions import stored_decisions

log = logging.getLogger("scamnet.kafka")
#: Topic name (its last dotted part) → the kind of event it carries.
TOPIC_KINDS = {"calls": "call", "messages": "message", "transfers": "transfer", "sessions": "session"}

Key = tuple[str, str]


@dataclass(frozen=True)
class KafkaConfig:
    """Where to read and write, and how much to take per poll."""

    brokers: str
    topics: tuple[str, ...]
    group: str = "scamnet"
    decisions_topic: str = "scamnet.decisions"
    dead_letter_topic: str = "scamnet.dead-letters"
    batch: int = 2000
    poll_s: float = 0.5
    client: dict[str, str] = field(default_factory=dict)  # extra librdkafka settings (security, timeouts)


@dataclass
class IntakeStats:
    consumed: int = 0
    decided: int = 0
    repeats: int = 0
    dead_letters: int = 0
    groups: int = 0


class _Outgoing(NamedTuple):  # a tuple: made once per decision, a frozen dataclass costs five times as much
    topic: str
    key: str | None
    value: bytes


_new = tuple.__new__  # ``_new(_Outgoing, (topic, key, value))``: the same tuple without the Python constructor


class KafkaIntake:
    """One consumer in the group ``config.group``, deciding with ``service`` (started)."""

    def __init__(self, service: DecisionService, config: KafkaConfig) -> None:
        from confluent_kafka import Consumer, Producer  # the ``kafka`` extra, loaded only for this path

        self.service, self.config, self.stats = service, config, IntakeStats()
        # no analyst routes read this process's newest decisions (they are in the journal, then the store): none kept
        service.recent = RecentDecisions(size=0)
        common = {"bootstrap.servers": config.brokers, **config.client}
        self.consumer = Consumer({**common, "group.id": config.group, "enable.auto.commit": False,
                                  "auto.offset.reset": "earliest", "enable.partition.eof": False})
        # a delivery report only for a refused decision: a success needs no call into Python
        self.producer = Producer({**common, "acks": "all", "linger.ms": 5, "enable.idempotence": True,
                                  "delivery.report.only.error": True, "on_delivery": self._delivered})
        # event key → (decision row as JSON, published by this process) for the newest BOUND decisions
        self.kept: OrderedDict[Key, tuple[bytes, bool]] = OrderedDict()
        self._failed: list[str] = []
        #: the offsets to commit once the group produced last is acknowledged (``finish``): none, no group in flight
        self._in_flight: list[Any] = []
        #: the partitions this consumer holds now (``(topic, partition)``), kept by the rebalance callbacks
        self.assigned: set[tuple[str, int]] = set()
        self._freezer = SurvivorFreezer(service.settings.serve_gc_every_s)
        self._seed_kept()

    def _seed_kept(self) -> None:
        """The decisions kept before this start (store and unfolded journal), so that a redelivered event is known."""
        service = self.service
        rows: list[dict[str, Any]] = []
        if service.db is not None and service.db.exists():
            with service.store() as store:
                rows = stored_decisions(store, limit=BOUND)[::-1]
        if service.journal is not None and (files := service.journal.files(DECISIONS)):
            rows += read_decision_lines(files).to_pylist()
        for row in rows:
            if row["event_id"]:
                self._keep((row["event_kind"], row["event_id"]), decision_json(row), published=False)

    def _keep(self, key: Key, value: bytes, *, published: bool) -> None:
        self.kept[key] = (value, published)
        self.kept.move_to_end(key)
        while len(self.kept) > BOUND:
            self.kept.popitem(last=False)

    def run(self, stop: threading.Event, *, on_group: Callable[[IntakeStats], None] | None = None) -> IntakeStats:
        """Consume, decide and publish until ``stop`` is set; the group in hand is finished and committed first."""
        self.consumer.subscribe(list(self.config.topics), on_assign=self._assigned, on_revoke=self._revoked)
        log.info("consuming %s from %s as group %r; decisions to %r, dead letters to %r", ",".join(self.config.topics),
                 self.config.brokers, self.config.group, self.config.decisions_topic, self.config.dead_letter_topic)
        try:
            while not stop.is_set():
                if self.poll_once() and on_group is not None:
                    on_group(self.stats)
            self.finish()  # the group in flight: acknowledged and committed before the group is left
        finally:
            self.producer.flush(30)
            self.consumer.close()  # leaves the group: its partitions go to the others at once
        return self.stats

    def _assigned(self, consumer: Any, partitions: list[Any]) -> None:
        self.assigned |= {(p.topic, p.partition) for p in partitions}
        log.info("assigned %d partition(s), holding %d", len(partitions), len(self.assigned))

    def _revoked(self, consumer: Any, partitions: list[Any]) -> None:
        # called inside consume(), between two groups: the group in flight is finished while its partitions are ours
        self.finish()
        self.assigned -= {(p.topic, p.partition) for p in partitions}

    def poll_once(self) -> int:
        """One group: consumed, decided and published, and the group before it finished (``finish``) in between, its
        acknowledgements having come while this one was decided. The number of messages handled."""
        messages = [m for m in self.consumer.consume(self.config.batch, self.config.poll_s) if _usable(m)]
        if self.service.fold_due():  # between two groups: the journal's durable lines into the store
            self.service.fold_running()
        if not messages:
            self.finish()  # idle: the group in flight needs no successor to be committed
            return 0
        # past every message consumed so far (what ``commit()`` would commit now), for when they are acknowledged
        ends = [p for p in self.consumer.position(self.consumer.assignment()) if p.offset >= 0]
        outgoing = self.handle(messages)
        self.finish()
        self.publish(outgoing)
        self._in_flight = ends
        self.stats.consumed += len(messages)
        self.stats.groups += 1
        self._freezer.maybe_freeze()
        return len(messages)

    def handle(self, messages: Sequence[Any]) -> list[_Outgoing]:
        """What to publish for ``messages``, in their order: decisions and dead letters (none for a known repeat)."""
        slots: list[_Outgoing | Key | None] = []
        events: list[dict[str, Any]] = []
        keys: list[Key | None] = []
        places: list[int] = []
        for message in messages:
            event = _event(message)
            if isinstance(event, str):
                slots.append(self._dead_letter(message, event))
                continue
            key = _key(event)
            if key is not None and key in self.kept:
                slots.append(key)
                continue
            places.append(len(slots))
            slots.append(None)
            events.append(event)
            keys.append(key)
        if events:
            answers, published = self._decided(events)
            self._place(messages, slots, places, keys, answers, published)
        return [out for out in (self._resolve(slot) for slot in slots) if out is not None]

    def _decided(self, events: list[dict[str, Any]]) -> tuple[Sequence[Any], list[bytes | None]]:
        """Per event its verdicts or error, and its decision as JSON (None: a repeat). The group is one request (one
        pass over it); a group refused (a bad event, an id reused with other content: nothing was decided) is
        decided again event by event, so that only the bad events are refused."""
        answers, published = self.service.decide_requests_kept([events])
        if not isinstance(answers[0], ScamnetError):
            return answers[0], published
        return self.service.decide_requests_kept([[e] for e in events])

    def _place(self, messages: Sequence[Any], slots: list[_Outgoing | Key | None], places: list[int],
               keys: list[Key | None], answers: Sequence[Any], published: Iterable[bytes | None]) -> None:
        kept, newest = iter(published), self.kept
        topic, decided = self.config.decisions_topic, 0
        for place, key, answer in zip(places, keys, answers, strict=True):
            if isinstance(answer, ScamnetError):
                slots[place] = self._dead_letter(messages[place], _reason(answer))  # one slot per message
                continue
            value = next(kept)  # the decision as journaled
            if value is None:  # the same id twice in this group: decided once, at its first message
                slots[place] = key
                continue
            decided += 1
            if key is not None:  # published with this group (a later message with its key is a repeat); new to
                newest[key] = (value, True)  # ``kept`` (a key in it was a repeat), so it goes last, as ``_keep`` puts it
            slots[place] = _new(_Outgoing, (topic, None if key is None else key[1], value))
        self.stats.decided += decided
        while len(newest) > BOUND:
            newest.popitem(last=False)

    def _resolve(self, slot: _Outgoing | Key | None) -> _Outgoing | None:
        if slot is None or isinstance(slot, _Outgoing):
            return slot
        value, published = self.kept[slot]
        if published:
            self.stats.repeats += 1
            return None
        self.kept[slot] = (value, True)  # published now; its commit follows the broker's acknowledgement
        return _Outgoing(self.config.decisions_topic, slot[1], value)

    def _dead_letter(self, message: Any, reason: str) -> _Outgoing:
        self.stats.dead_letters += 1
        raw = message.value() or b""
        body = {"reason": reason, "topic": message.topic(), "partition": message.partition(),
                "offset": message.offset(), "key": _text(message.key()), "value": _text(raw),
                "at": datetime.now(UTC).isoformat()}
        log.warning("dead letter %s[%d]@%d: %s", message.topic(), message.partition(), message.offset(), reason[:200])
        return _Outgoing(self.config.dead_letter_topic, _text(message.key()), json.dumps(body).encode())

    def publish(self, outgoing: Sequence[_Outgoing]) -> None:
        """Produce ``outgoing`` (``finish`` waits for the broker's acknowledgements)."""
        for out in outgoing:
            while True:
                try:
                    self.producer.produce(out.topic, out.value, out.key)
                    break
                except BufferError:  # the local queue is full: let it drain
                    self.producer.poll(0.1)

    def finish(self) -> None:
        """Wait until the broker acknowledged every message produced, then commit the group in flight's offsets;
        raise if a message was refused (nothing of that group is then committed)."""
        ends, self._in_flight = self._in_flight, []
        left = self.producer.flush(60)
        if left or self._failed:
            failed, self._failed = self._failed, []
            raise ScamnetError(f"{left or len(failed)} decision(s) not acknowledged by the broker: {failed[:3]}",
                               hint="nothing was committed; the group is consumed again after a restart")
        if ends:
            self.consumer.commit(offsets=ends, asynchronous=False)

    def _delivered(self, error: Any, message: Any) -> None:
        if error is not None:
            self._failed.append(str(error))


def _usable(message: Any) -> bool:
    error = message.error()
    if error is None:
        return True
    log.warning("consumer: %s", error)
    return False


def _event(message: Any) -> dict[str, Any] | str:
    """The event a message carries, or why it carries none."""
    raw = message.value()
    try:
        event = parsed_json(raw) if raw else None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"not JSON: {exc}"
    if not isinstance(event, dict):
        return f"not one event (a JSON object): got {type(event).__name__}"
    kind = event.get("kind") or TOPIC_KINDS.get(message.topic().rsplit(".", 1)[-1])
    if kind not in KINDS:
        return (f"kind {event.get('kind')!r} is not one of {', '.join(KINDS)}" if "kind" in event else
                f"no kind: the event has no 'kind' and topic {message.topic()!r} is none of {', '.join(TOPIC_KINDS)}")
    event["kind"] = kind  # the event was just read from the message: nobody else holds it
    return event


def _key(event: dict[str, Any]) -> Key | None:
    field_name = ID_FIELDS.get(event["kind"])
    value = event.get(field_name) if field_name else None
    return (event["kind"], str(value)) if value not in (None, "") else None


def _reason(error: ScamnetError) -> str:
    if isinstance(error, InputError):
        return "; ".join(f"field {p.column!r} = {p.value!r}: expected {p.expected}" for p in error.problems) or error.message
    return error.message


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", errors="backslashreplace")


def kafka_options(pairs: Iterable[str]) -> dict[str, str]:
    """``KEY=VALUE`` texts as librdkafka settings; ``ConfigError`` naming one without ``=``.

    >>> kafka_options(["session.timeout.ms=6000", "security.protocol=SASL_SSL"])
    {'session.timeout.ms': '6000', 'security.protocol': 'SASL_SSL'}
    """
    found = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--kafka-option {pair!r}", hint="give KEY=VALUE, e.g. session.timeout.ms=10000")
        found[key.strip()] = value.strip()
    return found


def serve_kafka(service: DecisionService, config: KafkaConfig) -> IntakeStats:
    """Start ``service``, then consume until SIGTERM or SIGINT (the group in hand is finished and committed first)."""
    import signal

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):  # before the start: a stop while starting is a clean stop too
        signal.signal(signum, lambda *_: stop.set())
    started = service.start()
    service.warm_up()
    log.info("ready: %d rules, %d listed, %d events replayed", started.rules, started.listed, started.events_replayed)
    stats = KafkaIntake(service, config).run(stop)
    log.info("stopped: %d consumed, %d decided, %d repeats, %d dead letters", stats.consumed, stats.decided,
             stats.repeats, stats.dead_letters)
    return stats
