"""A kind's rules evaluated by one generated function decide what the rules decide one by one."""

from __future__ import annotations

import random

from scamnet.core.enums import Action
from scamnet.rules.decide import RuleSet, decide
from scamnet.rules.load import starter_rules
from scamnet.rules.model import Rule
from tests.rules.test_python_source import EXPRESSIONS, FIELDS

ACTIONS = [Action.WARN, Action.HOLD, Action.BLOCK, Action.ALLOW]


def _rules() -> list[Rule]:
    own = [Rule(f"r{n}", when, ACTIONS[n % 4], n % 3, "test", enabled=n != 4) for n, when in enumerate(EXPRESSIONS)]
    return [r for r in starter_rules() if r.event == "transfer"] + own


def _contexts(count: int) -> list[dict[str, object]]:
    rng = random.Random(11)
    wrong = {"amount": "5000", "payer.received_1h": "x", "channel": 7}  # values a rule cannot compare: errors
    return [{name: (wrong[name] if name in wrong and rng.random() < 0.05 else rng.choice(values))
             for name, values in FIELDS.items() if rng.random() < 0.9} for _ in range(count)]


def test_the_rule_set_and_the_rules_one_by_one_give_the_same_decision_on_every_context() -> None:
    rules, contexts = _rules(), _contexts(600)
    rule_set = RuleSet(rules)
    decisions = [(rule_set.decide(c), decide(rules, c)) for c in contexts]
    assert all(together == alone for together, alone in decisions)
    # every road was walked: nothing fired, rules fired (several at once), a rule raised
    assert any(not d.matches and not d.errors for d, _ in decisions)
    assert any(len(d.matches) >= 2 for d, _ in decisions) and any(d.errors for d, _ in decisions)


def test_a_disabled_rule_never_fires_in_the_set() -> None:
    rule = Rule("big", "amount >= 50000", Action.HOLD, 10, "large payments are checked", enabled=False)
    assert RuleSet([rule]).decide({"amount": 80000.0}).action is Action.ALLOW
    assert RuleSet([rule.__class__("big", rule.when, Action.HOLD, 10, "x")]).decide({"amount": 80000.0}).action is Action.HOLD
