"""One Spark session and one small world per test run: both engines read the same Parquet files.

Skipped where PySpark or Java is missing (``scripts/test.sh`` installs both).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scamnet.service.simulate import simulate_world

#: A small world: enough gateways, mules, reports and gangs to compare, quick on 2 cores.
PEOPLE, DAYS = 1000, 7


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs Java (scripts/test.sh installs openjdk-17-jre-headless)")
    from scamnet.engines.spark.session import spark_session

    session = spark_session("local[2]", app_name="scamnet-parity")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parity") / "world"
    simulate_world(folder, "demo", seed=1, people=PEOPLE, days=DAYS)
    return folder


@pytest.fixture(scope="session")
def registered(spark, world: Path):
    from scamnet.engines.spark.tables import register_world

    register_world(spark, str(world))
    return spark
