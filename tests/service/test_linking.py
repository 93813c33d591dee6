from pathlib import Path

import pyarrow as pa

from scamnet.core.settings import Settings
from scamnet.schema import table
from scamnet.service.linking import case_list, run_linking
from scamnet.store import open_store
from scamnet.store.gangs import gang_links
from tests.graph.two_gangs import GANG_A, GANG_B, T0
from tests.service.linking_store import build_linking_store


def _members(db: Path) -> dict[str, str]:
    with open_store(db, read_only=True) as store:
        return dict(store.con.execute("SELECT entity, gang_id FROM gang_members").fetchall())


def _run(db: Path, clock) -> dict:
    with open_store(db) as store:
        return run_linking(store, Settings(), clock)


def test_run_linking_stores_both_gangs_with_their_losses(tmp_path: Path, clock) -> None:
    db = build_linking_store(tmp_path / "s.db")
    summary = _run(db, clock)
    assert summary["gangs"] == 2 and summary["gang_loss"] == 5700 + 4500
    members = _members(db)
    assert members["imei:" + GANG_B["imei"]] == "K001" and members["imei:" + GANG_A["imei"]] == "K002"


def test_running_twice_replaces_the_gangs_instead_of_adding_to_them(tmp_path: Path, clock) -> None:
    db = build_linking_store(tmp_path / "s.db")
    first = _run(db, clock)
    assert _run(db, clock) == first
    with open_store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM gangs").fetchall()[0][0] == 2


def test_gangs_come_from_the_data_never_from_the_labels(tmp_path: Path, clock) -> None:
    # Labels that put every entity into one gang change nothing: discovery never reads them.
    wrong = pa.Table.from_pylist([{"entity": e, "label": "fraud_number", "gang_id": "G99", "since": None, "until": None}
                                  for e in ("imei:" + GANG_A["imei"], "imei:" + GANG_B["imei"], "phone:+8613900000001")],
                                 schema=table("labels").schema)
    plain = build_linking_store(tmp_path / "plain.db")
    labelled = build_linking_store(tmp_path / "labelled.db", labels=wrong)
    _run(plain, clock), _run(labelled, clock)
    assert _members(plain) == _members(labelled)


def test_a_partners_watchlist_counts_as_flagged(tmp_path: Path, clock) -> None:
    watch = pa.Table.from_pylist([{"indicator_id": "p/1", "kind": "account", "value": "MA3", "hashed": False,
                                   "confidence": 0.9, "first_seen": None, "last_seen": None, "scam_type": None,
                                   "gang_id": None, "source": "Agency B"}], schema=table("indicators").schema)
    db = build_linking_store(tmp_path / "s.db", indicators=watch)
    assert _run(db, clock)["flagged"] == 10
    assert _members(db)["account:MA3"] == _members(db)["account:MA1"]


def test_with_no_alerts_at_all_the_reports_still_make_gang_a(tmp_path: Path, clock) -> None:
    db = build_linking_store(tmp_path / "s.db", alerts=table("alerts").empty())
    _run(db, clock)
    members = _members(db)
    assert members["report:RA1"] == members["imei:" + GANG_A["imei"]]


def test_cases_list_the_linked_reports_with_their_loss_and_evidence(tmp_path: Path) -> None:
    db = build_linking_store(tmp_path / "s.db")
    cases = case_list(db, Settings())
    first = cases[0]
    assert first["case"] == "C0001" and first["reports"] == ["RA1", "RA2", "RA3"]
    assert first["loss"] == 4500 and first["scam_types"] == ["government_impersonation"]
    assert first["first_report"] == first["last_report"] == T0.replace(hour=15)
    assert {"entity": "phone:+8617100000000", "reports": ["RA1", "RA2"], "how": "named by the victims"} in first["evidence"]


def test_an_empty_store_has_no_gangs_and_no_cases(tmp_path: Path, clock) -> None:
    with open_store(tmp_path / "empty.db") as store:
        summary = run_linking(store, Settings(), clock)
    assert (summary["gangs"], summary["cases"], summary["graph_nodes"]) == (0, 0, 0)
    assert case_list(tmp_path / "empty.db", Settings()) == []


def test_the_run_stores_the_links_among_each_gangs_members(tmp_path: Path, clock) -> None:
    db = build_linking_store(tmp_path / "s.db")
    summary = _run(db, clock)
    members = _members(db)
    with open_store(db, read_only=True) as store:
        links = gang_links(store)
    assert summary["gang_links"] == len(links) > 0
    assert all(members[link.src] == members[link.dst] == link.gang_id for link in links)
    gateway = next(link for link in links if link.src == "imei:" + GANG_A["imei"] and link.type == "device_sim")
    assert gateway.gang_id == "K002" and gateway.count >= 1 and gateway.first_seen <= gateway.last_seen
