"""``scamnet trace REPORT_ID`` on a store file holding the example money world."""

from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.cli.app import main
from scamnet.detect.money.example import MULE_CASHOUT, money_world
from scamnet.schema import table
from scamnet.store import open_store
from scamnet.store.repo import append_rows


@pytest.fixture
def money_db(tmp_path: Path) -> Path:
    path = tmp_path / "money.db"
    with open_store(path) as store, store.transaction() as con:
        for name, rows in money_world(0).items():
            append_rows(con, table(name), rows)
    return path


def test_trace_prints_the_flow_cash_outs_and_freeze_list_and_stores_them(money_db, capsys):
    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db)])
    out = capsys.readouterr().out
    assert "trace R0:lifo" in out and "cash-out points" in out and "freeze list" in out
    assert f"MULE-L2 → {MULE_CASHOUT}" in out
    with open_store(money_db, read_only=True) as store:
        assert store.con.sql("SELECT count(*) FROM freeze_requests WHERE trace_id = 'R0:lifo'").fetchall()[0][0] == 3


def test_trace_of_an_unknown_report_exits_with_not_found(money_db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["trace", "NOPE", "--db", str(money_db)])
    assert exit_.value.code == 3
    assert "no report 'NOPE'" in capsys.readouterr().err


def test_a_bad_as_of_time_says_how_to_write_it(money_db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["trace", "R0", "--as-of", "yesterday", "--db", str(money_db)])
    assert exit_.value.code == 2
    assert "2026-03-14T09:00" in capsys.readouterr().err
