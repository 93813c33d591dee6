"""From a rule's ``when`` text to an allow-listed, typed expression tree — or a refusal saying where.

The text is parsed by sqlglot (DuckDB dialect) into one expression. Every node must be on the
allow-list below: field references from the event kind's vocabulary, literals, comparisons,
boolean and arithmetic operators, ``IN``, ``BETWEEN``, ``IS [NOT] NULL``, ``LIKE``, ``CASE``
and the functions of ``scamnet.rules.functions``. Anything else — a table function such as
``read_csv``, a subquery, a second statement — is refused with its position, so raw SQL in a
rule never reaches a database. Types are checked too (``amount > 'x'`` is refused), which keeps
the compiled Python and the SQL form of a rule in step.

>>> when_expression("payee.mule_score >= 0.8", "transfer").sql()
'"payee.mule_score" >= 0.8'
>>> when_expression("in_watchlist(payee)", "transfer").sql()
'"payee.on_watchlist"'
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Any, cast

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from scamnet.rules.functions import BY_NODE, SAME, WATCHLIST_FUNCTION, allowed_names, call_arguments
from scamnet.rules.vocabulary import ROLES, FieldType, Term, vocabulary

#: The type of ``NULL``: it fits anywhere.
Type = FieldType | None
COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div)


class ExpressionProblem(Exception):
    """What is wrong with a ``when`` expression, and at which character (0-based) if known."""

    def __init__(self, message: str, start: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.start = start


def when_expression(text: str, event: str) -> exp.Expr:
    """The checked, normalised tree of ``text``: fields become quoted columns named as in the vocabulary."""
    tree = _parse_one(text)
    _Checker(vocabulary(event)).boolean(tree)
    return tree.transform(_normalised)


def fields_read(tree: exp.Expr) -> list[str]:
    """The vocabulary fields a normalised expression reads, in order of first use."""
    return list(dict.fromkeys(c.name for c in tree.find_all(exp.Column)))


def _parse_one(text: str) -> exp.Expr:
    try:
        statements = sqlglot.parse(text, read="duckdb")
    except ParseError as exc:
        first = exc.errors[0] if exc.errors else {}
        raise ExpressionProblem(f"not a SQL expression: {first.get('description', exc)}", _offset(
            text, first.get("line"), first.get("col"))) from None
    except TokenError as exc:
        raise ExpressionProblem(f"not a SQL expression: {exc}") from None
    found = [s for s in statements if s is not None]
    if len(found) != 1:
        raise ExpressionProblem(f"one expression expected, got {len(found)} statements")
    return found[0]


def _offset(text: str, line: int | None, col: int | None) -> int | None:
    if not line or not col:
        return None
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + col - 1


def start_of(node: exp.Expr) -> int | None:
    """The character offset of the leftmost token of ``node`` that sqlglot placed."""
    starts = [n.meta["start"] for n in node.walk() if n._meta and "start" in n._meta]
    return min(starts) if starts else None


def field_name(column: exp.Column) -> str:
    """``payee.mule_score`` for the column ``payee.mule_score``, ``amount`` for ``amount``."""
    return ".".join(p.name for p in column.parts)


def _normalised(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.Column):
        return exp.column(field_name(node), quoted=True)
    if isinstance(node, exp.Anonymous):
        return exp.column(f"{node.expressions[0].name}.on_watchlist", quoted=True)
    return node


class _Checker:
    """Walks a parsed tree, refusing what is not allowed and returning each node's type."""

    def __init__(self, fields: Mapping[str, Term]) -> None:
        self.fields = fields
        self.handlers: dict[type, Callable[[Any], Type]] = {
            exp.Column: self.column, exp.Literal: self.literal, exp.Boolean: lambda n: "boolean",
            exp.Null: lambda n: None, exp.Paren: lambda n: self.type_of(n.this),
            exp.And: self.logic, exp.Or: self.logic, exp.Not: lambda n: self.boolean(n.this),
            exp.Neg: lambda n: self.expect(n.this, "number"), exp.Is: self.is_, exp.In: self.in_,
            exp.Between: self.between, exp.Like: self.like, exp.ILike: self.like, exp.Case: self.case,
            exp.Anonymous: self.anonymous,
            **dict.fromkeys(COMPARISONS, self.comparison), **dict.fromkeys(ARITHMETIC, self.arithmetic),
            **dict.fromkeys(BY_NODE, self.function),
        }

    def type_of(self, node: exp.Expr) -> Type:
        handler = self.handlers.get(type(node))
        if handler is None:
            raise ExpressionProblem(f"{_what(node)} is not allowed in a rule; allowed: field names, literals, "
                                    "comparisons, AND/OR/NOT, + - * /, IN, BETWEEN, IS NULL, LIKE, CASE and "
                                    "the functions " + ", ".join(allowed_names()), start_of(node))
        return handler(node)

    def expect(self, node: exp.Expr, wanted: FieldType) -> Type:
        found = self.type_of(node)
        if found not in (None, wanted):
            raise ExpressionProblem(f"{node.sql('duckdb')!r} is {found}, expected {wanted}", start_of(node))
        return wanted

    def boolean(self, node: exp.Expr) -> Type:
        return self.expect(node, "boolean")

    def same(self, nodes: list[exp.Expr]) -> Type:
        """The common type of ``nodes`` (NULLs fit any), or a refusal naming the odd one."""
        found: Type = None
        for node in nodes:
            kind = self.type_of(node)
            if kind is not None and found is not None and kind != found:
                raise ExpressionProblem(f"{node.sql('duckdb')!r} is {kind}, expected {found} like the values "
                                        "it is compared or combined with", start_of(node))
            found = found or kind
        return found

    def column(self, node: exp.Column) -> Type:
        name = field_name(node)
        term = self.fields.get(name)
        if term is None:
            close = difflib.get_close_matches(name, list(self.fields), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else " (see docs/rules.md, Vocabulary)"
            raise ExpressionProblem(f"unknown field {name!r}{hint}", start_of(node))
        return term.type

    def literal(self, node: exp.Literal) -> Type:
        return "text" if node.is_string else "number"

    def logic(self, node: exp.Expr) -> Type:
        self.boolean(node.this)
        return self.boolean(node.expression)

    def comparison(self, node: exp.Expr) -> Type:
        self.same([node.this, node.expression])
        return "boolean"

    def arithmetic(self, node: exp.Expr) -> Type:
        self.expect(node.this, "number")
        return self.expect(node.expression, "number")

    def is_(self, node: exp.Is) -> Type:
        if not isinstance(node.expression, exp.Null | exp.Boolean):
            raise ExpressionProblem("IS takes NULL, TRUE or FALSE", start_of(node.expression))
        if isinstance(node.expression, exp.Boolean):
            self.boolean(node.this)
        else:
            self.type_of(node.this)
        return "boolean"

    def in_(self, node: exp.In) -> Type:
        if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
            raise ExpressionProblem("IN takes a list of values, not a query", start_of(node))
        self.same([node.this, *node.expressions])
        return "boolean"

    def between(self, node: exp.Between) -> Type:
        if node.args.get("symmetric"):
            raise ExpressionProblem("BETWEEN SYMMETRIC is not allowed", start_of(node))
        self.same([node.this, node.args["low"], node.args["high"]])
        return "boolean"

    def like(self, node: exp.Expr) -> Type:
        self.expect(node.this, "text")
        if not (isinstance(node.expression, exp.Literal) and node.expression.is_string):
            raise ExpressionProblem("LIKE takes a quoted pattern", start_of(node.expression))
        return "boolean"

    def case(self, node: exp.Case) -> Type:
        for branch in node.args["ifs"]:
            if node.this is None:
                self.boolean(branch.this)
            else:
                self.same([node.this, branch.this])
        results = [b.args["true"] for b in node.args["ifs"]] + [node.args.get("default") or exp.null()]
        return self.same(results)

    def function(self, node: exp.Func) -> Type:
        spec = BY_NODE[type(node)]
        args = call_arguments(node)
        if len(args) > spec.max_args:
            raise ExpressionProblem(f"{spec.name} takes at most {spec.max_args} argument(s)", start_of(node))
        if spec.args == SAME:
            return self.same(args)
        for arg in args:
            self.expect(arg, cast(FieldType, spec.args))
        return cast(FieldType, spec.returns)

    def anonymous(self, node: exp.Anonymous) -> Type:
        args = node.expressions
        if node.name.lower() != WATCHLIST_FUNCTION:
            raise ExpressionProblem(f"function {node.name}() is not allowed; allowed: {', '.join(allowed_names())}",
                                    start_of(node))
        if len(args) != 1 or not isinstance(args[0], exp.Column) or field_name(args[0]) not in ROLES:
            raise ExpressionProblem(f"{WATCHLIST_FUNCTION}() takes one of: {', '.join(ROLES)}", start_of(node))
        if f"{args[0].name}.on_watchlist" not in self.fields:
            raise ExpressionProblem(f"{WATCHLIST_FUNCTION}() is for transfers", start_of(node))
        return "boolean"


def _what(node: exp.Expr) -> str:
    if isinstance(node, exp.Func):
        return f"function {node.sql_name().lower()}()"
    if isinstance(node, exp.Subquery | exp.Select | exp.Query):
        return "a subquery"
    if isinstance(node, exp.Table):
        return "a table"
    return f"{type(node).__name__} ({node.sql('duckdb')})"
