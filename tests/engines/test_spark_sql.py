"""The feature SQL moves to Spark by sqlglot plus six mappings; none needs Spark to check."""

from __future__ import annotations

import pytest
import sqlglot

from scamnet.engines.spark.sql import spark_feature_sql, transpiled
from scamnet.features.runner import feature_names

#: The rules' transfer context needs DuckDB's window EXCLUDE (docs/features.md): not a batch step.
BATCH_QUERIES = [n for n in feature_names() if n != "rules/transfer_context"]


@pytest.mark.parametrize("name", BATCH_QUERIES)
def test_every_batch_feature_query_becomes_spark_sql_that_spark_can_parse(name: str) -> None:
    spark_sql = spark_feature_sql(name, utc_offset_hours=8)
    assert sqlglot.parse_one(spark_sql, read="spark") is not None
    assert "epoch(" not in spark_sql.lower() and "WHERE (TRUE)" not in spark_sql


def test_account_keys_are_64_bit_on_spark_as_in_duckdb() -> None:
    assert "XXHASH64(dst_account)" in spark_feature_sql("money/account_events")


def test_epoch_keeps_its_microseconds_on_spark() -> None:
    assert transpiled("SELECT epoch(ts) FROM calls") == "SELECT (CAST(UNIX_MICROS(ts) AS DOUBLE) / 1000000.0) FROM calls"


def test_a_share_averaged_from_decimal_literals_is_a_double_on_spark() -> None:
    # Spark would average DECIMAL(2,1) into a DECIMAL rounded to 5 places; DuckDB gives a DOUBLE
    assert transpiled("SELECT avg(CASE WHEN x THEN 1.0 ELSE 0.0 END) FROM t") == (
        "SELECT AVG(CASE WHEN x THEN CAST(1.0 AS DOUBLE) ELSE CAST(0.0 AS DOUBLE) END) FROM t")


def test_an_open_period_is_a_plain_true_that_spark_cannot_mistake_for_an_alias() -> None:
    assert transpiled("SELECT * FROM transfers WHERE (TRUE)") == "SELECT * FROM transfers WHERE TRUE"


def test_a_median_within_group_stays_exact_on_spark() -> None:
    # sqlglot writes PERCENTILE_APPROX, an estimate: a wallet's median hold time would differ
    assert transpiled("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hold) FROM r") == "SELECT PERCENTILE(hold, 0.5) FROM r"


def test_a_floor_stays_a_double_on_spark_as_in_duckdb() -> None:
    # Spark's FLOOR gives a BIGINT: a SIM bank's "own SIMs lasted 11.0 days" would read "11 days"
    assert transpiled("SELECT floor(t_s / 86400) AS day_at FROM c") == "SELECT CAST(FLOOR(t_s / 86400) AS DOUBLE) AS day_at FROM c"


@pytest.mark.parametrize(("sql", "keys"), [
    ("SELECT m.msg_id, m.text FROM messages AS m ORDER BY m.msg_id", ("msg_id",)),
    ("SELECT 'phone:' || n AS entity, x FROM t ORDER BY entity", ("entity",)),
    ("SELECT a, b FROM t ORDER BY a, b", ("a", "b")),
    ("SELECT a, b FROM t ORDER BY a DESC", ()),  # descending: Spark keeps its sort
    ("SELECT a, b FROM t ORDER BY a + b", ()),  # not an output column
    ("SELECT a FROM t ORDER BY b", ()),
    ("SELECT a FROM t", ()),
])
def test_only_an_ascending_order_of_output_columns_is_left_to_the_driver(sql: str, keys: tuple[str, ...]) -> None:
    from scamnet.engines.spark.features import _order_columns

    assert _order_columns(sqlglot.parse_one(sql, read="spark")) == keys


def test_every_scored_feature_query_of_a_spark_run_leaves_its_order_to_the_driver() -> None:
    from scamnet.engines.spark.features import _order_columns

    for name, key in (("content/message_context", "msg_id"), ("telecom/number_features", "entity"),
                      ("telecom/imei_features", "entity"), ("money/mule_features", "account_id"),
                      ("crypto/wallet_features", "entity")):
        assert _order_columns(sqlglot.parse_one(spark_feature_sql(name), read="spark")) == (key,), name
