"""Block-explorer exports and canonical JSON Lines load as chain_transfers, exactly, or not at all."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.schema.addresses import base58check_encode
from scamnet.service.ingest import ingest_files
from scamnet.store import open_store

SETTINGS = Settings()
T1, T2 = base58check_encode(b"\x41" + bytes(range(20))), base58check_encode(b"\x41" + bytes(range(1, 21)))
USDT = base58check_encode(b"\x41" + bytes(range(2, 22)))
E1 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # the EIP-55 specification's example, checksum correct
E2 = "0x" + "ab" * 20
CONTRACT = "0x" + "dac17f958d2ee523a2206206994597c13d831ec7"
TOKENS_HEADER = ('"Txhash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","TokenValue","USDValueDayOfTx",'
                 '"ContractAddress","TokenName","TokenSymbol"')


def _rows(db: Path) -> list[tuple]:
    with open_store(db, read_only=True) as store:
        return store.con.sql("SELECT chain, tx_hash, log_index, block, epoch(ts)::BIGINT, from_address, to_address, "
                             "token_contract, token_symbol, amount FROM chain_transfers ORDER BY tx_hash, log_index").fetchall()


def test_an_etherscan_token_export_loads_with_exact_amounts_and_logs_numbered_per_transaction(tmp_path: Path) -> None:
    path = tmp_path / "export-tokens.csv"
    path.write_text("\n".join([
        TOKENS_HEADER,
        f'"0xaa","19000000","1772323200","2026-03-01 00:00:00","{E1}","{E2}","1,250.123456","1250","{CONTRACT}","Tether USD","USDT"',
        f'"0xaa","19000000","1772323200","2026-03-01 00:00:00","{E2}","{E1}","0.000000000000000001","0","{CONTRACT}","Tether USD","USDT"',
    ]) + "\n", encoding="utf-8")
    ingest_files([path], tmp_path / "s.db", SETTINGS, kind="chain_transfers")
    rows = _rows(tmp_path / "s.db")
    assert [(r[2], r[9]) for r in rows] == [(0, Decimal("1250.123456")), (1, Decimal("0.000000000000000001"))]
    assert rows[0][:2] == ("ethereum", "0xaa") and rows[0][3:5] == (19000000, 1772323200) and rows[0][8] == "USDT"


def test_an_etherscan_normal_export_keeps_value_transfers_and_drops_failed_and_zero_value_calls(tmp_path: Path) -> None:
    path = tmp_path / "export-normal.csv"
    head = '"Txhash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","ContractAddress","Value_IN(ETH)","Value_OUT(ETH)","Status","ErrCode"'
    path.write_text("\n".join([
        head,
        f'"0xb1","19000001","1772323260","x","{E1}","{E2}","","0","1.5","",""',
        f'"0xb2","19000002","1772323320","x","{E1}","{E2}","","0","2","Error(0)","out of gas"',
        f'"0xb3","19000003","1772323380","x","{E1}","{E2}","","0","0","",""',
    ]) + "\n", encoding="utf-8")
    ingest_files([path], tmp_path / "s.db", SETTINGS, kind="chain_transfers")
    assert [(r[1], r[2], r[7], r[8], r[9]) for r in _rows(tmp_path / "s.db")] == [("0xb1", -1, None, "ETH", Decimal("1.5"))]


def test_a_tronscan_trc20_export_scales_raw_units_by_the_tokens_decimals(tmp_path: Path) -> None:
    path = tmp_path / "tron_chain_transfers.csv"
    path.write_text("transaction_id,block_ts,block,from_address,to_address,quant,contract_address,token_abbr,token_decimal\n"
                    f"{'c' * 64},1772323200000,70000000,{T1},{T2},1500000000,{USDT},USDT,6\n", encoding="utf-8")
    ingest_files([path], tmp_path / "s.db", SETTINGS)  # the kind from the file name
    assert [(r[0], r[2], r[5], r[6], r[9]) for r in _rows(tmp_path / "s.db")] == [("tron", 0, T1, T2, Decimal("1500"))]


def test_an_unreadable_amount_is_named_by_file_line_and_field_and_nothing_is_written(tmp_path: Path) -> None:
    first = tmp_path / "chain_transfers.jsonl"
    first.write_text(json.dumps({"chain": "ethereum", "tx_hash": "0x01", "log_index": 0, "block": 1, "ts": "2026-03-01T00:00:00Z",
                                 "from_address": E1, "to_address": E2, "token_symbol": "USDT", "amount": "3"}) + "\n")
    ingest_files([first], tmp_path / "s.db", SETTINGS)
    before = _rows(tmp_path / "s.db")
    path = tmp_path / "export-tokens.csv"
    path.write_text("\n".join([
        TOKENS_HEADER,
        f'"0xaa","1","1772323200","x","{E1}","{E2}","12","0","{CONTRACT}","T","USDT"',
        f'"0xab","1","1772323200","x","{E1}","{E2}","twelve","0","{CONTRACT}","T","USDT"',
    ]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        ingest_files([path], tmp_path / "s.db", SETTINGS, kind="chain_transfers")
    problem = error.value.problems[0]
    assert (problem.source, problem.row, problem.column, problem.value) == (str(path), 3, "TokenValue", "twelve")
    assert _rows(tmp_path / "s.db") == before and len(before) == 1


@pytest.mark.parametrize("chain, address", [
    ("ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"),  # one letter's case off: EIP-55 fails
    ("tron", T1[:-1] + ("a" if T1[-1] != "a" else "b")),  # Base58Check checksum fails
    ("tron", E2),  # a valid Ethereum address on the wrong chain
    ("bitcoin", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx"),  # bech32 checksum fails
])
def test_an_address_not_valid_on_its_rows_chain_is_refused(tmp_path: Path, chain: str, address: str) -> None:
    row = {"chain": chain, "tx_hash": "h1", "log_index": 0, "block": 5, "ts": "2026-03-01T00:00:00Z",
           "from_address": address, "to_address": address, "token_symbol": "USDT", "amount": "1"}
    path = tmp_path / "chain_transfers.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        ingest_files([path], tmp_path / "s.db", SETTINGS)
    assert {(p.row, p.column, p.value) for p in error.value.problems} == {(1, "from_address", address), (1, "to_address", address)}


def test_canonical_json_lines_load_wallets_and_otc_trades(tmp_path: Path) -> None:
    wallets = tmp_path / "wallets.jsonl"
    wallets.write_text("\n".join(json.dumps(r) for r in [
        {"chain": "tron", "address": T1, "first_seen": "2026-03-01T00:00:00Z", "owner": "Some Exchange",
         "owner_kind": "exchange_hot_wallet"},
        {"chain": "bitcoin", "address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "first_seen": "2026-03-01T00:00:00Z"},
    ]) + "\n", encoding="utf-8")
    trades = tmp_path / "otc_trades.jsonl"
    trades.write_text(json.dumps({"trade_id": "o1", "trader": "P7", "bank_txn_id": "t9", "chain": "tron",
                                  "tx_hash": "c" * 64, "rate": "7.231", "ts": "2026-03-01T01:00:00Z"}) + "\n", encoding="utf-8")
    ingest_files([wallets, trades], tmp_path / "s.db", SETTINGS)
    with open_store(tmp_path / "s.db", read_only=True) as store:
        assert store.con.sql("SELECT count(*) FROM wallets").fetchall() == [(2,)]
        assert store.con.sql("SELECT rate FROM otc_trades").fetchall() == [(Decimal("7.231000"),)]


def test_another_explorers_layout_loads_through_a_mapping_file(tmp_path: Path) -> None:
    mapping = tmp_path / "dune.toml"
    mapping.write_text('''kind = "chain_transfers"
unmapped = "ignore"
[columns]
chain = { value = "tron" }
tx_hash = "evt_tx_hash"
log_index = "evt_index"
block = "evt_block_number"
ts = { from = "evt_block_time", epoch = "s" }
from_address = "from"
to_address = "to"
token_contract = "contract_address"
token_symbol = { value = "USDT" }
amount = "value_usdt"
''', encoding="utf-8")
    path = tmp_path / "dune-export.csv"
    path.write_text("evt_tx_hash,evt_index,evt_block_number,evt_block_time,from,to,contract_address,value_usdt,evt_tx_from\n"
                    f"{'d' * 64},3,70000001,1772323200,{T1},{T2},{USDT},12.5,{T1}\n", encoding="utf-8")
    ingest_files([path], tmp_path / "s.db", SETTINGS, mapping=mapping)
    assert [(r[0], r[2], r[8], r[9]) for r in _rows(tmp_path / "s.db")] == [("tron", 3, "USDT", Decimal("12.5"))]
