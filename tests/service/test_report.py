import json
import re
import statistics
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scamnet.core.clock import FixedClock
from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.render import figures
from scamnet.service.report import report_content, write_report
from scamnet.store import open_store
from tests.service.investigation_store import GATEWAY_IMEI, T0, build_investigation_store


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


def test_the_gateway_median_is_that_of_its_answered_calls_as_its_reasons_count(investigation_db: Path) -> None:
    (device,) = report_content(investigation_db, Settings())["goip"]
    answered = [20 + i % 30 for i in range(60) if i % 3 == 0]  # an unanswered attempt lasts 0 s: not a call length
    assert device["median_duration_s"] == statistics.median(answered) > 0


def _more_fraud_numbers(db: Path, n: int) -> None:
    with open_store(db) as store:
        for i in range(n):
            store.con.execute("INSERT INTO alerts VALUES (?, 'fraud_number', 0.6, 'medium', ['x'], 'open', now(), NULL)",
                              [f"phone:+86170000100{i:02d}"])


def test_a_cut_list_says_showing_n_of_m_and_all_shows_the_rest(investigation_db: Path, tmp_path: Path) -> None:
    _more_fraud_numbers(investigation_db, 11)
    html = write_report(investigation_db, tmp_path / "r.html", Settings()).read_text(encoding="utf-8")
    assert "showing 10 of 12 fraud numbers" in html and "scamnet report --all" in html
    everything = report_content(investigation_db, Settings(), all_rows=True)
    assert len(everything["fraud_numbers"]) == everything["totals"]["fraud_numbers"] == 12
    html = write_report(investigation_db, tmp_path / "all.html", Settings(), all_rows=True).read_text(encoding="utf-8")
    assert "showing 12 of 12 fraud numbers" in html


def test_the_report_states_its_currency_generation_time_and_the_stores_as_of_time(investigation_db: Path,
                                                                                 tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 4, 1, 8, 30, tzinfo=UTC))
    content = report_content(investigation_db, Settings(), clock=clock)
    assert content["meta"]["currency"] == "CNY"
    assert content["meta"]["store_as_of"] == T0 + timedelta(minutes=7 * 59)  # the last call
    html = write_report(investigation_db, tmp_path / "r.html", Settings(), clock=clock).read_text(encoding="utf-8")
    assert "generated 2026-04-01 08:30 UTC" in html and "store as of 2026-03-02 16:53 UTC" in html
    assert "amounts in CNY" in html


def test_a_trace_with_nothing_left_to_freeze_says_so_and_where_the_money_left(investigation_db: Path,
                                                                            tmp_path: Path) -> None:
    with open_store(investigation_db) as store:
        store.con.execute("DELETE FROM freeze_requests")
        store.con.execute("DELETE FROM trace_edges WHERE dst_account = 'M2'")
    html = write_report(investigation_db, tmp_path / "r.html", Settings()).read_text(encoding="utf-8")
    assert "Nothing left to freeze" in html
    assert re.search(r"most through M1 by atm", html) and "withdrawal" in html


def test_each_account_of_a_trace_shows_what_it_still_holds(investigation_db: Path) -> None:
    (trace,) = report_content(investigation_db, Settings())["traces"]
    assert trace["holdings"] == {"M2": 700.0}  # M1 passed on or cashed out all 1,000 it received
    assert trace["cashouts"][0]["account"] == "M1"


def test_the_alert_chart_uses_a_log_scale_so_a_detector_with_few_alerts_stays_visible() -> None:
    summary = {"alerts": [{"detector": "scam_text", "tier": "critical", "alerts": 4239},
                          {"detector": "goip", "tier": "critical", "alerts": 6}]}
    fig = figures.alerts_bar(summary)
    assert fig.layout.yaxis.type == "log"
    assert list(fig.data[0].text) == ["4,239", "6"]
