"""A checked rule expression written out as the source of one Python function (the live form, fast).

``python.compiled`` builds a rule as nested closures, one call per node; a rule then costs a dozen
calls per event. Here the same tree becomes one expression in one function, with SQL's NULL
semantics spelled inline (``None`` is NULL; comparisons and arithmetic with NULL give NULL; three-valued
``AND`` / ``OR`` / ``NOT``; division by zero gives NULL). Both operands of an operator are computed
before NULL is checked, as the closures do, so a bad value raises the same error either way. A node
this writer does not spell (``CASE``) runs as its closure. ``tests/rules/test_python_source.py`` holds
the two forms equal.

>>> from scamnet.rules.check import when_expression
>>> fires = generated(when_expression("amount > 100 OR payee.new_payers_1h >= 3", "transfer"))
>>> fires({"amount": 500.0}), fires({"amount": 50.0}), fires({"amount": 50.0, "payee.new_payers_1h": 4.0})
(True, None, True)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlglot import exp

from scamnet.rules.functions import BY_NODE, call_arguments
from scamnet.rules.python import Compiled, compiled, like_regex

_OPERATORS: dict[type, str] = {exp.EQ: "==", exp.NEQ: "!=", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<=",
                               exp.Add: "+", exp.Sub: "-", exp.Mul: "*"}


def generated(tree: exp.Expr) -> Compiled:
    """The Python function computing ``tree`` (a normalised expression) over a context dict, as one expression."""
    writer = _Writer()
    body = writer.expression(tree)
    source = f"def rule(ctx):\n    g = ctx.get\n    return {body}\n"
    namespace: dict[str, Any] = {"_in": _in, **writer.bound}
    exec(compile(source, "<rule>", "exec"), namespace)  # noqa: S102 (source written here from an allow-listed tree)
    function: Compiled = namespace["rule"]
    return function


#: What a rule's evaluation may raise on a context value of the wrong type (the rule then does not fire).
EVALUATION_ERRORS = (TypeError, ValueError, ArithmeticError)
#: A rule set's outcome on one context: the places of the rules that fire, and of those that raised, with the error.
SetOutcome = tuple[list[int], list[tuple[int, Exception]]]


def generated_set(trees: Sequence[exp.Expr]) -> Callable[[Mapping[str, Any]], SetOutcome]:
    """Rules ``trees`` as one function over a context dict: each written as ``generated`` writes it, in order,
    each in its own ``try`` (an error in one leaves the others evaluated). One call per event instead of one per rule.

    >>> from scamnet.rules.check import when_expression
    >>> rules = generated_set([when_expression(w, "transfer") for w in ("amount > 100", "amount / 0 > 1", "channel = 'atm'")])
    >>> rules({"amount": 500.0, "channel": "atm"})
    ([0, 2], [])
    >>> fired, failed = rules({"amount": "500"}); fired, [(place, type(exc).__name__) for place, exc in failed]
    ([], [(0, 'TypeError')])
    """
    writer, lines = _Writer(), []
    for place, tree in enumerate(trees):
        lines += ["try:", f"    if ({writer.expression(tree)}) is True: fired.append({place})",
                  "except _errors as exc:", f"    failed.append(({place}, exc))"]
    body = "".join(f"    {line}\n" for line in lines)
    source = f"def rules(ctx):\n    g = ctx.get\n    fired = []\n    failed = []\n{body}    return fired, failed\n"
    namespace: dict[str, Any] = {"_in": _in, "_errors": EVALUATION_ERRORS, **writer.bound}
    exec(compile(source, "<rules>", "exec"), namespace)  # noqa: S102 (source written here from allow-listed trees)
    function: Callable[[Mapping[str, Any]], SetOutcome] = namespace["rules"]
    return function


def _in(value: Any, found: tuple[Any, ...]) -> bool | None:
    return True if value in [f for f in found if f is not None] else (None if None in found else False)


class _Writer:
    """Writes nodes as Python expressions; names its temporaries and the objects the function needs (``bound``)."""

    def __init__(self) -> None:
        self.bound: dict[str, Any] = {}
        self._names = 0

    def _name(self) -> str:
        self._names += 1
        return f"_{self._names}"

    def _bind(self, value: Any) -> str:
        name = f"_k{len(self.bound)}"
        self.bound[name] = value
        return name

    def expression(self, node: exp.Expr) -> str:
        kind = type(node)
        if kind in _OPERATORS:
            return self._strict(node.this, node.expression, lambda a, b: f"{a} {_OPERATORS[kind]} {b}")
        if kind in BY_NODE and isinstance(node, exp.Func):
            arguments = ", ".join(self.expression(a) for a in call_arguments(node))
            return f"{self._bind(BY_NODE[kind].python)}({arguments})"
        writer: Callable[[_Writer, Any], str] | None = _WRITERS.get(kind)
        if writer is None:  # CASE, or anything the checker lets through that is not spelled here: its closure
            return f"{self._bind(compiled(node))}(ctx)"
        return writer(self, node)

    def _strict(self, left: exp.Expr, right: exp.Expr, combine: Callable[[str, str], str]) -> str:
        a, b = self._name(), self._name()
        return (f"(None if (({a} := {self.expression(left)}) is None) | (({b} := {self.expression(right)}) is None) "
                f"else {combine(a, b)})")

    def column(self, node: exp.Column) -> str:
        return f"g({node.name!r})"

    def literal(self, node: exp.Literal) -> str:
        value = node.this if node.is_string else float(node.this)
        return repr(value) if isinstance(value, str) or math.isfinite(value) else self._bind(value)

    def logic(self, node: exp.And | exp.Or) -> str:
        a, b = self._name(), self._name()
        stop, other = ("False", "True") if isinstance(node, exp.And) else ("True", "False")
        return (f"({stop} if ({a} := {self.expression(node.this)}) is {stop} else ({stop} if ({b} := "
                f"{self.expression(node.expression)}) is {stop} else (None if {a} is None or {b} is None else {other})))")

    def negation(self, node: exp.Not | exp.Neg) -> str:
        v = self._name()
        flip = "not " if isinstance(node, exp.Not) else "-"
        return f"(None if ({v} := {self.expression(node.this)}) is None else {flip}{v})"

    def division(self, node: exp.Div) -> str:
        return self._strict(node.this, node.expression, lambda a, b: f"(None if {b} == 0 else {a} / {b})")

    def is_(self, node: exp.Is) -> str:
        wanted = None if isinstance(node.expression, exp.Null) else bool(node.expression.this)
        return f"({self.expression(node.this)} is {wanted})"

    def in_(self, node: exp.In) -> str:
        v = self._name()
        options = "".join(f"{self.expression(e)}, " for e in node.expressions)
        return f"(None if ({v} := {self.expression(node.this)}) is None else _in({v}, ({options})))"

    def between(self, node: exp.Between) -> str:
        low = exp.GTE(this=node.this, expression=node.args["low"])
        high = exp.LTE(this=node.this, expression=node.args["high"])
        return self.logic(exp.And(this=low, expression=high))

    def like(self, node: exp.Like | exp.ILike) -> str:
        flags = re.DOTALL | (re.IGNORECASE if isinstance(node, exp.ILike) else 0)
        pattern = self._bind(re.compile(like_regex(node.expression.this), flags))
        v, negate = self._name(), bool(node.args.get("negate"))
        return f"(None if ({v} := {self.expression(node.this)}) is None else ({pattern}.fullmatch({v}) is None) == {negate})"


_WRITERS: dict[type, Callable[[_Writer, Any], str]] = {
    exp.Column: _Writer.column, exp.Literal: _Writer.literal, exp.Boolean: lambda w, n: repr(bool(n.this)),
    exp.Null: lambda w, n: "None", exp.Paren: lambda w, n: w.expression(n.this), exp.And: _Writer.logic,
    exp.Or: _Writer.logic, exp.Not: _Writer.negation, exp.Neg: _Writer.negation, exp.Div: _Writer.division,
    exp.Is: _Writer.is_, exp.In: _Writer.in_, exp.Between: _Writer.between, exp.Like: _Writer.like,
    exp.ILike: _Writer.like,
}
