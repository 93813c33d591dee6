"""SQL and the database connection stay in ``store/`` and ``features/``.

Everything else reads and writes through functions named for what they return, so an API, a live
scorer or the Spark engine can sit on the same use cases without a second copy of the queries.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import scamnet

PACKAGE = Path(scamnet.__file__).parent
HOMES = ("store", "features")
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(OR\s+REPLACE\s+)?(TABLE|VIEW))\b",
                 re.DOTALL)
#: Places outside the homes that run DuckDB as an engine of their own, never on the store, and why.
ENGINES = {
    "ingest/readers.py": "parses JSON Lines files in a private in-memory DuckDB connection before validation",
    "ingest/convert.py": "converts raw columns to the canonical types in a private in-memory connection",
    "sim/writer.py": "writes a simulated world as a world.duckdb file, an output format like Parquet",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in HOMES)


def _offences(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree) if _has_docstring(n)}
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue  # prose about SQL, not SQL
        if (text := _text(node)) is not None and SQL.search(text):
            found.append(f"line {node.lineno}: SQL text {text[:60]!r}")
        elif isinstance(node, ast.Attribute) and node.attr == "con":
            found.append(f"line {node.lineno}: uses a database connection (.con)")
    return found


def _has_docstring(node: ast.AST) -> bool:
    body = getattr(node, "body", None)
    return (isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and bool(body)
            and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant))


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's with ``{}`` for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def test_no_module_outside_store_and_features_holds_sql_or_a_connection() -> None:
    offences = {}
    for path in _modules():
        name = path.relative_to(PACKAGE).as_posix()
        if name not in ENGINES and (found := _offences(path)):
            offences[name] = found
    assert not offences, "SQL belongs in store/ or features/:\n" + "\n".join(
        f"{name}: {'; '.join(found[:3])}" for name, found in offences.items())


def test_the_guard_sees_sql_where_it_is() -> None:
    assert SQL.search("SELECT entity FROM alerts WHERE detector = ?")
    assert SQL.search(_text(ast.parse('f"SELECT {cols} FROM {table}"').body[0].value) or "")
    assert not SQL.search("select the accounts to freeze from the trace")  # prose is not SQL
    assert _offences(PACKAGE / "store" / "db.py")


def test_every_engine_exception_still_exists_and_still_needs_its_reason() -> None:
    for name in ENGINES:
        assert _offences(PACKAGE / name), f"{name} no longer runs DuckDB: drop its exception"
