"""The rule written out as one function gives what its closures give, on every starter rule and every node kind."""

from __future__ import annotations

import random

import pytest

from scamnet.rules.check import when_expression
from scamnet.rules.load import starter_rules
from scamnet.rules.python import compiled
from scamnet.rules.python_source import generated

EXPRESSIONS = [
    "amount >= 0.8 * payer.received_1h AND NOT (payee.holder_type = 'business')",
    "(local_hour >= 22 OR local_hour < 6) AND amount - 100 > payer.amount_24h / payer.transfers_24h",
    "-amount < -5000 OR payee.mule_score IS NOT NULL",
    "channel IN ('atm', 'pos', NULL) OR channel NOT LIKE 'mob%'",
    "amount BETWEEN payer.received_1h AND payer.received_24h",
    "CASE WHEN amount > 5000 THEN 'big' WHEN amount > 100 THEN 'mid' ELSE 'small' END = 'mid'",
    "greatest(payer.transfers_1h, payee.new_payers_1h, 2) >= coalesce(payee.mule_score, 3) AND abs(amount) > 1",
    "length(lower(currency)) = 3 AND upper(channel) ILIKE 'M%'",
    "payee.on_watchlist OR (new_payee AND payer.holder_age_y >= 60)",
]
FIELDS = {"amount": [None, 0.0, 50.0, 5000.0, 20000.0], "payer.received_1h": [None, 0.0, 1000.0, 6000.0],
          "payer.received_24h": [None, 0.0, 9000.0], "payee.holder_type": [None, "person", "business"],
          "local_hour": [None, 2.0, 13.0, 23.0], "payer.amount_24h": [None, 0.0, 300.0],
          "payer.transfers_24h": [None, 0.0, 3.0], "payee.mule_score": [None, 0.2, 0.95],
          "channel": [None, "atm", "mobile", "MOBILE", "web"], "payer.transfers_1h": [None, 0.0, 4.0],
          "payee.new_payers_1h": [None, 1.0, 5.0], "currency": [None, "CNY", "usdt"],
          "payee.on_watchlist": [None, False, True], "new_payee": [None, False, True],
          "payer.holder_age_y": [None, 30.0, 70.0], "payee.account_age_d": [None, 3.0, 400.0],
          "payer.holder_type": [None, "person"], "payer.transfers_total": [None, 0.0, 9.0]}


def _contexts(count: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    return [{name: rng.choice(values) for name, values in FIELDS.items() if rng.random() < 0.9} for _ in range(count)]


@pytest.mark.parametrize("when", [r.when for r in starter_rules() if r.event == "transfer"] + EXPRESSIONS)
def test_the_written_function_and_the_closures_agree_on_every_context(when: str) -> None:
    tree = when_expression(when, "transfer")
    closures, written = compiled(tree), generated(tree)
    answers = [(closures(c), written(c)) for c in _contexts(400)]
    assert all(a is b or a == b for a, b in answers)
    assert {a for a, _ in answers} - {None, False, True} == set()


def test_a_young_mule_account_fires_the_starter_rule_and_an_old_one_does_not() -> None:
    rule = next(r for r in starter_rules() if r.name == "new_payee_large_to_young_account")
    assert rule.fires({"new_payee": True, "amount": 9000.0, "payee.account_age_d": 3.0}) is True
    assert rule.fires({"new_payee": True, "amount": 9000.0, "payee.account_age_d": 900.0}) is False
