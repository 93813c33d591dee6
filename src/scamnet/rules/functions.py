"""The functions a rule may call: each one's SQL node, its argument and result types, and its Python twin.

The Python twin follows DuckDB on NULLs: a NULL argument gives NULL, except ``coalesce`` (the
first non-NULL) and ``least`` / ``greatest`` (which skip NULLs, NULL only when all are).
``in_watchlist(payer|payee)`` is not here: it is a spelling of the field ``payee.on_watchlist``
and is rewritten to it when a rule is loaded.

>>> FUNCTIONS["greatest"].python(None, 2.0, 1.0)
2.0
>>> FUNCTIONS["lower"].python(None) is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from scamnet.rules.vocabulary import FieldType

#: A name for a function's single type variable: every argument has the same type, and so has the result.
SAME = "same"


@dataclass(frozen=True)
class Function:
    """One allowed function: ``args`` and ``returns`` are a field type or ``SAME``."""

    name: str
    node: type[exp.Func]
    args: FieldType | str
    returns: FieldType | str
    python: Callable[..., Any]
    max_args: int = 1


def _strict(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else fn(value)


def _coalesce(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _skipping_nulls(pick: Callable[..., Any]) -> Callable[..., Any]:
    def apply(*values: Any) -> Any:
        present = [v for v in values if v is not None]
        return pick(present) if present else None

    return apply


_ALL = (
    Function("abs", exp.Abs, "number", "number", _strict(abs)),
    Function("coalesce", exp.Coalesce, SAME, SAME, _coalesce, max_args=64),
    Function("least", exp.Least, SAME, SAME, _skipping_nulls(min), max_args=64),
    Function("greatest", exp.Greatest, SAME, SAME, _skipping_nulls(max), max_args=64),
    Function("lower", exp.Lower, "text", "text", _strict(str.lower)),
    Function("upper", exp.Upper, "text", "text", _strict(str.upper)),
    Function("length", exp.Length, "text", "number", _strict(lambda s: float(len(s)))),
)
FUNCTIONS = {f.name: f for f in _ALL}
BY_NODE = {f.node: f for f in _ALL}
WATCHLIST_FUNCTION = "in_watchlist"


def allowed_names() -> list[str]:
    """Every function name a rule may call, for error messages and the docs."""
    return sorted([*FUNCTIONS, WATCHLIST_FUNCTION])


def call_arguments(node: exp.Func) -> list[exp.Expr]:
    """The arguments of an allowed function call, in order."""
    return [node.this, *node.expressions] if node.this is not None else list(node.expressions)
