"""The one Spark session a run (or a test run) uses: local by default, any master URL otherwise.

PySpark is an optional extra (``pip install 'scamnet[spark]'``, Java 17+): it is imported here,
on first use, never when scamnet itself is imported.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from scamnet.core.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Shuffle partitions of a local run: Spark's default (200) costs more in scheduling than it spreads.
LOCAL_PARTITIONS = 8

#: The JVM options of a local run, where the driver is also the only executor. A batch run wants
#: throughput, not short pauses: the parallel collector instead of G1 took a fifth less CPU and an
#: eighth less time over the telecom step of 9.25 M events. Every JVM compiles Spark's code and each
#: query's generated code anew, and the JIT's optimising compiler took a fifth of the JVM's CPU over that
#: step; inlining less (hot methods of up to 100 bytecodes, not 325; callees compiled to under 1,000
#: bytes of machine code, not 2,500) halved its work for about the same task time (docs/history/engines.md).
#: Replaced as a whole by ``SCAMNET_SPARK_JAVA_OPTIONS``; on a cluster, the executors' own options are
#: the cluster's choice.
LOCAL_JAVA_OPTIONS = "-XX:+UseParallelGC -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000"

#: How blocks are written when they are stored serialised (the materialised steps, ``materialised``):
#: Kryo writes Spark's rows as their bytes, where Java's serialisation wraps each in a stream of its own.
SERIALIZER = "org.apache.spark.serializer.KryoSerializer"


def spark_session(master: str = "local[2]", app_name: str = "scamnet") -> SparkSession:
    """A Spark session on ``master`` (``local[N]``, ``spark://host:7077``, ``k8s://...``, ``yarn``).

    Times are UTC and Arrow carries data between the JVM and Python. Under ``spark-submit`` the
    master set there wins (``getOrCreate`` returns the submitted session).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("the Spark engine needs PySpark: pip install 'scamnet[spark]' (and Java 17 or newer)") from exc
    local = master.startswith("local")
    # a local driver binds to the loopback, and its Python workers are this interpreter (with scamnet importable)
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.ansi.enabled", "false")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.serializer", SERIALIZER))
    if local:
        builder = (builder.config("spark.sql.shuffle.partitions", str(LOCAL_PARTITIONS))
                   .config("spark.driver.memory", os.environ.get("SCAMNET_SPARK_DRIVER_MEMORY", "2g"))
                   .config("spark.driver.extraJavaOptions",
                           os.environ.get("SCAMNET_SPARK_JAVA_OPTIONS", LOCAL_JAVA_OPTIONS)))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("OFF")
    logging.getLogger("SQLQueryContextLogger").disabled = True  # errors reach the caller as exceptions
    return session


def materialised(frame: DataFrame) -> DataFrame:
    """``frame`` computed now and kept, its lineage cut: later plans start from its rows.

    Kept serialised (memory, then disk), not as one Java object per row as ``localCheckpoint()``
    keeps them by default: the materialised steps of a run hold millions of rows, and the collector
    then copied and marked them in every pause (about 25 s of pauses in 150 s of Spark's telecom
    features at 9.25 M events, 5 s serialised; docs/scale.md).
    """
    from pyspark import StorageLevel

    return frame.localCheckpoint(eager=True, storageLevel=StorageLevel.MEMORY_AND_DISK)


def stop_session(session: SparkSession) -> None:
    """Stop ``session`` and the JVM PySpark started for it, so that the next ``spark_session`` of this
    process starts a cold JVM, as a new batch run does (a warm JVM has Spark's code compiled already)."""
    from pyspark import SparkContext

    session.stop()
    gateway = SparkContext._gateway
    if gateway is not None:
        gateway.shutdown()
        SparkContext._gateway, SparkContext._jvm = None, None
