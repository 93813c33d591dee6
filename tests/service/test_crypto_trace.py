"""Tracing across the boundary on a baseline world: the victim's money through the mules, the OTC
trade and the chain, located on both legs and checked by id against the labels."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.graph.trace import TraceLimits, trace_funds, transfer_index
from scamnet.render.figures import fund_flow_sankey
from scamnet.schema import table
from scamnet.service.money import report_start_rows, store_index, trace_report
from scamnet.sim import simulate
from scamnet.store import open_store
from scamnet.store.events import traced_transfers
from scamnet.store.repo import append_rows
from scamnet.store.reports import report
from scamnet.store.traces import trace_flows

SETTINGS = Settings()
GANG_WALLET_ROLES = {"scam_wallet", "peel_wallet", "consolidation_wallet", "exchange_deposit", "black_u_dealer"}


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    world = simulate("baseline", seed=1, people=3000, days=6)
    store = open_store(tmp_path_factory.mktemp("crypto") / "s.db")
    with store.transaction() as con:
        for name, rows in world.tables.items():
            append_rows(con, table(name), rows)
    index = store_index(store)
    clock = FixedClock(datetime(2026, 3, 10, tzinfo=UTC))
    ids = [r[0] for r in store.con.sql("SELECT report_id FROM reports ORDER BY report_id").fetchall()]
    results = {rid: trace_report(store, rid, SETTINGS, clock, index=index) for rid in ids}
    labels = {}
    for entity, label, gang in store.con.sql("SELECT entity, label, gang_id FROM labels").fetchall():
        labels.setdefault(entity, {})[label] = gang
    yield store, index, results, labels
    store.close()


def _gang_of(result, labels) -> set[str]:
    """The gang the victim paid, from the labels of the victim's payments (hop 1)."""
    first = [e["txn_id"] for e in result.edges.to_pylist() if e["hop"] == 1]
    return {labels[f"txn:{t}"]["victim_transfer"] for t in first if "victim_transfer" in labels.get(f"txn:{t}", {})}


def _crossed(results) -> dict:
    return {rid: r for rid, r in results.items() if any(e["channel"] == "otc_trade" for e in r.edges.to_pylist())}


def test_money_paid_for_usdt_is_located_on_chain_at_the_paying_gangs_wallets(traced) -> None:
    _, _, results, labels = traced
    crossed = _crossed(results)
    assert len(crossed) >= 3
    located_at_gang = sent = 0
    for result in crossed.values():
        gangs = _gang_of(result, labels)
        bridged = [e["dst_account"] for e in result.edges.to_pylist() if e["src_account"].startswith("otc:")]
        # the coins the trader sent for the victim's money (if sent by the report's time) went to a
        # receiving wallet of the gang the victim paid
        assert all(labels[w].get("scam_wallet") in gangs for w in bridged)
        sent += bool(bridged)
        for item in result.freeze:
            roles = labels.get(item["account_id"], {})
            carried = {g for role, g in roles.items() if role in GANG_WALLET_ROLES and g}
            assert carried <= gangs, (item["account_id"], carried, gangs)  # never another gang's wallet
            located_at_gang += bool(carried)
    assert located_at_gang > 0 and sent >= 3


def test_the_located_share_counts_both_legs(traced) -> None:
    store, index, results, _ = traced
    bank_only = transfer_index(traced_transfers(store))
    gained = 0
    for rid, result in _crossed(results).items():
        t = result.trace
        held = result.freeze + result.passed
        chain = sum((i["held_amount"] for i in held if i["account_id"].startswith(("wallet:", "otc:"))), Decimal(0))
        bank = sum((i["held_amount"] for i in held if not i["account_id"].startswith(("wallet:", "otc:"))), Decimal(0))
        assert t["located_amount"] == chain + bank
        assert t["traced_amount"] == t["located_amount"] + t["cashout_amount"] + result.below_min + result.beyond_hops
        reported = report(store, rid)
        alone = trace_funds(bank_only, report_start_rows(store, bank_only, reported), "fifo",
                            _limits(reported))
        # without the chain leg the same money counts as cashed out at the OTC payment
        assert Decimal(alone.located).scaleb(-2) == bank
        gained += chain > 0
    assert gained >= 3


def test_deposit_addresses_go_to_their_exchange_and_other_wallets_to_the_issuer(traced) -> None:
    store, index, results, labels = traced
    exchanges = {a: o for a, o in store.con.sql(
        "SELECT 'wallet:tron:' || address, owner FROM wallets WHERE owner_kind = 'exchange_hot_wallet'").fetchall()}
    seen = set()
    for result in results.values():
        for item in result.freeze:
            if not item["account_id"].startswith("wallet:"):
                continue
            coins = (item["held_amount"] / index.leg.rate).quantize(Decimal("0.000001"))
            if "exchange_deposit" in labels.get(item["account_id"], {}):
                assert item["bank"].split(" (")[0] in set(exchanges.values())
                seen.add("exchange")
            else:
                assert item["bank"].startswith("Tether (issuer freeze")
                seen.add("issuer")
            assert abs(Decimal(item["bank"].split("; " if "deposit" in item["bank"] else "of ")[1].split(" ")[0]) - coins) <= Decimal("0.000002")
    assert seen == {"exchange", "issuer"}


def _limits(reported) -> TraceLimits:
    return TraceLimits(max_hops=SETTINGS.trace_max_hops, horizon_s=int(3600 * SETTINGS.trace_horizon_hours),
                       min_cents=round(100 * SETTINGS.trace_min_amount), as_of_us=round(reported["reported_at"].timestamp() * 1e6),
                       material_cents=round(100 * SETTINGS.freeze_min_amount))


def test_the_stored_flow_the_sankey_draws_holds_both_legs(traced) -> None:
    store, _, results, _ = traced
    rid = next(iter(_crossed(results)))
    flows = trace_flows(store, results[rid].trace["trace_id"])
    nodes = {f.src for f in flows} | {f.dst for f in flows}
    assert any(n.startswith("otc:") for n in nodes) and any(n.startswith("wallet:tron:") for n in nodes)
    assert any(not n.startswith(("otc:", "wallet:", "cash")) for n in nodes)  # and the bank accounts before them
    figure = fund_flow_sankey({"report_id": rid, "policy": "fifo", "freeze": [],
                               "flows": [{"src": f.src, "dst": f.dst, "amount": float(f.amount), "first_at": f.first_at,
                                          "hop": f.hop}
                                         for f in flows]})
    drawn = len(figure.data[0].node.label)
    assert drawn == len(nodes) and max(figure.data[0].link.source + figure.data[0].link.target) == drawn - 1
