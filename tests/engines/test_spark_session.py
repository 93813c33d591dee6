"""The local Spark session: the settings a batch run on one machine gets."""

from __future__ import annotations


def test_a_local_run_collects_garbage_for_throughput_not_pauses(spark) -> None:
    # the driver is the only executor of a local run: the parallel collector, not G1's concurrent work
    beans = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
    names = {bean.getName() for bean in beans}
    assert names == {"PS Scavenge", "PS MarkSweep"}



def test_a_materialised_step_keeps_its_rows_as_bytes_and_starts_later_plans_from_them(spark) -> None:
    # the steps a run materialises hold millions of rows: kept as one Java object per row, the
    # collector copied and marked them in every pause
    from scamnet.engines.spark.session import materialised

    frame = spark.range(1000).selectExpr("id", "id % 7 AS bucket").groupBy("bucket").count()
    kept = materialised(frame)
    assert sorted(r["count"] for r in kept.collect()) == [142] + [143] * 6  # 1,000 = 7 × 142 + 6
    assert "Aggregate" not in kept._jdf.queryExecution().analyzed().toString()  # the lineage is cut
    stored = [info for info in spark.sparkContext._jsc.sc().getRDDStorageInfo() if info.numCachedPartitions() > 0]
    assert stored and all(not info.storageLevel().deserialized() for info in stored)
    assert spark.sparkContext.getConf().get("spark.serializer").endswith("KryoSerializer")
