from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError, InputError
from scamnet.core.settings import Settings
from scamnet.ingest.mapping import load_mapping, mapping_from_dict
from scamnet.service.ingest import ingest_files
from scamnet.store import open_store
from tests.ingest.sample import write_text

CDR_MAPPING = """
kind = "calls"
[columns]
call_id = "CDR_ID"
started_at = { from = "START_TIME", format = "%Y%m%d%H%M%S", timezone = "Asia/Shanghai" }
duration_s = "DUR"
caller = { from = "MSISDN_A", phone = true }
callee = { from = "MSISDN_B", phone = true }
answered = { from = "ANS", true = ["Y"], false = ["N"] }
caller_imei = "IMEI"
"""


def _rows(db: Path, sql: str) -> list[tuple]:
    with open_store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def test_an_operator_cdr_export_is_renamed_and_converted(tmp_path: Path) -> None:
    cdr = write_text(tmp_path / "cdr_march.csv", "CDR_ID,START_TIME,DUR,MSISDN_A,MSISDN_B,ANS,IMEI\n"
                     "X1,20260301170000,35,138 1234 5678,0086 139-1234-5678,Y,356938035643809\n")
    mapping = write_text(tmp_path / "cdr.toml", CDR_MAPPING)
    ingest_files([cdr], tmp_path / "s.db", Settings(), mapping=mapping)
    row = _rows(tmp_path / "s.db", "SELECT call_id, started_at, duration_s, caller, callee, answered, caller_imei FROM calls")[0]
    assert row == ("X1", datetime(2026, 3, 1, 9, 0, tzinfo=UTC), 35, "+8613812345678", "+8613912345678", True,
                   "356938035643809")


def test_a_bank_export_in_cents_and_epoch_seconds_gets_the_default_currency(tmp_path: Path) -> None:
    export = write_text(tmp_path / "bank.csv", "ID,EPOCH,FROM,TO,AMT_CENTS,TYPE\nB1,1772355600,A1,B1,125050,online\n")
    mapping = write_text(tmp_path / "bank.toml", '[columns]\ntxn_id = "ID"\nts = { from = "EPOCH", epoch = "s" }\n'
                         'src_account = "FROM"\ndst_account = "TO"\namount = { from = "AMT_CENTS", unit = "cents" }\n'
                         'channel = "TYPE"\n')
    ingest_files([export], tmp_path / "s.db", Settings({"default_currency": "HKD"}), kind="transfers", mapping=mapping)
    row = _rows(tmp_path / "s.db", "SELECT txn_id, ts, amount, currency FROM transfers")[0]
    assert row == ("B1", datetime(2026, 3, 1, 9, 0, tzinfo=UTC), Decimal("1250.50"), "HKD")


PHONES = [
    ("13812345678", "CN", "+8613812345678"),
    ("+86 138 1234 5678", "CN", "+8613812345678"),
    ("0086-138-1234-5678", "CN", "+8613812345678"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("(415) 555-0132", "US", "+14155550132"),
]


@pytest.mark.parametrize(("raw", "region", "e164"), PHONES)
def test_phone_numbers_are_stored_in_e164_read_in_the_default_region(tmp_path: Path, raw: str, region: str, e164: str) -> None:
    path = write_text(tmp_path / "calls.csv", "call_id,started_at,duration_s,caller,callee,answered\n"
                      f'C1,2026-03-01,0,"{raw}",+8613912345678,false\n')
    mapping = write_text(tmp_path / "m.toml", "normalise_phones = true\n")
    ingest_files([path], tmp_path / "s.db", Settings({"default_region": region}), mapping=mapping)
    assert _rows(tmp_path / "s.db", "SELECT caller FROM calls") == [(e164,)]


def test_a_number_that_cannot_be_read_is_reported_as_it_was_written(tmp_path: Path) -> None:
    path = write_text(tmp_path / "calls.csv", "call_id,started_at,duration_s,caller,callee,answered\n"
                      "C1,2026-03-01,0,12,+8613912345678,false\n")
    with pytest.raises(InputError) as caught:
        ingest_files([path], tmp_path / "s.db", Settings(), mapping=write_text(tmp_path / "m.toml", "normalise_phones = true\n"))
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "caller", "12") and "E.164" in problem.expected


def test_a_time_that_does_not_fit_the_format_names_the_format(tmp_path: Path) -> None:
    cdr = write_text(tmp_path / "cdr.csv", "CDR_ID,START_TIME,DUR,MSISDN_A,MSISDN_B,ANS,IMEI\n"
                     "X1,2026-03-01 17:00,35,13812345678,13912345678,Y,\n")
    with pytest.raises(InputError) as caught:
        ingest_files([cdr], tmp_path / "s.db", Settings(), mapping=write_text(tmp_path / "m.toml", CDR_MAPPING))
    problem = caught.value.problems[0]
    assert (problem.column, problem.value) == ("START_TIME", "2026-03-01 17:00") and "%Y%m%d%H%M%S" in problem.expected


def test_a_mapped_column_missing_from_the_file_is_named(tmp_path: Path) -> None:
    cdr = write_text(tmp_path / "cdr.csv", "CDR_ID,START_TIME,DUR,MSISDN_A,ANS,IMEI\nX1,20260301170000,35,13812345678,Y,\n")
    with pytest.raises(InputError) as caught:
        ingest_files([cdr], tmp_path / "s.db", Settings(), mapping=write_text(tmp_path / "m.toml", CDR_MAPPING))
    [problem] = caught.value.problems
    assert problem.column == "MSISDN_B" and "makes callee from it" in problem.expected


def test_unmapped_columns_can_be_ignored(tmp_path: Path) -> None:
    path = write_text(tmp_path / "transfers.csv", "txn_id,ts,amount,channel,branch\nT1,2026-03-01,5,qr,north\n")
    mapping = write_text(tmp_path / "m.toml", 'unmapped = "ignore"\n')
    assert ingest_files([path], tmp_path / "s.db", Settings(), mapping=mapping)[0].new == 1


def test_a_gbk_export_is_read_when_the_mapping_says_so(tmp_path: Path) -> None:
    path = tmp_path / "transfers.csv"
    path.write_bytes("txn_id,ts,amount,channel,memo\nT1,2026-03-01,5,qr,房租\n".encode("gbk"))
    ingest_files([path], tmp_path / "s.db", Settings(), mapping=write_text(tmp_path / "m.toml", 'encoding = "gbk"\n'))
    assert _rows(tmp_path / "s.db", "SELECT memo FROM transfers") == [("房租",)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"colour": "red"}, "unknown key"),
        ({"columns": {"ts": {"from": "T", "epoch": "days"}}}, "epoch"),
        ({"columns": {"amount": {"from": "A", "unit": "mils"}}}, "unit"),
        ({"columns": {"currency": {"from": "C", "value": "CNY"}}}, "exactly one"),
        ({"unmapped": "drop"}, "unmapped"),
    ],
)
def test_a_wrong_mapping_is_a_config_error(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        mapping_from_dict(data)


def test_a_mapping_that_is_not_toml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_mapping(write_text(tmp_path / "m.toml", "columns = [unclosed\n"))
