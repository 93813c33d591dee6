"""Tracing across the bank-to-chain boundary on a baseline world, checked against the labels.

For every report: the victim money traced, where the trace located it (bank accounts, wallets),
what it counted as cashed out, and the same trace without the chain leg. Against the labels: the
share of chain-located money held at wallets of the gang the victim paid, at honest wallets
(black-U buyers, people), and at no-one's; and how many freeze requests go to exchanges and to
the issuer.

    nice .venv/bin/python bench/bench_crypto_trace.py --people 6000 --days 10 [--seed 1] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.graph.trace import TraceLimits, trace_funds, transfer_index
from scamnet.schema import table
from scamnet.service.money import report_start_rows, store_index, trace_report
from scamnet.sim import simulate
from scamnet.store import open_store
from scamnet.store.events import traced_transfers
from scamnet.store.repo import append_rows
from scamnet.store.reports import report

GANG_WALLET_ROLES = {"scam_wallet", "peel_wallet", "consolidation_wallet", "exchange_deposit", "black_u_dealer"}


def measure(people: int, days: int, seed: int) -> dict:
    world = simulate("baseline", seed=seed, people=people, days=days)
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db") as store:
        with store.transaction() as con:
            for name, rows in world.tables.items():
                append_rows(con, table(name), rows)
        started = time.perf_counter()
        index = store_index(store)
        index_s = time.perf_counter() - started
        bank_only = transfer_index(traced_transfers(store))
        labels: dict[str, dict[str, str | None]] = {}
        for entity, label, gang in store.con.sql("SELECT entity, label, gang_id FROM labels").fetchall():
            labels.setdefault(entity, {})[label] = gang
        totals = {k: Decimal(0) for k in ("traced", "located", "located_bank_only", "cashed_out", "cashed_out_bank_only",
                                          "chain_located", "chain_at_paying_gang", "chain_at_other_gang", "chain_at_honest")}
        counts = {"reports": 0, "crossed": 0, "exchange_requests": 0, "issuer_requests": 0, "bank_requests": 0}
        clock = FixedClock(datetime(2026, 6, 1, tzinfo=UTC))
        started = time.perf_counter()
        for (rid,) in store.con.sql("SELECT report_id FROM reports ORDER BY report_id").fetchall():
            result = trace_report(store, rid, settings, clock, index=index)
            reported = report(store, rid)
            alone = trace_funds(bank_only, report_start_rows(store, bank_only, reported), settings.trace_policy,
                                _limits(settings, reported))
            _add(totals, counts, result, alone, labels)
        trace_s = time.perf_counter() - started
    share = {k: float(v / totals["traced"]) if totals["traced"] else 0.0 for k, v in totals.items()}
    return {"people": people, "days": days, "seed": seed, "index_s": round(index_s, 2), "trace_s": round(trace_s, 2),
            "counts": counts, "amounts": {k: str(v) for k, v in totals.items()},
            "share_of_traced": {k: round(v, 4) for k, v in share.items()}}


def _add(totals: dict, counts: dict, result, alone, labels: dict) -> None:
    t = result.trace
    counts["reports"] += 1
    counts["crossed"] += any(e["channel"] == "otc_trade" for e in result.edges.to_pylist())
    totals["traced"] += t["traced_amount"]
    totals["located"] += t["located_amount"]
    totals["cashed_out"] += t["cashout_amount"]
    totals["located_bank_only"] += Decimal(alone.located).scaleb(-2)
    totals["cashed_out_bank_only"] += Decimal(alone.cashed_out).scaleb(-2)
    first = [e["txn_id"] for e in result.edges.to_pylist() if e["hop"] == 1]
    gangs = {labels.get(f"txn:{x}", {}).get("victim_transfer") for x in first} - {None}
    for item in result.freeze + result.passed:
        node = item["account_id"]
        if not node.startswith(("wallet:", "otc:")):
            continue
        totals["chain_located"] += item["held_amount"]
        carried = {g for role, g in labels.get(node, {}).items() if role in GANG_WALLET_ROLES and g}
        key = "chain_at_paying_gang" if carried & gangs else "chain_at_other_gang" if carried else "chain_at_honest"
        totals[key] += item["held_amount"]
    for item in result.freeze:
        bank = item.get("bank") or ""
        kind = "issuer_requests" if bank.startswith("Tether") else "exchange_requests" if "deposit" in bank else "bank_requests"
        counts[kind] += 1


def _limits(settings: Settings, reported) -> TraceLimits:
    return TraceLimits(max_hops=settings.trace_max_hops, horizon_s=int(3600 * settings.trace_horizon_hours),
                       min_cents=round(100 * settings.trace_min_amount),
                       as_of_us=round(reported["reported_at"].timestamp() * 1_000_000),
                       material_cents=round(100 * settings.freeze_min_amount))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=6000)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.people, args.days, args.seed)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
