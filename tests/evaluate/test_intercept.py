"""bench intercept on a small demo world: victims are reached before they pay, honest buyers are let through.

The replay is the live path ``scamnet serve`` runs (``DecisionService``) on a store of the world's first
half; the checks by id read the labels and the victims' reports only to score.
"""

from __future__ import annotations

import pytest

from scamnet.core.enums import Action
from scamnet.core.settings import Settings
from scamnet.evaluate.intercept import InterceptBench, Replay, replay_world, score_replay
from scamnet.online.dissuasion import script_for
from scamnet.service.simulate import simulate_world


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Replay:
    world = tmp_path_factory.mktemp("intercept") / "world"
    simulate_world(world, "demo", seed=3, people=3000, days=8)
    return replay_world(world, Settings())


@pytest.fixture(scope="module")
def intercepted(replay: Replay) -> InterceptBench:
    return score_replay(replay)


def _victim_hold(verdict) -> bool:
    return any(r.source == "victim" and r.action == Action.HOLD for r in verdict.reasons)


def _labelled(replay: Replay, label: str, prefix: str) -> set[str]:
    rows = replay.tables["labels"].to_pylist()
    return {r["entity"][len(prefix):] for r in rows if r["label"] == label and r["entity"].startswith(prefix)}


def test_the_planted_victims_first_payments_are_held_with_the_script_of_their_scam(replay: Replay) -> None:
    holder = dict(zip(replay.tables["accounts"]["account_id"].to_pylist(),
                      replay.tables["accounts"]["holder_id"].to_pylist(), strict=True))
    victim_txns = _labelled(replay, "victim_transfer", "txn:")
    first: dict[str, tuple] = {}
    for txn, (ts, src, _, _, verdict) in replay.replayed.transfers.items():
        if txn in victim_txns and (holder[src] not in first or ts < first[holder[src]][0]):
            first[holder[src]] = (ts, txn, verdict)
    tasks = {}
    for task in replay.replayed.tasks:
        tasks.setdefault(task.person_id, []).append(task)
    held = {person for person, (_, _, verdict) in first.items() if _victim_hold(verdict)}
    assert len(first) > 10 and len(held) >= len(first) / 3
    reported = {r["victim_person"]: r["scam_type"] for r in replay.tables["reports"].to_pylist()}
    compared = 0
    for person in sorted(held):
        ts, txn, _ = first[person]
        (task, *_) = [t for t in tasks.get(person, []) if t.created_at <= ts]  # opened by then, or by the payment
        assert task.script == script_for(task.scam_type) and task.timeline, person
        said = reported.get(person)
        if said not in (None, "other") and task.scam_type != "other":  # both the victim and the signs name a type
            assert task.script == script_for(said), f"{person} reported {said}, was called about {task.scam_type}"
            compared += 1
    assert compared, "some held victims both reported a scam type and were called about one"


def test_the_honest_big_buyers_are_let_through_and_not_called(replay: Replay) -> None:
    buyers, payments = _labelled(replay, "big_purchase", "person:"), _labelled(replay, "big_purchase", "txn:")
    paid = [v for txn, v in replay.replayed.transfers.items() if txn in payments]
    assert paid, "the demo world has honest big buyers paying in the replayed days"
    assert [v[1] for v in paid if _victim_hold(v[4])] == []
    stopped = [(v[1], v[4].action, [r.name for r in v[4].reasons]) for v in paid
               if v[4].action in (Action.HOLD, Action.BLOCK)]
    assert stopped == [], "the service's final decision lets every honest big buyer's payment through"
    assert [t.person_id for t in replay.replayed.tasks if t.person_id in buyers] == []


def test_held_payments_are_mostly_victims_and_honest_big_buyers_are_not_held(intercepted: InterceptBench) -> None:
    high = {r.tier: r for r in intercepted.rows}["high"]
    assert intercepted.paying_victims > 10 and intercepted.legit_transfers > 1000
    assert high.lookalikes_flagged_share == 0.0, "a car bought after a dealer's calls is not held"
    assert high.legit_per_1000 <= 1.0, "at most one honest transfer in a thousand is held"
    assert high.victim_money_share > 0.3 and high.victims_reached_before_first_payment > 0.3


def test_lower_tiers_reach_more_victims_and_warn_more_honest_payers(intercepted: InterceptBench) -> None:
    rows = {r.tier: r for r in intercepted.rows}
    assert rows["low"].victims_reached_before_first_payment >= rows["medium"].victims_reached_before_first_payment \
        >= rows["high"].victims_reached_before_first_payment
    assert rows["low"].legit_per_1000 >= rows["medium"].legit_per_1000 >= rows["high"].legit_per_1000
    assert 0.0 < intercepted.expected_saved_share <= rows["low"].victim_money_share
