import json
import re
from pathlib import Path

import pytest

from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.service.report import report_content, write_report
from scamnet.store import open_store
from tests.service.investigation_store import GATEWAY_IMEI, build_investigation_store


@pytest.fixture
def investigation_db(tmp_path: Path) -> Path:
    return build_investigation_store(tmp_path / "inv.db")


def test_the_report_shows_the_gateway_with_its_sims_and_call_pattern(investigation_db: Path) -> None:
    content = report_content(investigation_db, Settings())
    (device,) = content["goip"]
    assert device["entity"] == f"imei:{GATEWAY_IMEI}"
    assert (device["sims"], device["calls"], device["callees"]) == (8, 60, 60)
    assert sum(device["calls_by_hour"]) == 60


def test_the_report_places_each_mule_in_the_layer_the_trace_reached_it(investigation_db: Path) -> None:
    layers = {m["entity"]: m["layer"] for m in report_content(investigation_db, Settings())["mules"]}
    assert layers == {"account:M1": 1, "account:M2": 2}


def test_the_fund_flow_holds_the_stored_amounts_and_the_freeze_list(investigation_db: Path) -> None:
    (trace,) = report_content(investigation_db, Settings())["traces"]
    assert (trace["traced"], trace["located"], trace["cashed_out"]) == (1000.0, 700.0, 300.0)
    assert {(f["src"], f["dst"], f["amount"]) for f in trace["flows"]} == {
        ("V1", "M1", 1000.0), ("M1", "M2", 700.0), ("M1", "cash-out: atm", 300.0)}
    assert trace["freeze"] == [{"account": "M2", "bank": "Bank B", "held": 700.0, "rank": 1, "path": ["V1", "M1", "M2"]}]


def test_scam_messages_are_grouped_by_the_scam_type_stored_with_their_alert(investigation_db: Path) -> None:
    messages = report_content(investigation_db, Settings())["messages"]
    assert list(messages) == ["government_impersonation"]
    assert messages["government_impersonation"]["examples"][0]["text"].endswith("安全账户")


def test_the_stored_scam_type_decides_the_group_not_the_reason_text(investigation_db: Path) -> None:
    # The reasons still say "looks like government impersonation"; the stored type wins.
    with open_store(investigation_db) as store:
        store.con.execute("UPDATE alerts SET scam_type = 'fake_investment' WHERE detector = 'scam_text'")
    assert list(report_content(investigation_db, Settings())["messages"]) == ["fake_investment"]


def test_the_gang_network_links_its_gateway_through_its_sim_to_its_number(investigation_db: Path) -> None:
    (gang,) = report_content(investigation_db, Settings())["gangs"]
    assert gang["key_members"][0]["entity"] == f"imei:{GATEWAY_IMEI}"
    edges = {(e["a"], e["b"], e["kind"]) for e in gang["network"]["edges"]}
    assert (f"imei:{GATEWAY_IMEI}", "imsi:460000000000001", "device_sim") in edges
    assert ("imsi:460000000000001", "phone:+8617000000001", "sim_number") in edges


def test_the_gang_network_is_the_stored_links_not_a_rebuilt_graph(investigation_db: Path) -> None:
    # The store holds no transfer between M1 and M2, only the stored gang link: the picture shows it.
    (gang,) = report_content(investigation_db, Settings())["gangs"]
    assert {"a": "account:M1", "b": "account:M2", "kind": "transfer", "count": 1} in gang["network"]["edges"]


def test_the_json_report_holds_the_summary_figures_of_the_store(investigation_db: Path, tmp_path: Path) -> None:
    out = write_report(investigation_db, tmp_path / "r.json", Settings(), "json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["loss_reported"] == 1000.0
    assert data["summary"]["loss_located"] == 700.0
    assert {row["detector"] for row in data["summary"]["alerts"]} == {"goip", "fraud_number", "mule", "scam_text", "url_risk"}


def test_the_html_report_is_self_contained(investigation_db: Path, tmp_path: Path) -> None:
    html = write_report(investigation_db, tmp_path / "r.html", Settings()).read_text(encoding="utf-8")
    assert re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=[\"']https?:", html) == []
    assert "M2" in html and "安全账户" in html


def test_a_store_without_run_results_gets_a_clear_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db"):
        pass
    with pytest.raises(NotFoundError, match="no alerts yet"):
        report_content(tmp_path / "empty.db", Settings())
