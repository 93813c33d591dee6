"""The live (Python) and back-test (DuckDB SQL) forms of a rule give the same truth value, NULLs included."""

from __future__ import annotations

import duckdb
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scamnet.rules.check import when_expression
from scamnet.rules.load import starter_rules
from scamnet.rules.python import compiled
from scamnet.rules.sql import rule_sql
from scamnet.rules.vocabulary import vocabulary

FIELDS = vocabulary("transfer")
ARROW = {"number": pa.float64(), "text": pa.string(), "boolean": pa.bool_()}
NUMBERS = st.integers(-4000, 4000).map(lambda x: x / 4)
WORDS = st.sampled_from(["person", "business", "atm", "mobile", "ATM", "a%b", "a_b", "", "x'y"])
VALUES = {"number": NUMBERS, "text": WORDS, "boolean": st.booleans()}


def field_value(kind: str):
    return st.one_of(st.none(), VALUES[kind])


STARTER = starter_rules()
CONTEXT = st.fixed_dictionaries({name: field_value(t.type) for name, t in FIELDS.items()})


CON = duckdb.connect()


def sql_values(whens: list[str], contexts: list[dict]) -> list[list]:
    """Per expression, its SQL value on each context (one query for all)."""
    table = pa.table({n: pa.array([c[n] for c in contexts], ARROW[t.type]) for n, t in FIELDS.items()})
    CON.register("context", table)
    columns = ", ".join(rule_sql(when_expression(w, "transfer")) for w in whens)
    rows = CON.execute(f"SELECT {columns} FROM context").fetchall()
    return [list(col) for col in zip(*rows, strict=True)]


def python_values(whens: list[str], contexts: list[dict]) -> list[list]:
    fns = [compiled(when_expression(w, "transfer")) for w in whens]
    return [[fn(c) for c in contexts] for fn in fns]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CONTEXT, min_size=1, max_size=25))
def test_every_starter_rule_reads_the_same_live_and_in_sql(contexts: list[dict]) -> None:
    whens = [r.when for r in STARTER]
    assert python_values(whens, contexts) == sql_values(whens, contexts)


def _fields(kind: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(n for n, t in FIELDS.items() if t.type == kind))


def _number_literal() -> st.SearchStrategy[str]:
    return NUMBERS.map(lambda x: f"({x})" if x < 0 else str(x))


def _text_literal() -> st.SearchStrategy[str]:
    return WORDS.map(lambda w: "'" + w.replace("'", "''") + "'")


def _expressions():
    """Well-typed random expressions: (numbers, texts, booleans) strategies."""
    num_leaf = st.one_of(_fields("number"), _number_literal(), st.just("NULL"))
    text_leaf = st.one_of(_fields("text"), _text_literal())
    bool_leaf = st.one_of(_fields("boolean"), st.sampled_from(["TRUE", "FALSE", "NULL"]))

    def grow_num(inner):
        pair = st.tuples(inner, inner)
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda a: f"abs({a})"), inner.map(lambda a: f"-({a})"),
            pair.map(lambda p: f"coalesce({p[0]}, {p[1]})"), pair.map(lambda p: f"least({p[0]}, {p[1]})"),
            pair.map(lambda p: f"greatest({p[0]}, {p[1]}, 1)"),
            st.tuples(comparison(inner), inner, inner).map(lambda t: f"CASE WHEN {t[0]} THEN {t[1]} ELSE {t[2]} END"),
        )

    def comparison(num):
        op = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
        texts = st.one_of(text_leaf, text_leaf.map(lambda t: f"lower({t})"), text_leaf.map(lambda t: f"upper({t})"))
        return st.one_of(
            st.tuples(num, op, num).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            st.tuples(texts, op, texts).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            st.tuples(num, num, num).map(lambda t: f"{t[0]} BETWEEN {t[1]} AND {t[2]}"),
            st.tuples(texts, st.lists(st.one_of(_text_literal(), st.just("NULL")), min_size=1, max_size=3)).map(
                lambda t: f"{t[0]} IN ({', '.join(t[1])})"),
            st.tuples(texts, st.sampled_from(["a%", "%b", "_", "%", "a_b", "ATM"]), st.booleans()).map(
                lambda t: f"{t[0]} {'NOT ' if t[2] else ''}LIKE '{t[1]}'"),
            st.tuples(st.one_of(num, texts), st.booleans()).map(lambda t: f"{t[0]} IS {'NOT ' if t[1] else ''}NULL"),
        )

    nums = st.recursive(num_leaf, grow_num, max_leaves=6)

    def grow_bool(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(["AND", "OR"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda a: f"NOT ({a})"), inner.map(lambda a: f"({a}) IS TRUE"),
        )

    return st.recursive(st.one_of(bool_leaf, comparison(nums)), grow_bool, max_leaves=6)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_expressions(), st.lists(CONTEXT, min_size=1, max_size=15))
def test_random_expressions_read_the_same_live_and_in_sql(when: str, contexts: list[dict]) -> None:
    assert python_values([when], contexts) == sql_values([when], contexts), when
