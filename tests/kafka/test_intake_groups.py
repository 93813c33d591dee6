"""A consumed group is decided as one request; a group with a bad event again event by event (no broker needed:
``KafkaIntake.handle`` on messages in hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.kafka_intake import KafkaConfig, KafkaIntake
from tests.kafka.conftest import InHand, call, transfer


def _messages(events: list[tuple[str, dict[str, Any]]]) -> list[InHand]:
    return [InHand(f"g.{topic}", json.dumps(event).encode(), i) for i, (topic, event) in enumerate(events)]


def _intake(tmp_path: Path, asked: list[int]) -> KafkaIntake:
    service = DecisionService(Settings(), tmp_path / "none.db")  # no store yet: decides on an empty live state
    service.start()
    decide = service.decide_requests_kept

    def counted(requests: Any) -> Any:
        asked.append(len(requests))
        return decide(requests)

    service.decide_requests_kept = counted  # type: ignore[method-assign]
    # a broker nobody listens on: the clients are made, never used by ``handle``
    return KafkaIntake(service, KafkaConfig("127.0.0.1:9", ("g.calls", "g.transfers"), "g", "g.decisions", "g.dead"))


def test_a_clean_group_is_one_request_and_a_bad_event_is_refused_alone(tmp_path: Path) -> None:
    asked: list[int] = []
    intake = _intake(tmp_path, asked)
    clean = _messages([("transfers", transfer(i)) for i in range(6)] + [("calls", call(i)) for i in range(4)])
    out = intake.handle(clean)
    assert asked == [1], "ten events decided as one request"
    assert [orjson.loads(o.value)["event_id"] for o in out] == [f"tx-{i}" for i in range(6)] + [f"c-{i}" for i in range(4)]

    mixed = _messages([("transfers", transfer(10)), ("transfers", {**transfer(11), "amount": "lots"}),
                       ("transfers", transfer(10)), ("calls", call(12))])
    out = intake.handle(mixed)
    intake.consumer.close()
    assert asked == [1, 1, 4], "refused as a group (nothing decided), then decided event by event"
    topics = [o.topic for o in out]
    assert topics == ["g.decisions", "g.dead", "g.decisions"], "the repeat of tx-10 in the group is published once"
    assert [orjson.loads(out[i].value)["event_id"] for i in (0, 2)] == ["tx-10", "c-12"]
    assert json.loads(out[1].value)["reason"].startswith("field 'amount' = 'lots'")
    assert intake.stats.decided == 12 and intake.stats.repeats == 1 and intake.stats.dead_letters == 1
    # no analyst routes in this process: its newest decisions are not kept in memory (they are in the journal)
    assert intake.service.recent.newest() == [] and len(intake.service.journal.files("decisions")) == 1
