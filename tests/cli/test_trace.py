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


def test_a_what_if_at_another_time_is_shown_but_never_replaces_the_stored_trace(money_db, capsys):
    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db)])
    with open_store(money_db, read_only=True) as store:
        before = store.con.sql("SELECT as_of, located_amount FROM traces WHERE trace_id = 'R0:lifo'").fetchall()
    capsys.readouterr()
    main(["trace", "R0", "--policy", "lifo", "--as-of", "2030-01-01T00:00", "--db", str(money_db)])
    assert "what-if" in capsys.readouterr().out
    with open_store(money_db, read_only=True) as store:
        after = store.con.sql("SELECT as_of, located_amount FROM traces WHERE trace_id = 'R0:lifo'").fetchall()
    assert after == before


def test_the_freeze_list_comes_out_as_csv_a_bank_can_act_on_and_the_trace_as_json(money_db, capsys):
    import csv
    import json

    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db), "--format", "csv"])
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(rows) == 3 and all(r["account_id"] and r["held_amount"] and r["currency"] == "CNY" for r in rows)
    assert any(r["path"].endswith(MULE_CASHOUT) for r in rows)
    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert found["trace"]["trace_id"] == "R0:lifo" and len(found["freeze"]) == 3 and found["flow"]


def test_reports_list_finds_a_victims_report_and_says_whether_it_was_traced(money_db, tmp_path, capsys):
    import json

    found = tmp_path / "found.json"
    main(["reports", "list", "--victim", "P001", "--db", str(money_db), "--json", str(found)])
    assert [r["report_id"] for r in json.loads(found.read_text())] == ["R1"]
    main(["reports", "list", "--untraced", "--min-loss", "20000", "--db", str(money_db), "--json", str(found)])
    untraced = {r["report_id"] for r in json.loads(found.read_text())}
    assert "R0" in untraced and "R1" not in untraced, "R1 lost 15,984, under the minimum asked"
    main(["trace", "R0", "--db", str(money_db)])
    main(["reports", "list", "--traced", "--db", str(money_db), "--json", str(found)])
    traced = json.loads(found.read_text())
    assert [r["report_id"] for r in traced] == ["R0"] and float(traced[0]["located"]) > 0
