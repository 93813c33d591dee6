"""Deciding on one event: every enabled rule run on its context; the strongest action wins.

Reasons are ordered by priority (higher first, then name) and each names the rule and the
values of the fields it read. A rule that cannot be evaluated (a context value of the wrong
type) does not fire; the error is kept with the decision instead of being raised, so one bad
value never stops the decisions on other events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scamnet.core.enums import Action
from scamnet.rules.model import STRENGTH, Rule
from scamnet.rules.python_source import EVALUATION_ERRORS, generated_set


@dataclass(frozen=True)
class Match:
    """A rule that fired, with the evidence it read."""

    rule: str
    action: Action
    priority: int
    evidence: dict[str, Any]

    @property
    def reason(self) -> str:
        """``payee_on_watchlist (hold): payee.on_watchlist=true``."""
        shown = ", ".join(f"{k}={_shown(v)}" for k, v in self.evidence.items())
        return f"{self.rule} ({self.action.value}): {shown}"


@dataclass(frozen=True)
class Decision:
    """The action for an event, the rules that fired (by priority) and any evaluation errors."""

    action: Action
    matches: tuple[Match, ...] = ()
    errors: tuple[str, ...] = field(default=())

    @property
    def reasons(self) -> list[str]:
        return [m.reason for m in self.matches]

    @property
    def rules(self) -> list[str]:
        return [m.rule for m in self.matches]


def decide(rules: Iterable[Rule], context: Mapping[str, Any]) -> Decision:
    """The decision of ``rules`` (their enabled ones) on an event described by ``context`` (field → value).

    >>> from scamnet.rules.load import starter_rules
    >>> d = decide(starter_rules(), {"payee.on_watchlist": True, "amount": 200.0})
    >>> d.action.value, d.reasons[0]
    ('hold', 'payee_on_watchlist (hold): payee.on_watchlist=true')
    """
    matches, errors = [], []
    for rule in rules:
        if not rule.enabled:
            continue
        try:
            fired = rule.fires(context) is True
        except EVALUATION_ERRORS as exc:
            errors.append(_error(rule, exc))
            continue
        if fired:
            matches.append(_match(rule, context))
    if not matches and not errors:  # most events: no rule fires
        return _NOTHING
    return Decision(strongest(m.action for m in matches), tuple(ordered(matches)), tuple(errors))


class RuleSet:
    """The enabled ``rules`` of one event kind evaluated by one generated function (``generated_set``): the live
    form of ``decide``, with the same decisions (``tests/rules/test_rule_set.py``).

    >>> from scamnet.rules.load import starter_rules
    >>> RuleSet([r for r in starter_rules() if r.event == "transfer"]).decide({"payee.on_watchlist": True}).reasons
    ['payee_on_watchlist (hold): payee.on_watchlist=true']
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = [rule for rule in rules if rule.enabled]
        self._run = generated_set([rule.tree for rule in self.rules])

    def decide(self, context: Mapping[str, Any]) -> Decision:
        fired, failed = self._run(context)
        if not fired and not failed:
            return _NOTHING
        matches = [_match(self.rules[place], context) for place in fired]
        return Decision(strongest(m.action for m in matches), tuple(ordered(matches)),
                        tuple(_error(self.rules[place], exc) for place, exc in failed))


def _match(rule: Rule, context: Mapping[str, Any]) -> Match:
    return Match(rule.name, rule.action, rule.priority, {f: context.get(f) for f in rule.fields})


def _error(rule: Rule, exc: Exception) -> str:
    return f"{rule.name}: {type(exc).__name__}: {exc}"


_NOTHING = Decision(Action.ALLOW)


def strongest(actions: Iterable[Action]) -> Action:
    """The strongest of ``actions`` (block > hold > warn > allow); allow when there are none."""
    return max(actions, key=STRENGTH.__getitem__, default=Action.ALLOW)


def ordered(matches: Sequence[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.priority, m.rule))


def _shown(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return repr(value) if isinstance(value, str) else str(value)
