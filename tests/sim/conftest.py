"""One small world shared by the simulator tests (500 people, 5 days: about a second to make)."""

from __future__ import annotations

import pytest

from scamnet.sim import simulate


@pytest.fixture(scope="session")
def small_world():
    return simulate("demo", seed=3, people=500, days=5)


@pytest.fixture(scope="session")
def small_data(small_world):
    return small_world.data()


def query(data, sql: str) -> list[tuple]:
    return data.con.sql(sql).fetchall()
