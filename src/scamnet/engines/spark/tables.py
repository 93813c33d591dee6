"""The canonical tables of a Parquet world as Spark views, named as the feature SQL names them.

A world folder holds ``<table>.parquet`` (a file, or a folder of part files as Spark writes
them) per canonical table — what ``scamnet simulate --out DIR`` writes. A table without one is
an empty view with the canonical schema, as on the embedded path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from scamnet.engines.spark.features import forget_materialised
from scamnet.schema import INPUT_TABLES, TableSpec

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def register_world(spark: SparkSession, folder: str) -> dict[str, int]:
    """Create a temp view per canonical input table of ``folder`` (any path Spark reads); rows per table."""
    forget_materialised()
    counts = {}
    for spec in INPUT_TABLES:
        frame = _read(spark, folder.rstrip("/") + f"/{spec.name}.parquet", spec)
        frame.createOrReplaceTempView(spec.name)
        counts[spec.name] = frame.count() if spec.name in ("reports", "report_items") else -1
    return counts


def _read(spark: SparkSession, path: str, spec: TableSpec) -> DataFrame:
    if _exists(spark, path):
        frame = spark.read.parquet(path)
        return frame.select(*[c for c in spec.column_names if c in frame.columns])
    return empty_frame(spark, spec.schema)


def empty_frame(spark: SparkSession, schema: pa.Schema) -> DataFrame:
    from pyspark.sql.pandas.types import from_arrow_schema

    return spark.createDataFrame([], from_arrow_schema(schema))


def _exists(spark: SparkSession, path: str) -> bool:
    jvm = spark.sparkContext._jvm  # Hadoop's file system: the same paths Spark reads (local, hdfs://, s3a://)
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)  # type: ignore[union-attr]
    return bool(hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(hadoop_path))  # type: ignore[union-attr]


def arrow_of(frame: DataFrame) -> pa.Table:
    """``frame`` collected to the driver as an Arrow table (only for small results)."""
    return frame.toArrow()
