"""Shared fixtures: a fresh store file per test, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scamnet.core.clock import FixedClock
from scamnet.store import open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "scamnet.db"


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
