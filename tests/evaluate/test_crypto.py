"""``bench crypto``: the wallet-risk table on a world (the hand-built USDT world) and on a
synthetic file in the Ethereum fraud set's layout (unit tests never read the real set)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scamnet.core.errors import InputError, NotFoundError
from scamnet.detect.crypto.example import wallet_labels, wallet_world
from scamnet.evaluate.crypto import bench_crypto, bench_wallets
from scamnet.evaluate.crypto_real import ETHEREUM, bench_ethereum, ethereum_set, wallet_rows
from scamnet.features.data import Data

#: The set's header as the file spells it (stray spaces included), without its two empty trailers.
_HEADER = ("Index,Address,FLAG,Avg min between sent tnx,Avg min between received tnx,Time Diff between first and last "
          "(Mins),Sent tnx,Received Tnx,Number of Created Contracts,Unique Received From Addresses,Unique Sent To Addresses,"
          "min value received,max value received ,avg val received,min val sent,max val sent,avg val sent,min value sent "
          "to contract,max val sent to contract,avg value sent to contract,total transactions (including tnx to create "
          "contract,total Ether sent,total ether received,total ether sent contracts,total ether balance, Total ERC20 "
          "tnxs, ERC20 total Ether received, ERC20 total ether sent, ERC20 total Ether sent contract, ERC20 uniq sent addr,"
          " ERC20 uniq rec addr, ERC20 uniq sent addr.1, ERC20 uniq rec contract addr, ERC20 avg time between sent tnx, "
          "ERC20 avg time between rec tnx, ERC20 avg time between rec 2 tnx, ERC20 avg time between contract tnx, ERC20 "
          "min val rec, ERC20 max val rec, ERC20 avg val rec, ERC20 min val sent, ERC20 max val sent, ERC20 avg val sent,"
          " ERC20 min val sent contract, ERC20 max val sent contract, ERC20 avg val sent contract, ERC20 uniq sent token "
          "name, ERC20 uniq rec token name, ERC20 most sent token type, ERC20_most_rec_token_type")
HEADER = _HEADER.split(",")


def _write_set(root: Path, rows: int = 200, seed: int = 0) -> Path:
    """Fraud and normal rows drawn from one distribution. Half the addresses of each class made no ERC-20
    transfer: their ERC-20 cells are 0 for normal rows and empty for fraud rows, as in the real set."""
    rng = np.random.default_rng(seed)
    path = root / ETHEREUM
    path.parent.mkdir(parents=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(rows):
            fraud = i % 4 == 0
            values = [f"{v:.4f}" for v in rng.lognormal(2.0, 1.0, len(HEADER) - 5)]
            no_tokens = i % 8 < 4
            erc20 = [("" if fraud else "0") if no_tokens else v for v in values[22:]]
            out.writerow([i, f"0x{i:040x}", int(fraud), *values[:22], *erc20, "Tether", "Tether"])
    return root


def test_the_world_table_counts_gang_wallets_and_every_honest_roles_false_alarms() -> None:
    labels = wallet_labels()
    result = bench_wallets(Data.from_tables(labels=labels, **wallet_world(3)), labels)
    unsupervised = result.rows[0].to_json()
    assert [r.mode for r in result.rows] == ["unsupervised", "supervised"]
    assert unsupervised["flagged_honest"] == 0 and unsupervised["recall"] >= 0.5
    roles = {r.role: r for r in result.roles if r.mode == "unsupervised" and not r.gang}
    assert {"exchange_hot_wallet", "otc_trader", "usdt_retail", "payment_processor"} <= roles.keys()
    assert roles["usdt_retail"].wallets > 30 and roles["exchange_hot_wallet"].flagged == 0
    assert result.fit_period[1] == result.score_period[0]


def test_a_world_without_chain_transfers_is_a_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no chain transfers"):
        bench_crypto(tmp_path)


def test_the_set_is_read_with_its_columns_stripped_and_its_gaps_empty(tmp_path: Path) -> None:
    data = ethereum_set(_write_set(tmp_path, rows=16))
    assert "max value received" in data.columns and "Index" not in data.columns and "FLAG" not in data.columns
    assert data.flag.sum() == 4 and np.isnan(data.values[0, data.columns.index("Total ERC20 tnxs")])
    table = wallet_rows(data)
    assert table["in_count"].to_pylist() == data.values[:, data.columns.index("Received Tnx")].tolist()
    assert np.isnan(table["forwarded_1h_share"].to_numpy()).all()  # aggregates carry no timing sequence


def test_a_cell_that_is_no_number_names_its_file_line_and_column(tmp_path: Path) -> None:
    path = _write_set(tmp_path, rows=3) / ETHEREUM
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[HEADER.index("Sent tnx")] = "many"
    path.write_text("\n".join([*lines[:2], ",".join(cells), *lines[3:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        ethereum_set(tmp_path)
    assert "train.csv" in raised.value.message and "line 3" in raised.value.message and "Sent tnx" in raised.value.message


def test_empty_erc20_cells_that_mark_only_fraud_rows_are_a_leak_the_filled_baseline_does_not_use(tmp_path: Path) -> None:
    rows = {r.method: r for r in bench_ethereum(_write_set(tmp_path), trees=20)}
    assert set(rows) == {"wallet_risk unsupervised", "wallet_risk supervised", "lightgbm baseline",
                         "lightgbm baseline, ERC-20 gaps kept"}
    # the values carry no signal, only the way "no ERC-20 transfer" is written does (half the fraud rows)
    assert rows["lightgbm baseline, ERC-20 gaps kept"].recall_at_1pct_fp >= 0.4
    assert rows["lightgbm baseline"].recall_at_1pct_fp < 0.25
    assert rows["wallet_risk unsupervised"].roc_auc == pytest.approx(0.5)  # no sequence, no links: it sees nothing


def test_bench_crypto_prints_the_real_set_table_and_writes_its_json(tmp_path: Path) -> None:
    root = _write_set(tmp_path / "sets", rows=120)
    run = subprocess.run([sys.executable, "-m", "scamnet", "bench", "crypto", "--datasets", str(root), "--json",
                          str(tmp_path / "out.json")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "ethereum-fraud-addresses-80" in run.stdout and "lightgbm baseline" in run.stdout
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert written["world"] is None and len(written["real"]) == 4 and "recall_at_1%_fp" in written["real"][0]
