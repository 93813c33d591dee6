"""The live form of a rule keeps SQL's NULL semantics: a NULL `when` does not fire (the closures and the written-out
function alike)."""

import pytest

from scamnet.rules.check import when_expression
from scamnet.rules.load import starter_rules
from scamnet.rules.python import compiled
from scamnet.rules.python_source import generated


def value(when: str, **fields):
    tree, context = when_expression(when, "transfer"), {k.replace("__", "."): v for k, v in fields.items()}
    closures, written = compiled(tree)(context), generated(tree)(context)
    assert written is closures or written == closures
    return written


def young_account_rule():
    return next(r for r in starter_rules() if r.name == "new_payee_large_to_young_account")


def test_null_account_age_does_not_fire_the_young_account_rule() -> None:
    rule = young_account_rule()
    context = {"new_payee": True, "amount": 9000.0, "payee.account_age_d": None}
    assert rule.fires(context) is None
    assert rule.fires(context | {"payee.account_age_d": 3.0}) is True


def test_a_field_missing_from_the_context_is_null() -> None:
    assert young_account_rule().fires({"new_payee": True, "amount": 9000.0}) is None


@pytest.mark.parametrize(("when", "expected"), [
    ("NULL AND FALSE", False), ("NULL AND TRUE", None), ("NULL OR TRUE", True), ("NULL OR FALSE", None),
    ("NOT NULL", None), ("NULL = NULL", None), ("NULL IS NULL", True), ("amount IS NOT NULL", False),
])
def test_three_valued_logic(when: str, expected) -> None:
    assert value(when) is expected


def test_in_with_a_null_in_the_list_is_null_unless_found() -> None:
    assert value("channel IN ('atm', NULL)", channel="mobile") is None
    assert value("channel IN ('atm', NULL)", channel="atm") is True
    assert value("channel NOT IN ('atm', 'pos')", channel="mobile") is True


def test_division_by_zero_is_null_not_an_error() -> None:
    assert value("amount / payer.received_1h > 0.5", amount=100.0, payer__received_1h=0.0) is None


def test_like_between_case_and_functions() -> None:
    assert value("lower(channel) LIKE 'crypto%'", channel="CRYPTO_otc") is True
    assert value("channel NOT LIKE 'a_m'", channel="atm") is False
    assert value("amount BETWEEN 10 AND 20", amount=20.0) is True
    assert value("CASE WHEN amount > 5 THEN 'big' ELSE 'small' END = 'big'", amount=6.0) is True
    assert value("CASE channel WHEN 'atm' THEN 1 END = 1", channel=None) is None
    assert value("greatest(payer.transfers_1h, NULL, 2) = 2", payer__transfers_1h=None) is True
    assert value("coalesce(payee.mule_score, 0) < 0.5") is True
