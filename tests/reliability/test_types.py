"""Class: values of the wrong type or form.

A true/false column is not an amount; a partner's STIX confidence is a whole number 0-100, stored
as 0-1, and anything else is refused naming the object; a bundle nested too deeply is a clear
error, not a RecursionError; Excel's UTF-8 byte-order mark is skipped; an unknown encoding in a
mapping file is an error naming the key. Each refusal writes nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scamnet.core.errors import InputError
from scamnet.share.stix import export_bundle, parse_bundle

from .conftest import digest, one_error

AT = datetime(2026, 3, 1, tzinfo=UTC)


def _bundle(confidence: object) -> str:
    row = {"indicator_id": "phone:x", "kind": "phone", "value": "+8613812345678", "hashed": False, "confidence": 0.5,
           "first_seen": AT, "last_seen": AT, "scam_type": None, "gang_id": None, "source": "own"}
    data = json.loads(export_bundle([row], "Partner", AT))
    for obj in data["objects"]:
        if obj["type"] == "indicator":
            obj["confidence"] = confidence
    return json.dumps(data)


def test_a_boolean_column_is_refused_as_an_amount(cli, tmp_path: Path) -> None:
    data = pa.table({"txn_id": ["T1", "T2"], "ts": ["2026-03-01T09:00:00Z"] * 2, "src_account": ["A", "B"],
                     "dst_account": ["B", "A"], "amount": [True, False], "currency": ["CNY"] * 2,
                     "channel": ["mobile"] * 2})
    pq.write_table(data, tmp_path / "transfers.parquet")
    ran = cli("ingest", tmp_path / "transfers.parquet", "--db", tmp_path / "s.db")
    assert ran.code == 5
    assert "transfers.parquet, row 1, column 'amount': got True" in one_error(ran)
    assert not (tmp_path / "s.db").exists()


@pytest.mark.parametrize(("confidence", "stored"), [(0, 0.0), (80, 0.8), (100, 1.0)])
def test_stix_confidence_0_to_100_is_stored_as_0_to_1(confidence: int, stored: float) -> None:
    assert parse_bundle(_bundle(confidence), "b.json").indicators[0]["confidence"] == stored


@pytest.mark.parametrize("confidence", [1000, -1, 50.5, "high", True])
def test_a_stix_confidence_outside_0_to_100_is_refused_naming_the_object(confidence: object) -> None:
    with pytest.raises(InputError) as caught:
        parse_bundle(_bundle(confidence), "b.json")
    problem = caught.value.problems[0]
    assert (problem.column, problem.row_label, problem.value) == ("confidence", "object", confidence)


def test_a_stix_import_with_a_bad_confidence_leaves_the_store_unchanged(cli, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(_bundle(80), encoding="utf-8")
    bad.write_text(_bundle(1000), encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("share", "import", good, "--db", db).code == 0
    before = digest(db)
    ran = cli("share", "import", bad, "--db", db)
    assert ran.code == 5 and "column 'confidence': got 1000" in one_error(ran)
    assert digest(db) == before


@pytest.mark.parametrize("deep", ['{"type": "bundle", "objects": ' + "[" * 50_000 + "]" * 50_000 + "}",
                                  "[" * 50_000 + "]" * 50_000])
def test_a_deeply_nested_bundle_is_a_clear_error(cli, tmp_path: Path, deep: str) -> None:
    path = tmp_path / "deep.json"
    path.write_text(deep, encoding="utf-8")
    ran = cli("share", "import", path, "--db", tmp_path / "s.db")
    assert ran.code == 5
    one_error(ran)
    assert "RecursionError" not in ran.err and not (tmp_path / "s.db").exists()


def test_a_bundle_with_a_byte_order_mark_is_read() -> None:
    assert len(parse_bundle("\ufeff" + _bundle(80), "b.json").indicators) == 1


def test_excels_utf8_byte_order_mark_is_skipped(cli, tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text("msg_id,sent_at,sender,recipient,channel,text\n"
                    "M1,2026-03-01T09:00:00Z,+8613800000001,+8613900000001,sms,hello\n", encoding="utf-8-sig")
    ran = cli("ingest", path, "--kind", "messages", "--db", tmp_path / "s.db")
    assert ran.code == 0, ran.err


def test_an_unknown_encoding_in_a_mapping_names_the_key(cli, tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("msg_id\nM1\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('encoding = "klingon-8"\n', encoding="utf-8")
    ran = cli("ingest", tmp_path / "m.csv", "--kind", "messages", "--mapping", mapping, "--db", tmp_path / "s.db")
    assert ran.code == 2
    assert "encoding = 'klingon-8'" in one_error(ran) and "LookupError" not in ran.err
    assert not (tmp_path / "s.db").exists()
