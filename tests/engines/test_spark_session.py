"""The local Spark session: the settings a batch run on one machine gets."""

from __future__ import annotations


def test_a_local_run_collects_garbage_for_throughput_not_pauses(spark) -> None:
    # the driver is the only executor of a local run: the parallel collector, not G1's concurrent work
    beans = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
    names = {bean.getName() for bean in beans}
    assert names == {"PS Scavenge", "PS MarkSweep"}

