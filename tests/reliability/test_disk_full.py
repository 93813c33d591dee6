"""Class: a full disk.

An error means nothing was written: an ingest that runs out of space while staging or writing is
exit 4 with one line ("the disk ... is full; nothing was written") and the store unchanged; one
whose input is larger than the free space is refused before it starts; and once the rows are
committed, failing to delete the scratch file is a warning, never an error that contradicts the
commit. The real full disk is a small tmpfs the test mounts, so it runs as root only.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections import namedtuple
from pathlib import Path

import duckdb
import pytest

import scamnet.ingest.load as load
import scamnet.store.keyed as keyed

from .conftest import digest, one_error

HEADER = "txn_id,ts,src_account,dst_account,amount,currency,channel,memo\n"


def _transfers(path: Path, rows: int, prefix: str = "T") -> Path:
    path.write_text(HEADER + "".join(f"{prefix}{i},2026-03-01T09:00:00Z,ACC{i:09d},BCC{i:09d},{i}.00,CNY,mobile,"
                                     f"memo number {i} for the rent\n" for i in range(rows)), encoding="utf-8")
    return path


def _count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM transfers").fetchall()[0][0]


@pytest.fixture
def small_disk(tmp_path: Path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_running_out_of_space_while_staging_writes_nothing(cli, tmp_path: Path, small_disk: Path) -> None:
    db = small_disk / "s.db"
    assert cli("ingest", _transfers(tmp_path / "small.csv", 3, "S"), "--kind", "transfers", "--db", db).code == 0
    before = digest(db)
    ran = cli("ingest", _transfers(tmp_path / "big.csv", 40_000), "--kind", "transfers", "--db", db)
    assert ran.code == 4
    assert "is full; nothing was written" in one_error(ran)
    assert digest(db) == before and _count(db) == 3


def test_input_larger_than_the_free_space_is_refused_before_anything_is_written(cli, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "s.db"
    assert cli("ingest", _transfers(tmp_path / "small.csv", 3, "S"), "--kind", "transfers", "--db", db).code == 0
    before = digest(db)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(load.shutil, "disk_usage", lambda path: usage(10 << 20, 10 << 20, 1024))
    ran = cli("ingest", _transfers(tmp_path / "more.csv", 100), "--kind", "transfers", "--db", db)
    assert ran.code == 4
    assert "less than the" in one_error(ran) and "nothing was written" in ran.err
    assert digest(db) == before


def test_a_scratch_file_that_cannot_be_deleted_after_the_commit_is_no_error(cli, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "s.db"
    removed = []

    def full_disk(path: Path) -> None:
        removed.append(path)
        if len(removed) > 1:  # the first call clears leftovers before staging; the second is after the commit
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keyed, "_remove", full_disk)
    ran = cli("ingest", _transfers(tmp_path / "t.csv", 5), "--kind", "transfers", "--db", db)
    assert ran.code == 0, ran.err
    assert _count(db) == 5
