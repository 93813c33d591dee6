"""Many users, one store: while another process writes, readers read the last finished state and writers wait their turn."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from scamnet.store import open_store
from scamnet.store.access import snapshot_path

WRITER = """
import sys, time
from pathlib import Path
from scamnet.store import open_store
db, ready, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with open_store(db) as store:
    store.con.execute("INSERT INTO persons VALUES ('p2', 1980, 'R02')")
    ready.write_text("writing")
    while not go.exists():
        time.sleep(0.05)
"""


def persons(db: Path) -> tuple[list[str], bool]:
    with open_store(db, read_only=True) as store:
        return [r[0] for r in store.con.execute("SELECT person_id FROM persons ORDER BY 1").fetchall()], store.snapshot


@pytest.fixture
def writing(db_path: Path, tmp_path: Path):
    """Another process that has written p2 into the store and holds it until told to finish."""
    with open_store(db_path) as store:
        store.con.execute("INSERT INTO persons VALUES ('p1', 1960, 'R01')")
    ready, go = tmp_path / "ready", tmp_path / "go"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(ready), str(go)])
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.05)
    assert ready.exists(), "the writer process did not start writing"
    yield go
    go.write_text("done")
    assert writer.wait(timeout=60) == 0


def test_a_reader_reads_the_last_finished_state_while_another_process_writes(db_path: Path, writing: Path) -> None:
    assert persons(db_path) == (["p1"], True), "the snapshot: the store before the writer began, never half a write"
    writing.write_text("done")
    deadline = time.monotonic() + 30
    while persons(db_path)[1] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert persons(db_path) == (["p1", "p2"], False), "once the writer is done, the store itself"
    assert snapshot_path(db_path).exists()


def test_a_second_writer_waits_for_its_turn_and_both_writes_land(db_path: Path, writing: Path) -> None:
    finish = subprocess.Popen([sys.executable, "-c", "import time, pathlib, sys; time.sleep(1.0); "
                               "pathlib.Path(sys.argv[1]).write_text('done')", str(writing)])
    with open_store(db_path, wait_s=60) as store:  # waits for the writer, which finishes in about a second
        store.con.execute("INSERT INTO persons VALUES ('p3', 1990, 'R03')")
    finish.wait(timeout=30)
    assert persons(db_path) == (["p1", "p2", "p3"], False)
