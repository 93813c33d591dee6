"""Wallet risk as a step of ``scamnet run``: alerts with reasons in the store, and a re-run that
never feeds on its own alerts."""

from __future__ import annotations

import pytest

from scamnet.core.settings import Settings
from scamnet.detect.crypto.example import CHAIN, COLLECTORS, GANG_DEPOSIT, HOT, PEELS, TRADERS, wallet_world
from scamnet.features.crypto import CHAIN_TABLES
from scamnet.service.wallets import run_wallets


def wallet(address: str) -> str:
    return f"wallet:{CHAIN}:{address}"


@pytest.fixture
def loaded(store):
    """The hand-built USDT world in the store (the chain tables made here where the store has none yet)."""
    for name, rows in wallet_world(3).items():
        if name in CHAIN_TABLES:
            columns = ", ".join(f"{f.name} {_sql_type(f.type)}" for f in CHAIN_TABLES[name])
            store.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        store.con.register("incoming", rows)
        store.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
        store.con.unregister("incoming")
    return store


def _sql_type(arrow_type) -> str:
    text = str(arrow_type)
    return {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE"}.get(text) or (
        "TIMESTAMPTZ" if text.startswith("timestamp") else text.replace("decimal128", "DECIMAL"))


def _alerts(store) -> dict[str, tuple[float, list[str]]]:
    rows = store.con.execute("SELECT entity, score, reasons FROM alerts WHERE detector = 'wallet_risk'").fetchall()
    return {entity: (score, reasons) for entity, score, reasons in rows}


def test_the_run_step_raises_alerts_on_the_gangs_wallets_with_their_reasons(loaded, clock) -> None:
    summary = run_wallets(loaded, Settings(), clock)
    alerts = _alerts(loaded)
    assert {wallet(p) for p in PEELS} | {wallet(c) for c in COLLECTORS} <= alerts.keys()
    assert not {wallet(HOT), *map(wallet, TRADERS)} & alerts.keys()
    assert alerts[wallet(PEELS[1])][1][0].startswith("peel-chain hop:")
    assert summary["wallets_scored"] > 100 and summary["wallet_alerts"] == len(alerts)


def test_a_rerun_never_feeds_on_its_own_alerts(loaded, clock) -> None:
    run_wallets(loaded, Settings(), clock)
    first = _alerts(loaded)
    # the gang's exchange deposit is paid only by flagged peel hops: fed its own alerts, a re-run would flag it
    assert wallet(GANG_DEPOSIT) not in first
    run_wallets(loaded, Settings(), clock)
    assert _alerts(loaded) == first
