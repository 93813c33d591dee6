"""Class: a run that fails half-way.

``scamnet run`` writes every step inside one transaction: when a step fails, every output is as
the previous run left it (the store's bytes unchanged), and the error says the run was rolled
back (exit 1), with the traceback in a log file, not on the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import scamnet.service.run as run_module
from scamnet.core.settings import Settings
from scamnet.service.run import RunFailed, Step, run_all
from scamnet.store import open_store

from .conftest import digest, one_error

MESSAGES = ("msg_id,sent_at,sender,recipient,channel,text\n"
            "M1,2026-03-01T09:00:00Z,+8613800000001,+8613900000001,sms,hello\n")


def _writes_an_alert(store, settings, clock):
    with store.transaction() as con:
        con.execute("DELETE FROM alerts WHERE detector = 'first_step'")
        con.execute("INSERT INTO alerts (entity, detector, score, tier, reasons, status, created_at) "
                    "VALUES ('phone:+8613800000001', 'first_step', 0.9, 'high', ['x'], 'open', ?)", [clock.now()])
    return {"alerts": 1}


def _fails(store, settings, clock):
    raise ValueError("operands could not be broadcast together")


@pytest.fixture
def store_with_data(cli, tmp_path: Path) -> Path:
    (tmp_path / "messages.csv").write_text(MESSAGES, encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("ingest", "messages.csv", "--kind", "messages", "--db", db).code == 0
    return db


def test_a_step_that_fails_leaves_every_earlier_steps_output_as_it_was(store_with_data: Path, monkeypatch, clock) -> None:
    monkeypatch.setattr(run_module, "run_steps", lambda: [Step("first", "writes", _writes_an_alert),
                                                          Step("second", "fails", _fails)])
    before = digest(store_with_data)
    with pytest.raises(RunFailed, match="step second failed .* rolled back"):
        run_all(store_with_data, Settings(), clock)
    with open_store(store_with_data, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM alerts").fetchall() == [(0,)]
    assert digest(store_with_data) == before


def test_a_run_whose_steps_all_succeed_keeps_all_their_outputs(store_with_data: Path, monkeypatch, clock) -> None:
    monkeypatch.setattr(run_module, "run_steps", lambda: [Step("first", "writes", _writes_an_alert)])
    monkeypatch.setattr(run_module, "run_summary", lambda store: {})
    run_all(store_with_data, Settings(), clock)
    with open_store(store_with_data, read_only=True) as store:
        assert store.con.execute("SELECT detector FROM alerts").fetchall() == [("first_step",)]


def test_the_failed_run_is_one_error_line_and_the_traceback_goes_to_a_log(cli, store_with_data: Path, tmp_path: Path,
                                                                          monkeypatch) -> None:
    monkeypatch.setattr(run_module, "run_steps", lambda: [Step("first", "writes", _writes_an_alert),
                                                          Step("second", "fails", _fails)])
    ran = cli("run", "--db", store_with_data)
    assert ran.code == 1
    assert "the run was rolled back" in one_error(ran)
    logs = list((tmp_path / "logs").glob("error-*.log"))
    assert len(logs) == 1 and "ValueError: operands could not be broadcast" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in ran.err
