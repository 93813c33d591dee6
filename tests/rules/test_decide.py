"""Deciding on one transfer: the strongest action wins; reasons name the rule and the values it read."""

from scamnet.core.enums import Action
from scamnet.rules.decide import decide
from scamnet.rules.load import rules_from_text, starter_rules
from scamnet.rules.model import Rule


def test_a_transfer_to_a_watch_listed_account_is_held_with_the_rules_reason() -> None:
    decision = decide(starter_rules(), {"amount": 300.0, "payee.on_watchlist": True, "new_payee": False})
    assert decision.action is Action.HOLD
    assert decision.reasons == ["payee_on_watchlist (hold): payee.on_watchlist=true"]


def test_an_ordinary_payment_is_allowed_without_reasons() -> None:
    context = {"amount": 120.0, "new_payee": False, "payee.on_watchlist": False, "payee.account_age_d": 2000.0,
               "payer.holder_age_y": 70.0, "payer.transfers_total": 40.0, "local_hour": 14.0}
    decision = decide(starter_rules(), context)
    assert (decision.action, decision.reasons, decision.errors) == (Action.ALLOW, [], ())


def test_the_strongest_action_wins_and_priority_orders_the_reasons() -> None:
    rules = [Rule("warn_big", "amount > 100", Action.WARN, 90, "d"),
             Rule("block_listed", "payee.on_watchlist", Action.BLOCK, 10, "d"),
             Rule("hold_new", "new_payee", Action.HOLD, 50, "d")]
    decision = decide(rules, {"amount": 500.0, "payee.on_watchlist": True, "new_payee": True})
    assert decision.action is Action.BLOCK
    assert decision.rules == ["warn_big", "hold_new", "block_listed"]


def test_a_disabled_rule_never_fires() -> None:
    (rule,) = rules_from_text('[[rule]]\nname = "off"\ndescription = "d"\nwhen = "amount > 1"\naction = "block"\n'
                              'priority = 1\nenabled = false\n', "t.toml")
    assert decide([rule], {"amount": 5.0}).action is Action.ALLOW


def test_a_context_value_of_the_wrong_type_is_kept_as_an_error_not_raised() -> None:
    rules = [Rule("big", "amount > 100", Action.HOLD, 1, "d"), Rule("listed", "payee.on_watchlist", Action.HOLD, 1, "d")]
    decision = decide(rules, {"amount": "lots", "payee.on_watchlist": True})
    assert decision.rules == ["listed"]
    assert decision.errors[0].startswith("big: TypeError")
