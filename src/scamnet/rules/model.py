"""A rule: a name, the reasoning behind it, a ``when`` expression, an action and a priority."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlglot import exp

from scamnet.core.enums import Action
from scamnet.rules.check import fields_read, when_expression
from scamnet.rules.python import Compiled
from scamnet.rules.python_source import generated
from scamnet.rules.sql import rule_sql

#: Stronger actions win when several rules fire on one event.
STRENGTH = {Action.ALLOW: 0, Action.WARN: 1, Action.HOLD: 2, Action.BLOCK: 3}


@dataclass(frozen=True)
class Rule:
    """One rule. ``priority`` orders the reasons of a decision (higher first); it never weakens an action.

    >>> r = Rule("big", "amount >= 50000", Action.HOLD, 10, "large payments are checked")
    >>> r.fires({"amount": 80000.0}), r.fields
    (True, ('amount',))
    """

    name: str
    when: str
    action: Action
    priority: int
    description: str
    event: str = "transfer"
    enabled: bool = True
    tree: exp.Expr = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tree", when_expression(self.when, self.event))

    @cached_property
    def fires(self) -> Compiled:
        """The live form: a function of a context dict, TRUE / FALSE / None (NULL)."""
        return generated(self.tree)

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The vocabulary fields the rule reads: its evidence (read off the tree once: the live path asks per firing)."""
        return tuple(fields_read(self.tree))

    @property
    def sql(self) -> str:
        """The back-test form: DuckDB SQL over a context table."""
        return rule_sql(self.tree)
