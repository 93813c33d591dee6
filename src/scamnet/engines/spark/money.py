"""Money on Spark: the time-ordered account features per partition, and the transfers a trace can touch.

``sequence_frame`` runs ``features/money_sequence.py`` (NumPy over one sort) on each partition of
accounts: every account's events land in one partition, sorted there as on the embedded path.

``trace_neighbourhood`` finds, by iterative joins over the transfers, every account the victims'
money can reach within the hops and horizon of a trace, and returns every transfer into or out
of those accounts up to the latest report: all a fund trace reads (the balance an account held
before the money arrived included). The traces themselves then run on the driver with the
embedded tracer over that neighbourhood (``service/spark_run.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

import pyarrow as pa

from scamnet.engines.spark.features import spark_feature
from scamnet.engines.spark.session import materialised
from scamnet.features.money_sequence import COLUMNS, sequence_of_events

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SEQUENCE_DDL = "k bigint, " + ", ".join(f"{c} double" for c in COLUMNS)


def sequence_frame(spark: SparkSession, partitions: int | None = None) -> DataFrame:
    """``account_sequence`` (``k`` and the columns of ``money_sequence``) computed per partition of accounts."""
    events = spark_feature(spark, "money/account_events")
    events = events.repartition(partitions or spark.sparkContext.defaultParallelism, "k")
    events = events.sortWithinPartitions("k", "s", events["dir"].desc())

    def per_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches), schema=schema)
        if table.num_rows:
            yield from sequence_of_events(table).to_batches()

    from pyspark.sql.pandas.types import to_arrow_schema

    schema = to_arrow_schema(events.schema)
    return events.mapInArrow(per_partition, SEQUENCE_DDL)


def trace_neighbourhood(spark: SparkSession, starts: list[tuple[str, datetime, datetime]], until: datetime,
                        max_hops: int) -> DataFrame:
    """The transfers (all their columns) a trace from ``starts`` can read.

    ``starts`` are ``(account, since, stop)``: an account the victims' money can leave from
    ``since`` on, followed until ``stop``. Money spreads forward ``max_hops`` transfers, each at or
    after the one before and before its start's ``stop``; every transfer into or out of a reached
    account before ``until`` is returned.
    """
    from pyspark.sql import functions as F

    transfers = spark.table("transfers")
    schema = "account string, at timestamp, stop timestamp"
    reached = spark.createDataFrame(list(starts), schema).groupBy("account").agg(
        F.min("at").alias("at"), F.max("stop").alias("stop"))
    moves = transfers.where(F.col("dst_account").isNotNull() & (F.col("ts") <= F.lit(until)))
    for _ in range(max_hops):
        step = (moves.join(reached, moves.src_account == reached.account)
                .where((moves.ts >= reached.at) & (moves.ts <= reached.stop))
                .select(F.col("dst_account").alias("account"), F.col("ts").alias("at"), "stop"))
        reached = reached.union(step).groupBy("account").agg(F.min("at").alias("at"), F.max("stop").alias("stop"))
        reached = materialised(reached)
    accounts = reached.select("account")
    touching = (transfers.join(accounts, transfers.src_account == accounts.account, "left_semi")
                .union(transfers.join(accounts, transfers.dst_account == accounts.account, "left_semi")))
    return touching.where(F.col("ts") <= F.lit(until)).distinct()
