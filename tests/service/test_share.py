from pathlib import Path

import pytest

from scamnet.core.clock import FixedClock
from scamnet.core.errors import ConfigError, InputError
from scamnet.core.settings import Settings
from scamnet.schema import table
from scamnet.service.linking import run_linking
from scamnet.service.share import export_share, import_share, match_share
from scamnet.share.keyed_hash import keyed_hash
from scamnet.share.stix import export_bundle
from scamnet.store import open_store
from tests.graph.two_gangs import T0
from tests.service.linking_store import build_linking_store

SECRET = "a secret two agencies share, 32b"


@pytest.fixture
def agency_a(tmp_path: Path, clock: FixedClock) -> Path:
    db = build_linking_store(tmp_path / "a.db")
    with open_store(db) as store:
        run_linking(store, Settings(), clock)
    (tmp_path / "secret").write_text(SECRET + "\n")
    return db


def _indicators(db: Path) -> list[tuple]:
    with open_store(db, read_only=True) as store:
        return store.con.execute("SELECT source, kind, value, hashed FROM indicators ORDER BY ALL").fetchall()


def test_export_writes_the_flagged_numbers_links_and_accounts_with_their_gang(agency_a: Path, tmp_path: Path, clock) -> None:
    summary = export_share(agency_a, tmp_path / "a.json", clock, producer="Agency A")
    assert summary["by_kind"] == {"account": 3, "phone": 2, "url": 2} and summary["gangs"] == 2
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert "+8617100000001" in text and '"name": "K001"' in text


def test_an_imported_bundle_is_the_partners_watchlist_and_reimporting_replaces_it(agency_a: Path, tmp_path: Path, clock) -> None:
    export_share(agency_a, tmp_path / "a.json", clock, producer="Agency A")
    partner = build_linking_store(tmp_path / "b.db", alerts=table("alerts").empty())
    first = import_share(partner, tmp_path / "a.json", Settings())
    assert first == {"source": "Agency A", "indicators": 7, "hashed": 0, "skipped": 0}
    import_share(partner, tmp_path / "a.json", Settings())
    rows = _indicators(partner)
    assert len(rows) == 7 and ("Agency A", "phone", "+8617100000001", False) in rows


def test_a_malformed_bundle_changes_nothing(agency_a: Path, tmp_path: Path, clock) -> None:
    export_share(agency_a, tmp_path / "a.json", clock, producer="Agency A")
    partner = build_linking_store(tmp_path / "b.db", alerts=table("alerts").empty())
    import_share(partner, tmp_path / "a.json", Settings())
    before = _indicators(partner)
    broken = tmp_path / "broken.json"
    broken.write_text((tmp_path / "a.json").read_text(encoding="utf-8").replace("+8617100000001", "call me"))
    with pytest.raises(InputError, match="broken.json, object"):
        import_share(partner, broken, Settings(), source="Agency A")
    assert _indicators(partner) == before


def test_hashed_matching_holds_across_phone_formats(agency_a: Path, tmp_path: Path) -> None:
    # Agency B wrote the gang-A number three ways; A flagged it as +8617100000001.
    rows = [{"indicator_id": str(i), "kind": "phone", "value": keyed_hash("phone", raw, SECRET.encode()), "hashed": True,
             "confidence": 0.8, "first_seen": T0, "last_seen": None, "scam_type": "phishing", "gang_id": "B-7",
             "source": "own"} for i, raw in enumerate(["+86 171 0000 0001", "0086 17100000001", "17100000001"])]
    (tmp_path / "b.json").write_text(export_bundle(rows, "Agency B", T0), encoding="utf-8")
    found = match_share(agency_a, tmp_path / "b.json", Settings(), tmp_path / "secret")
    assert [m["entity"] for m in found] == ["phone:+8617100000001"] * 3
    assert {(m["matched_on"], m["their_gang"], m["our_gang"]) for m in found} == {("keyed hash", "B-7", "K002")}


def test_a_hashed_export_matches_back_only_with_the_secret(agency_a: Path, tmp_path: Path, clock) -> None:
    export_share(agency_a, tmp_path / "h.json", clock, secret_file=tmp_path / "secret")
    assert "+8617100000001" not in (tmp_path / "h.json").read_text(encoding="utf-8")
    assert len(match_share(agency_a, tmp_path / "h.json", Settings(), tmp_path / "secret")) == 7
    with pytest.raises(ConfigError, match="keyed hashes"):
        match_share(agency_a, tmp_path / "h.json", Settings())
    (tmp_path / "other").write_text("another secret of 32 bytes......")
    assert match_share(agency_a, tmp_path / "h.json", Settings(), tmp_path / "other") == []

