"""Money as a step of the batch run and as a police trace, on a store holding the example world."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pyarrow as pa
import pytest

from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.detect.money.example import MERCHANTS, MULE_CASHOUT, MULE_DORMANT, MULE_L2, MULES, money_world
from scamnet.schema import table
from scamnet.service.money import run_money, trace_report
from scamnet.store.repo import append_rows


@pytest.fixture
def money_store(store):
    with store.transaction() as con:
        for name, rows in money_world(0).items():
            append_rows(con, table(name), rows)
    return store


def _count(store, sql: str) -> int:
    return store.con.sql(sql).fetchall()[0][0]


def test_run_money_alerts_on_the_mules_and_traces_every_report(money_store, clock):
    summary = run_money(money_store, Settings(), clock)
    flagged = {r[0] for r in money_store.con.sql("SELECT entity FROM alerts WHERE detector = 'mule'").fetchall()}
    assert flagged == {f"account:{m}" for m in MULES}
    assert not flagged & {f"account:{m}" for m in MERCHANTS}
    assert summary["reports_traced"] == 3 == _count(money_store, "SELECT count(*) FROM traces")


def test_run_money_twice_replaces_its_outputs(money_store, clock):
    run_money(money_store, Settings(), clock)
    before = [_count(money_store, f"SELECT count(*) FROM {t}") for t in ("alerts", "traces", "trace_edges", "freeze_requests")]
    run_money(money_store, Settings(), clock)
    after = [_count(money_store, f"SELECT count(*) FROM {t}") for t in ("alerts", "traces", "trace_edges", "freeze_requests")]
    assert before == after and before[2] > 0


def test_the_first_victims_money_is_cashed_out_at_the_end_of_the_chain(money_store, clock):
    result = trace_report(money_store, "R0", Settings(), clock, policy="lifo")
    assert result.cashouts[0]["account_id"] == MULE_CASHOUT
    assert {f["account_id"] for f in result.freeze} <= set(MULES)
    t = result.trace
    assert t["traced_amount"] == t["located_amount"] + t["cashout_amount"] + result.below_min + result.beyond_hops
    paths = {f["account_id"]: f["path"] for f in result.freeze}
    assert paths[MULE_CASHOUT] == ["P000", MULE_DORMANT, MULE_L2, MULE_CASHOUT]


def test_fifo_leaves_the_victims_money_in_an_account_that_held_money_before(money_store, clock):
    # The dormant mule held 300 from an old deposit: under FIFO that leaves first, so 300 more of
    # the victim's money stays with it than under LIFO.
    fifo = trace_report(money_store, "R0", Settings(), clock, policy="fifo")
    lifo = trace_report(money_store, "R0", Settings(), clock, policy="lifo")
    held = {p: {f["account_id"]: f["held_amount"] for f in r.freeze} for p, r in (("fifo", fifo), ("lifo", lifo))}
    assert held["fifo"][MULE_DORMANT] - held["lifo"][MULE_DORMANT] == Decimal("300.00")


def test_a_trace_is_stored_under_its_report_and_policy(money_store, clock):
    trace_report(money_store, "R0", Settings(), clock, policy="haircut", max_hops=1)
    stored = money_store.con.sql("SELECT trace_id, max_hops FROM traces").fetchall()
    assert stored == [("R0:haircut", 1)]
    hops = {r[0] for r in money_store.con.sql("SELECT hop FROM trace_edges").fetchall()}
    assert hops == {1}


def test_holdings_as_of_the_victims_payment_time_are_all_with_the_first_mule(money_store, clock):
    paid = money_store.con.sql(
        "SELECT t.ts FROM transfers AS t JOIN report_items AS i ON i.value = t.txn_id WHERE i.report_id = 'R0'"
    ).fetchall()[0][0]
    result = trace_report(money_store, "R0", Settings(), clock, as_of=paid + timedelta(minutes=1))
    assert [f["account_id"] for f in result.freeze] == [MULE_DORMANT]
    assert result.trace["located_amount"] == result.trace["traced_amount"]


def test_an_unknown_report_is_a_clear_error(money_store, clock):
    with pytest.raises(NotFoundError, match="no report 'R404'"):
        trace_report(money_store, "R404", Settings(), clock)


def _review(store, entity: str, verdict: str, clock) -> None:
    from scamnet.store.repo import append_rows as add

    row = {"review_id": f"rv-{entity}-{verdict}", "entity": entity, "detector": "mule", "verdict": verdict,
           "analyst": "officer Li", "note": None, "reviewed_at": clock.now()}
    with store.transaction() as con:
        add(con, table("alert_reviews"), pa.Table.from_pylist([row], schema=table("alert_reviews").schema))


def test_the_next_run_trains_the_mule_model_on_analysts_verdicts_once_enough_are_confirmed(money_store, clock):
    settings = Settings({"fit_min_confirmed": 2})
    _review(money_store, f"account:{MULES[0]}", "confirm", clock)
    assert run_money(money_store, settings, clock)["trained_on_verdicts"] is False  # one verdict swings nothing
    _review(money_store, f"account:{MULES[1]}", "confirm", clock)
    _review(money_store, f"account:{MERCHANTS[0]}", "dismiss", clock)
    assert run_money(money_store, settings, clock)["trained_on_verdicts"] is True


def _settled(store, txn_id: str, outcome: str, clock) -> None:
    from scamnet.store.repo import append_rows as add

    row = {"task_id": f"task-{txn_id}", "created_at": clock.now(), "scam_type": "impersonation", "reasons": ["x"],
           "priority": 1, "status": "done", "txn_id": txn_id, "outcome": outcome, "updated_at": clock.now()}
    with store.transaction() as con:
        add(con, table("dissuasion_tasks"), pa.Table.from_pylist([row], schema=table("dissuasion_tasks").schema))


def test_a_victims_payment_settled_by_a_dissuasion_call_makes_its_payee_a_mule_for_the_next_fit(money_store, clock):
    from scamnet.service.verdict_fit import fit_verdicts

    def paying(account: str) -> str:
        return money_store.con.execute("SELECT min(txn_id) FROM transfers WHERE dst_account = ?", [account]).fetchone()[0]

    _settled(money_store, paying(MULES[0]), "persuaded", clock)
    assert fit_verdicts(money_store, "mule", 2) is None, "one settled payment is not yet enough to train on"
    _settled(money_store, paying(MULES[1]), "paid_anyway", clock)
    _settled(money_store, paying(MERCHANTS[0]), "false_alarm", clock)
    assert fit_verdicts(money_store, "mule", 2) == {
        f"account:{MULES[0]}": True, f"account:{MULES[1]}": True, f"account:{MERCHANTS[0]}": False}
    assert fit_verdicts(money_store, "goip", 2) is None, "payments say nothing about gateways"
