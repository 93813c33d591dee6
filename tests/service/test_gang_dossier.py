import json
from pathlib import Path

import pytest

from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.service.gang_dossier import gang_dossier, write_dossier
from scamnet.service.linking import run_linking
from scamnet.store import open_store
from scamnet.store.gangs import gang_links
from tests.graph.two_gangs import GANG_A
from tests.service.linking_store import build_linking_store


@pytest.fixture
def linked_db(tmp_path: Path, clock) -> Path:
    db = build_linking_store(tmp_path / "s.db")
    with open_store(db) as store:
        run_linking(store, Settings(), clock)
    return db


def test_the_dossier_holds_members_by_role_reports_and_the_evidence_trail(linked_db: Path) -> None:
    dossier = gang_dossier(linked_db, "K002", Settings())
    assert dossier["gang"]["total_loss"] == 4500
    assert [r["report_id"] for r in dossier["reports"]] == ["RA1", "RA2", "RA3"]
    assert "phone: 0086 17100000000" in dossier["reports"][1]["items"]
    gateway = dossier["members_by_role"]["gateway"][0]
    assert gateway["entity"] == "imei:" + GANG_A["imei"] and gateway["alerts"][0]["detector"] == "goip"
    assert dossier["key_members"][0]["centrality"] == 1.0
    links = {(e["src"], e["type"], e["dst"]) for e in dossier["evidence"]}
    assert ("report:RA2", "report_mentions", "url:https://a-verify.top/login") in links
    assert ("imei:" + GANG_A["imei"], "device_sim", "imsi:4600a1") in links


def test_the_html_dossier_draws_the_network_offline(linked_db: Path, tmp_path: Path) -> None:
    html = write_dossier(linked_db, "K002", Settings(), "html", tmp_path / "k.html")
    assert (tmp_path / "k.html").read_text(encoding="utf-8") == html
    assert "<script src" not in html  # plotly.js is embedded, not fetched
    assert len(html) > 1_000_000
    assert "Plotly.newPlot" in html and "gang K002: members and their links" in html
    assert "imei:" + GANG_A["imei"] in html


def test_the_json_dossier_is_the_same_data(linked_db: Path) -> None:
    data = json.loads(write_dossier(linked_db, "K001", Settings(), "json"))
    assert data["gang"]["gang_id"] == "K001" and data["gang"]["total_loss"] == 5700.0
    assert {n["entity"] for n in data["network"]["nodes"]} >= {"account:MB1", "report:RB1"}


def test_an_unknown_gang_is_not_found_and_the_hint_lists_the_known_ones(linked_db: Path) -> None:
    with pytest.raises(NotFoundError) as caught:
        gang_dossier(linked_db, "K999", Settings())
    assert "K001, K002" in caught.value.hint


def test_the_dossiers_evidence_is_the_links_the_run_stored(linked_db: Path) -> None:
    with open_store(linked_db, read_only=True) as store:
        stored = [(link.src, link.dst, link.type, link.count) for link in gang_links(store, "K002")]
    evidence = gang_dossier(linked_db, "K002", Settings())["evidence"]
    assert [(e["src"], e["dst"], e["type"], e["count"]) for e in evidence] == stored


def test_the_dossier_does_not_rebuild_the_graph_from_the_events(linked_db: Path) -> None:
    # With every event and reference table emptied after the run, the stored links still tell the story.
    with open_store(linked_db) as store, store.transaction() as con:
        for name in ("calls", "messages", "transfers", "sessions", "subscribers", "accounts", "report_items"):
            con.execute(f"DELETE FROM {name}")
    links = {(e["src"], e["type"], e["dst"]) for e in gang_dossier(linked_db, "K002", Settings())["evidence"]}
    assert ("imei:" + GANG_A["imei"], "device_sim", "imsi:4600a1") in links
