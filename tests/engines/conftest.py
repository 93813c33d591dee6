"""One Spark session and one small world per test run: both engines read the same Parquet files.

Skipped where PySpark or Java is missing (``scripts/test.sh`` installs both).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scamnet.service.simulate import simulate_world

#: A small world: enough gateways, mules, reports, gangs, scam messages and laundering wallets
#: to compare, quick on 2 cores.
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
    """The demo world with its chain leg on (OTC traders, peel chains), so wallets are scored too."""
    root = tmp_path_factory.mktemp("parity")
    scenario = root / "demo_crypto.toml"
    scenario.write_text(_demo_toml() + "\n[crypto]\nenabled = true\n", encoding="utf-8")
    simulate_world(root / "world", scenario, seed=1, people=PEOPLE, days=DAYS)
    return root / "world"


def _demo_toml() -> str:
    from importlib import resources

    return resources.files("scamnet.sim.scenarios").joinpath("demo.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def registered(spark, world: Path):
    from scamnet.engines.spark.tables import register_world

    register_world(spark, str(world))
    return spark
