"""Class: a process killed (kill -9) in the middle of a write.

The command runs in a child process that kills itself at one write phase: while staging (after
the first batch is in the scratch file), inside the store's transaction (after the first table's
rows were inserted, before the commit), and between two steps of ``scamnet run`` (after the first
step wrote its alerts). Afterwards the store opens and holds all of the change or none of it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from .conftest import digest

SRC = Path(__file__).resolve().parents[2] / "src"
HEADER = "txn_id,ts,src_account,dst_account,amount,currency,channel\n"

KILL_WHILE_STAGING = """
    import scamnet.store.keyed as keyed
    original = keyed.Staging.append
    def append(self, *args, **kwargs):
        original(self, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    keyed.Staging.append = append
"""
KILL_BEFORE_COMMIT = """
    import scamnet.store.keyed as keyed
    original = keyed.Staging.insert_new
    def insert_new(self):
        original(self)
        os.kill(os.getpid(), signal.SIGKILL)
    keyed.Staging.insert_new = insert_new
"""


def _child(code: str, tmp_path: Path) -> int:
    script = tmp_path / "child.py"
    script.write_text("import os, signal, sys\n" + textwrap.dedent(code), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)
    return done.returncode


def _transfers(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM transfers").fetchall()[0][0]


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    from scamnet.core.settings import Settings
    from scamnet.service.ingest import ingest_files

    first = tmp_path / "transfers_first.csv"
    first.write_text(HEADER + "".join(f"S{i},2026-03-01T09:00:00Z,A{i},B{i},1.00,CNY,mobile\n" for i in range(3)),
                     encoding="utf-8")
    ingest_files([first], tmp_path / "s.db", Settings())
    more = tmp_path / "transfers_more.csv"
    more.write_text(HEADER + "".join(f"T{i},2026-03-01T09:00:00Z,A{i},B{i},1.00,CNY,mobile\n" for i in range(50)),
                    encoding="utf-8")
    return tmp_path / "s.db"


@pytest.mark.parametrize("hook", [KILL_WHILE_STAGING, KILL_BEFORE_COMMIT], ids=["staging", "before-commit"])
def test_an_ingest_killed_at_a_write_phase_leaves_the_store_as_it_was(stored: Path, tmp_path: Path, hook: str) -> None:
    before = _transfers(stored)
    code = _child(hook + """
    from pathlib import Path
    from scamnet.core.settings import Settings
    from scamnet.service.ingest import ingest_files
    ingest_files([Path("transfers_more.csv")], Path("s.db"), Settings())
    """, tmp_path)
    assert code == -9
    assert _transfers(stored) == before == 3
    from scamnet.core.settings import Settings
    from scamnet.service.ingest import ingest_files

    ingest_files([tmp_path / "transfers_more.csv"], stored, Settings())  # the next ingest completes it
    assert _transfers(stored) == 53


def test_a_run_killed_between_steps_keeps_none_of_the_first_steps_outputs(stored: Path, tmp_path: Path) -> None:
    code = _child("""
    from datetime import UTC, datetime
    from pathlib import Path
    import scamnet.service.run as run
    from scamnet.core.clock import FixedClock
    from scamnet.core.settings import Settings

    def writes(store, settings, clock):
        with store.transaction() as con:
            con.execute("INSERT INTO alerts (entity, detector, score, tier, reasons, status, created_at) "
                        "VALUES ('account:A1', 'first', 0.9, 'high', ['x'], 'open', now())")
        return {}

    def killed(store, settings, clock):
        os.kill(os.getpid(), signal.SIGKILL)

    run.run_steps = lambda: [run.Step("first", "writes", writes), run.Step("second", "killed", killed)]
    run.run_all(Path("s.db"), Settings(), FixedClock(datetime(2026, 3, 2, tzinfo=UTC)))
    """, tmp_path)
    assert code == -9
    with duckdb.connect(str(stored), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM alerts").fetchall() == [(0,)]
    assert digest(stored) is not None
