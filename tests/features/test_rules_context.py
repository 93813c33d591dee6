"""The back-test context of a transfer equals an event-by-event recount over the transfers before it.

This is the promise behind the rule vocabulary: every window field can be kept live, one event at a
time, and the SQL computes exactly that (windows [t - 1 h, t) and [t - 24 h, t), same-instant
transfers not counted as earlier).
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.schema import table

T0 = datetime(2026, 3, 1, tzinfo=UTC)
HOUR, DAY = timedelta(hours=1), timedelta(hours=24)
WATCHLIST = pa.table({"entity": pa.array([], pa.string()), "score": pa.array([], pa.float64())})
TRANSFER = st.tuples(st.integers(0, 60 * 30).map(lambda m: m * 2), st.sampled_from(["A", "B", "C", None]),
                     st.sampled_from(["A", "B", "D", None]), st.integers(1, 5000)).filter(lambda t: t[1] or t[2])


def sql_contexts(rows: list[dict]) -> dict[str, dict]:
    data = Data.from_tables(transfers=pa.Table.from_pylist(rows, schema=table("transfers").schema))
    data.con.register("watchlist", WATCHLIST)
    return {r["txn_id"]: r for r in run_feature(data, "rules/transfer_context").to_pylist()}


def recount(account: str | None, now: datetime, before: list[dict]) -> dict:
    """An account's window fields at ``now`` from the transfers ``before`` it, as a live scorer keeps them."""
    if account is None:
        return {}
    out = [e for e in before if e["src_account"] == account]
    into = [e for e in before if e["dst_account"] == account]
    seen = [e["ts"] for e in before if account in (e["src_account"], e["dst_account"])]

    def within(events, span):
        return [e for e in events if e["ts"] >= now - span]

    def first_payments(events):
        return [e for e in events if not any(p["src_account"] == e["src_account"] and p["dst_account"] == account
                                             and p["ts"] < e["ts"] for p in before)]

    return {
        "first_seen_age_h": (now - min(seen)).total_seconds() / 3600 if seen else None,
        "transfers_total": len(out), "transfers_1h": len(within(out, HOUR)), "transfers_24h": len(within(out, DAY)),
        "amount_24h": float(sum(e["amount"] for e in within(out, DAY))),
        "received_1h": float(sum(e["amount"] for e in within(into, HOUR))),
        "received_24h": float(sum(e["amount"] for e in within(into, DAY))),
        "incoming_1h": len(within(into, HOUR)),
        "distinct_payers_1h": len({e["src_account"] for e in within(into, HOUR)} - {None}),
        "distinct_payers_24h": len({e["src_account"] for e in within(into, DAY)} - {None}),
        "new_payers_1h": len({e["src_account"] for e in first_payments(within(into, HOUR))} - {None}),
        "distinct_payees_24h": len({e["dst_account"] for e in within(out, DAY)} - {None}),
    }


def live_context(event: dict, history: list[dict]) -> dict:
    before = [e for e in history if e["ts"] < event["ts"]]
    src, dst = event["src_account"], event["dst_account"]
    new_payee = None if src is None or dst is None else not any(
        e["src_account"] == src and e["dst_account"] == dst for e in before)
    fields = {"new_payee": new_payee}
    for role, account in (("payer", src), ("payee", dst)):
        fields |= {f"{role}.{k}": v for k, v in recount(account, event["ts"], before).items()}
    return fields


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TRANSFER, min_size=1, max_size=25))
def test_the_sql_context_equals_an_event_by_event_recount(transfers) -> None:
    rows = [{"txn_id": f"t{i}", "ts": T0 + timedelta(minutes=m), "src_account": s, "dst_account": d,
             "amount": Decimal(a) / 4, "currency": "CNY", "channel": "mobile"}
            for i, (m, s, d, a) in enumerate(transfers)]
    contexts = sql_contexts(rows)
    for row in rows:
        expected = live_context(row, rows)
        found = {k: contexts[row["txn_id"]][k] for k in expected}
        assert found == expected, row["txn_id"]
        for role, account in (("payer", row["src_account"]), ("payee", row["dst_account"])):
            if account is None:  # a cash deposit has no payer, an ATM withdrawal no payee: all NULL
                assert contexts[row["txn_id"]][f"{role}.transfers_total"] is None
