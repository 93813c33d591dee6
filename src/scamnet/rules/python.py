"""A checked rule expression compiled to a Python function over a dict of field values (the live form).

SQL's NULL semantics hold: ``None`` is NULL; comparisons and arithmetic with NULL give NULL;
``AND`` / ``OR`` / ``NOT`` use three-valued logic; division by zero gives NULL (as the SQL form
does); a rule fires only when its expression is TRUE. A field missing from the dict is NULL.

>>> from scamnet.rules.check import when_expression
>>> fires = compiled(when_expression("amount > 100 OR payee.new_payers_1h >= 3", "transfer"))
>>> fires({"amount": 500.0}), fires({"amount": 50.0}), fires({"amount": 50.0, "payee.new_payers_1h": 4.0})
(True, None, True)
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from sqlglot import exp

from scamnet.rules.functions import BY_NODE, call_arguments

Context = Mapping[str, Any]
Compiled = Callable[[Context], Any]

_COMPARE: dict[type, Callable[[Any, Any], Any]] = {exp.EQ: operator.eq, exp.NEQ: operator.ne, exp.GT: operator.gt, exp.GTE: operator.ge,
            exp.LT: operator.lt, exp.LTE: operator.le}
_ARITHMETIC: dict[type, Callable[[Any, Any], Any]] = {exp.Add: operator.add, exp.Sub: operator.sub, exp.Mul: operator.mul}


def compiled(tree: exp.Expr) -> Compiled:
    """The Python function computing ``tree`` (a normalised expression) over a context dict."""
    handler = _HANDLERS.get(type(tree))
    if handler is None:  # the checker lets nothing else through
        raise TypeError(f"no Python form for {type(tree).__name__}")
    return handler(tree)


def _strict2(op: Callable[[Any, Any], Any], left: Compiled, right: Compiled) -> Compiled:
    def run(ctx: Context) -> Any:
        a, b = left(ctx), right(ctx)
        return None if a is None or b is None else op(a, b)

    return run


def _column(node: exp.Column) -> Compiled:
    name = node.name
    return lambda ctx: ctx.get(name)


def _literal(node: exp.Literal) -> Compiled:
    value = node.this if node.is_string else float(node.this)
    return lambda ctx: value


def _constant(value: Any) -> Callable[[exp.Expr], Compiled]:
    return lambda node: lambda ctx: value


def _and(node: exp.And) -> Compiled:
    left, right = compiled(node.this), compiled(node.expression)

    def run(ctx: Context) -> bool | None:
        a = left(ctx)
        if a is False:
            return False
        b = right(ctx)
        return False if b is False else (None if a is None or b is None else True)

    return run


def _or(node: exp.Or) -> Compiled:
    left, right = compiled(node.this), compiled(node.expression)

    def run(ctx: Context) -> bool | None:
        a = left(ctx)
        if a is True:
            return True
        b = right(ctx)
        return True if b is True else (None if a is None or b is None else False)

    return run


def _not(node: exp.Not) -> Compiled:
    inner = compiled(node.this)

    def run(ctx: Context) -> bool | None:
        value = inner(ctx)
        return None if value is None else not value

    return run


def _neg(node: exp.Neg) -> Compiled:
    inner = compiled(node.this)
    return lambda ctx: None if (v := inner(ctx)) is None else -v


def _binary(node: exp.Expr) -> Compiled:
    op = _COMPARE.get(type(node)) or _ARITHMETIC[type(node)]
    return _strict2(op, compiled(node.this), compiled(node.expression))


def _div(node: exp.Div) -> Compiled:
    return _strict2(lambda a, b: None if b == 0 else a / b, compiled(node.this), compiled(node.expression))


def _is(node: exp.Is) -> Compiled:
    inner = compiled(node.this)
    wanted = None if isinstance(node.expression, exp.Null) else node.expression.this
    return lambda ctx: inner(ctx) is wanted


def _in(node: exp.In) -> Compiled:
    probe, options = compiled(node.this), [compiled(e) for e in node.expressions]

    def run(ctx: Context) -> bool | None:
        value = probe(ctx)
        if value is None:
            return None
        found = [o(ctx) for o in options]
        return True if value in [f for f in found if f is not None] else (None if None in found else False)

    return run


def _between(node: exp.Between) -> Compiled:
    low = exp.GTE(this=node.this, expression=node.args["low"])
    high = exp.LTE(this=node.this, expression=node.args["high"])
    return _and(exp.And(this=low, expression=high))


def _like(node: exp.Expr) -> Compiled:
    flags = re.DOTALL | (re.IGNORECASE if isinstance(node, exp.ILike) else 0)
    pattern = re.compile(like_regex(node.expression.this), flags)
    text, negate = compiled(node.this), bool(node.args.get("negate"))
    return lambda ctx: None if (v := text(ctx)) is None else (pattern.fullmatch(v) is None) == negate


def like_regex(pattern: str) -> str:
    """A regular expression matching what the SQL ``LIKE`` pattern does (``%`` any run, ``_`` one character).

    >>> like_regex("10%_off")
    '10.*.off'
    """
    return "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)


def _case(node: exp.Case) -> Compiled:
    subject = None if node.this is None else compiled(node.this)
    branches = [(compiled(b.this), compiled(b.args["true"])) for b in node.args["ifs"]]
    default = compiled(node.args.get("default") or exp.null())

    def run(ctx: Context) -> Any:
        value = None if subject is None else subject(ctx)
        for test, result in branches:
            found = test(ctx)
            hit = found is True if subject is None else (value is not None and found == value)
            if hit:
                return result(ctx)
        return default(ctx)

    return run


def _function(node: exp.Func) -> Compiled:
    spec = BY_NODE[type(node)]
    args = [compiled(a) for a in call_arguments(node)]
    return lambda ctx: spec.python(*(a(ctx) for a in args))


_HANDLERS: dict[type, Callable[[Any], Compiled]] = {
    exp.Column: _column, exp.Literal: _literal, exp.Boolean: lambda n: _constant(n.this)(n),
    exp.Null: _constant(None), exp.Paren: lambda n: compiled(n.this), exp.And: _and, exp.Or: _or,
    exp.Not: _not, exp.Neg: _neg, exp.Div: _div, exp.Is: _is, exp.In: _in, exp.Between: _between,
    exp.Like: _like, exp.ILike: _like, exp.Case: _case,
    **dict.fromkeys([*_COMPARE, *_ARITHMETIC], _binary), **dict.fromkeys(BY_NODE, _function),
}
