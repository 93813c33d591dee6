"""Every shipped feature query is one SQL file that DuckDB runs and sqlglot moves to Spark."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from importlib import resources

import pyarrow as pa
import pytest
import sqlglot
from sqlglot import exp

from scamnet.core.errors import NotFoundError
from scamnet.features.data import Data
from scamnet.features.runner import feature_names, feature_sql, included_queries, included_sql, period_sql, run_feature

_TELECOM = ("telecom/imei_features", "telecom/number_features")


def _file_text(name: str) -> str:
    folder, _, stem = name.partition("/")
    return (resources.files("scamnet.features") / "sql" / folder / f"{stem}.sql").read_text(encoding="utf-8")


#: Spark functions sqlglot passes through by name without modelling them (all exist in Spark SQL).
_SPARK_BUILTINS_UNMODELLED = frozenset({"HASH"})


#: Queries that need a DuckDB construct Spark lacks, and why (docs/features.md says the same).
DUCKDB_ONLY = {
    "rules/transfer_context": "window frames EXCLUDE GROUP, so transfers at the same instant are not 'before' "
                              "each other (live, they arrive as one batch); Spark's frames have no EXCLUDE",
}


def _filled(name: str) -> str:
    data = Data.from_tables(since=datetime(2026, 3, 1, tzinfo=UTC), until=datetime(2026, 3, 8, tzinfo=UTC))
    return period_sql(feature_sql(name), data, utc_offset_hours=8)


@pytest.mark.parametrize("name", [n for n in feature_names() if n not in DUCKDB_ONLY])
def test_every_feature_query_transpiles_to_spark_reading_the_same_tables(name: str) -> None:
    sql = _filled(name)
    (spark,) = sqlglot.transpile(sql, read="duckdb", write="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)
    assert _tables_read(spark, "spark") == _tables_read(sql, "duckdb") != set()
    # a DuckDB-only function (epoch_us, say) would pass through by name and fail on Spark
    unknown = {f.name.upper() for f in sqlglot.parse_one(spark, read="spark").find_all(exp.Anonymous)}
    assert unknown <= _SPARK_BUILTINS_UNMODELLED


@pytest.mark.parametrize("name", sorted(DUCKDB_ONLY))
def test_each_duckdb_only_query_still_needs_its_exception(name: str) -> None:
    with pytest.raises(sqlglot.errors.UnsupportedError):
        sqlglot.transpile(_filled(name), read="duckdb", write="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)


def _tables_read(sql: str, dialect: str) -> set[str]:
    tree = sqlglot.parse_one(sql, read=dialect)
    ctes = {cte.alias for cte in tree.find_all(exp.CTE)}
    return {t.name for t in tree.find_all(exp.Table)} - ctes


def test_fragments_are_no_queries_of_their_own() -> None:
    assert "telecom/_calls_in_period" not in feature_names()
    with pytest.raises(NotFoundError):
        feature_sql("telecom/_calls_in_period")


def test_both_telecom_queries_read_the_periods_calls_through_one_shared_definition() -> None:
    # through the whole queries both include: handed in computed, neither query's text reads the calls
    shared = _file_text("telecom/_calls_in_period").rstrip()
    for name in _TELECOM:
        assert "FROM calls\n" not in _file_text(name)
        assert "{include:" not in feature_sql(name)
        assert feature_sql(name).count(shared) >= 1
        assert feature_sql(name, frozenset(included_queries(name))).count(shared) == 0
    for name in ("telecom/calling_rhythm", "telecom/call_pairs", "telecom/call_footprint"):
        assert "FROM calls\n" not in _file_text(name)
        assert feature_sql(name).count(shared) == 1


def test_a_fragment_may_include_another_but_not_itself_or_a_missing_one() -> None:
    with pytest.raises(NotFoundError, match="telecom/_nowhere"):
        included_sql("WITH {include:telecom/_nowhere} SELECT 1")
    with pytest.raises(NotFoundError, match="includes itself"):
        included_sql("{include:telecom/_calls_in_period}", ("telecom/_calls_in_period",))


def test_a_quote_in_a_report_id_is_a_bound_value_not_sql() -> None:
    reports = pa.table({"report_id": ["r1"], "reported_at": [datetime(2026, 3, 2, tzinfo=UTC)],
                        "scam_type": ["refund"], "loss_amount": [Decimal(1200)], "currency": ["CNY"]})
    data = Data.from_tables(reports=reports)
    named = run_feature(data, "graph/report_facts", params={"reports": ["report:r1"]})
    injected = run_feature(data, "graph/report_facts", params={"reports": ["report:x' OR '1'='1"]})
    assert named["report"].to_pylist() == ["report:r1"] and injected.num_rows == 0
