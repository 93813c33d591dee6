"""A victim report posted to the service becomes per-bank freeze requests, the same as ``scamnet trace`` finds."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from scamnet.cli.app import main
from scamnet.core.settings import Settings
from scamnet.detect.money.example import MULE_CASHOUT, MULE_L2, money_world
from scamnet.schema import table
from scamnet.store import open_store
from scamnet.store.repo import append_rows
from tests.api.conftest import Client, role_keys, serving

#: The gang's last two accounts sit at another bank than everyone else.
OTHER_BANK = {MULE_L2: "BANK2", MULE_CASHOUT: "BANK2"}


def _world() -> dict[str, pa.Table]:
    world = money_world(0)
    accounts = world["accounts"].to_pylist()
    world["accounts"] = pa.Table.from_pylist([{**a, "bank": OTHER_BANK.get(a["account_id"], a["bank"])}
                                              for a in accounts], schema=world["accounts"].schema)
    return world


def _plain(row: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else (str(v) if isinstance(v, Decimal) else v)
            for k, v in row.items() if v is not None}


@pytest.fixture(scope="module")
def report_r0(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, Path, dict]]:
    """A store of the example money world without report R0, the service over it, and R0 as a victim sends it."""
    world = _world()
    r0 = world["reports"].filter(pc.equal(world["reports"]["report_id"], "R0")).to_pylist()[0]
    items = world["report_items"].filter(pc.equal(world["report_items"]["report_id"], "R0")).to_pylist()
    paid = {i["value"] for i in items}
    payments = [t for t in world["transfers"].to_pylist() if t["txn_id"] in paid]
    world["reports"] = world["reports"].filter(pc.not_equal(world["reports"]["report_id"], "R0"))
    world["report_items"] = world["report_items"].filter(pc.not_equal(world["report_items"]["report_id"], "R0"))
    db = tmp_path_factory.mktemp("freeze") / "scamnet.db"
    with open_store(db) as store, store.transaction() as con:
        for name, rows in world.items():
            append_rows(con, table(name), rows)
    body = {"report": _plain(r0), "items": [{"kind": i["kind"], "value": i["value"]} for i in items],
            "payments": [_plain(p) for p in payments]}
    with serving(db, Settings(), role_keys(db)) as client:
        yield client, db, body


def _post(client: Client, path: str, body: dict) -> tuple[int, dict]:
    status, _, answer = client.request("POST", path, json.dumps(body).encode(), role="analyst")
    return status, answer


def test_a_posted_report_yields_per_bank_freeze_requests_equal_to_scamnet_trace(report_r0, capsys) -> None:
    client, db, body = report_r0
    status, answer = _post(client, "/v1/reports", body)
    assert status == 200, answer
    posted = {r["bank"]: {line["account_id"]: line["held_amount"] for line in r["lines"]}
              for r in answer["freeze_requests"]}
    main(["trace", "R0", "--format", "json", "--db", str(db)])
    traced = json.loads(capsys.readouterr().out)
    by_bank: dict[str, dict[str, str]] = defaultdict(dict)
    for line in traced["freeze"]:
        by_bank[line["bank"]][line["account_id"]] = line["held_amount"]
    assert posted == dict(by_bank)
    assert set(posted) == {"BANK1", "BANK2"} and MULE_CASHOUT in posted["BANK2"]
    bank2 = next(r for r in answer["freeze_requests"] if r["bank"] == "BANK2")
    assert bank2["status"] == "drafted" and Decimal(bank2["amount"]) == sum(Decimal(a) for a in posted["BANK2"].values())


def test_each_account_line_carries_currency_the_money_still_held_and_the_transfers_that_brought_it(report_r0) -> None:
    client, _, body = report_r0
    _, answer = _post(client, "/v1/reports", body)
    lines = {line["account_id"]: line for r in answer["freeze_requests"] for line in r["lines"]}
    cashout = lines[MULE_CASHOUT]
    assert cashout["currency"] == "CNY" and cashout["path"][-2:] == [MULE_L2, MULE_CASHOUT]
    flow = answer["trace"]
    assert Decimal(flow["located_amount"]) == sum(Decimal(line["held_amount"]) for line in lines.values()) + sum(
        Decimal(p["held_amount"]) for p in flow["passed_through"])
    assert cashout["incoming_txns"] and len(cashout["incoming_txns"]) == len(cashout["incoming_at"])


def test_sending_the_same_report_again_makes_no_second_request_and_a_changed_one_is_refused(report_r0) -> None:
    client, db, body = report_r0
    first = _post(client, "/v1/reports", body)[1]
    again = _post(client, "/v1/reports", body)[1]
    assert [r["request_id"] for r in again["freeze_requests"]] == [r["request_id"] for r in first["freeze_requests"]]
    status, _, listed = client.request("GET", "/v1/freeze-requests?report=R0", role="analyst")
    assert status == 200 and len(listed["requests"]) == 2
    changed = {**body, "report": {**body["report"], "loss_amount": "1.00"}}
    status, problem = _post(client, "/v1/reports", changed)
    assert status == 409 and "loss_amount" in problem["detail"]


def test_a_bad_payment_is_refused_naming_its_field_and_value(report_r0) -> None:
    client, _, body = report_r0
    bad = {**body, "report": {**body["report"], "report_id": "R-bad"},
           "payments": [{**body["payments"][0], "amount": "twelve"}]}
    status, problem = _post(client, "/v1/reports", bad)
    assert status == 422 and "amount" in json.dumps(problem) and "twelve" in json.dumps(problem)


def test_a_status_change_is_kept_with_who_and_when_and_filters_the_list(report_r0) -> None:
    client, _, body = report_r0
    _, answer = _post(client, "/v1/reports", body)
    chosen = next(r for r in answer["freeze_requests"] if r["bank"] == "BANK2")
    status, changed = _post(client, f"/v1/freeze-requests/{chosen['request_id']}/status",
                            {"status": "sent", "note": "faxed to BANK2 fraud desk"})
    assert status == 200 and changed["status"] == "sent"
    assert changed["history"][-1]["analyst"].startswith("analyst tester")
    _, _, sent = client.request("GET", "/v1/freeze-requests?status=sent&bank=BANK2", role="analyst")
    assert [r["request_id"] for r in sent["requests"]] == [chosen["request_id"]]
    status, _, _ = client.request("POST", f"/v1/freeze-requests/{chosen['request_id']}/status",
                                  json.dumps({"status": "thawed"}).encode(), role="analyst")
    assert status == 422


def test_a_traced_report_is_listed_with_the_money_located_and_an_untraced_listing_leaves_it_out(report_r0) -> None:
    client, _, body = report_r0
    _, answer = _post(client, "/v1/reports", body)
    victim = body["report"]["victim_account"]
    status, _, listed = client.request("GET", f"/v1/reports?traced=true&victim={victim}", role="analyst")
    assert status == 200
    [row] = [r for r in listed["reports"] if r["report_id"] == "R0"]
    assert Decimal(row["located"]) == Decimal(answer["trace"]["located_amount"]) and row["items"] == len(body["items"])
    _, _, untraced = client.request("GET", "/v1/reports?traced=false", role="analyst")
    assert "R0" not in {r["report_id"] for r in untraced["reports"]}
    reported = body["report"]["reported_at"].replace("+00:00", "Z")
    _, _, later = client.request("GET", f"/v1/reports?since={reported}&until=2100-01-01T00:00:00Z", role="analyst")
    _, _, earlier = client.request("GET", f"/v1/reports?until={reported}", role="analyst")
    assert "R0" in {r["report_id"] for r in later["reports"]} and "R0" not in {r["report_id"] for r in earlier["reports"]}


def test_a_case_read_back_holds_the_trace_the_mules_to_freeze_at_each_bank_and_the_requests(report_r0) -> None:
    client, _, body = report_r0
    _, posted = _post(client, "/v1/reports", body)
    status, _, case = client.request("GET", "/v1/reports/R0", role="analyst")
    assert status == 200
    assert case["report"]["report_id"] == "R0" and case["trace"]["located_amount"] == posted["trace"]["located_amount"]
    frozen = {row["account_id"]: row for row in case["freeze"]["rows"]}
    assert frozen[MULE_CASHOUT]["bank"] == "BANK2" and frozen[MULE_CASHOUT]["path"][-1] == MULE_CASHOUT
    assert {r["request_id"] for r in case["freeze"]["requests"]} == {r["request_id"] for r in posted["freeze_requests"]}
    assert any(f["dst"] == MULE_CASHOUT for f in case["flows"])  # the money's way into the cash-out account


def test_a_case_of_no_report_is_a_404_problem_and_an_ingest_key_may_not_read_cases(report_r0) -> None:
    client, _, _ = report_r0
    status, headers, problem = client.request("GET", "/v1/reports/R-none", role="analyst")
    assert status == 404 and headers["content-type"] == "application/problem+json" and "R-none" in problem["detail"]
    status, _, problem = client.request("GET", "/v1/reports", role="ingest")
    assert status == 403 and "ingest" in problem["detail"]
