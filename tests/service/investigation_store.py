"""A small hand-made store holding one of each output, for the report and summary tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from scamnet.schema import table
from scamnet.store import open_store
from scamnet.store.repo import append_rows

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
GATEWAY_IMEI = "860000000000001"


def _rows(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=table(name).schema)


def _calls() -> list[dict]:
    return [
        {"call_id": f"c{i}", "started_at": T0 + timedelta(minutes=7 * i), "duration_s": 20 + i % 30,
         "caller": f"+861700000{i % 8:04d}", "callee": f"+86139{i:08d}", "caller_imsi": f"46000{i % 8:010d}",
         "caller_imei": GATEWAY_IMEI, "caller_cell": "C1", "answered": i % 3 == 0}
        for i in range(60)
    ]


def _alerts() -> list[dict]:
    def alert(entity, detector, score, reasons, scam_type=None):
        tier = "critical" if score >= 0.95 else "high" if score >= 0.8 else "medium"
        return {"entity": entity, "detector": detector, "score": score, "tier": tier, "reasons": reasons,
                "status": "open", "created_at": T0, "scam_type": scam_type}

    return [
        alert(f"imei:{GATEWAY_IMEI}", "goip", 0.99, ["60 calls out, 0 in", "8 IMSIs on this IMEI"]),
        alert("phone:+8617000000001", "fraud_number", 0.91, ["60 distinct callees, none called back"]),
        alert("account:M1", "mule", 0.97, ["forwarded 98% of inflow within 1 h"]),
        alert("account:M2", "mule", 0.88, ["received from a mule within 20 min"]),
        alert("msg:m1", "scam_text", 0.96, ["text model score 0.96 (0.5 = decision threshold); looks like government impersonation",
                                                     "safe account: “安全账户”"], "government_impersonation"),
        alert("url:http://icbc-safe.top/", "url_risk", 0.93, ["lookalike of icbc.com.cn"]),
    ]


def _trace() -> dict[str, list[dict]]:
    tid = "T-R1-fifo"
    edge = {"trace_id": tid, "channel": "mobile"}
    return {
        "reports": [{"report_id": "R1", "reported_at": T0 + timedelta(hours=5), "victim_person": "p9",
                     "victim_msisdn": "+8613900000009", "victim_account": "V1", "scam_type": "government_impersonation",
                     "loss_amount": Decimal("1000.00"), "currency": "CNY", "narrative": "caller said he was police"}],
        "traces": [{"trace_id": tid, "report_id": "R1", "policy": "fifo", "created_at": T0, "as_of": T0 + timedelta(hours=5),
                    "max_hops": 6, "horizon_s": 259200, "min_amount": Decimal("1.00"), "traced_amount": Decimal("1000.00"),
                    "located_amount": Decimal("700.00"), "cashout_amount": Decimal("300.00")}],
        "trace_edges": [
            {**edge, "txn_id": "t1", "hop": 1, "ts": T0, "src_account": "V1", "dst_account": "M1",
             "amount": Decimal("1000.00"), "traced_amount": Decimal("1000.00")},
            {**edge, "txn_id": "t2", "hop": 2, "ts": T0 + timedelta(minutes=30), "src_account": "M1", "dst_account": "M2",
             "amount": Decimal("700.00"), "traced_amount": Decimal("700.00")},
            {**edge, "txn_id": "t3", "hop": 2, "ts": T0 + timedelta(minutes=40), "src_account": "M1", "dst_account": None,
             "channel": "atm", "amount": Decimal("300.00"), "traced_amount": Decimal("300.00")},
        ],
        "freeze_requests": [{"trace_id": tid, "account_id": "M2", "bank": "Bank B", "held_amount": Decimal("700.00"),
                             "rank": 1, "path": ["V1", "M1", "M2"], "status": "drafted", "created_at": T0}],
    }


def _gang() -> dict[str, list[dict]]:
    return {
        "gangs": [{"gang_id": "K1", "created_at": T0, "members": 5, "reports": 1, "total_loss": Decimal("1000.00"),
                   "first_seen": T0, "last_seen": T0 + timedelta(hours=5), "scam_types": ["government_impersonation"],
                   "summary": "one gateway, two mules"}],
        "gang_members": [
            {"gang_id": "K1", "entity": f"imei:{GATEWAY_IMEI}", "role": "gateway", "centrality": 0.9},
            {"gang_id": "K1", "entity": "imsi:460000000000001", "role": "sim", "centrality": 0.6},
            {"gang_id": "K1", "entity": "phone:+8617000000001", "role": "number", "centrality": 0.5},
            {"gang_id": "K1", "entity": "account:M1", "role": "mule", "centrality": 0.8},
            {"gang_id": "K1", "entity": "account:M2", "role": "mule", "centrality": 0.4},
        ],
        "gang_links": [
            {"gang_id": "K1", "src": f"imei:{GATEWAY_IMEI}", "dst": "imsi:460000000000001", "type": "device_sim",
             "count": 8, "first_seen": T0, "last_seen": T0 + timedelta(hours=7)},
            {"gang_id": "K1", "src": "imsi:460000000000001", "dst": "phone:+8617000000001", "type": "sim_number",
             "count": 8, "first_seen": T0, "last_seen": T0 + timedelta(hours=7)},
            {"gang_id": "K1", "src": "account:M1", "dst": "account:M2", "type": "transfer",
             "count": 1, "first_seen": T0, "last_seen": T0},
        ],
    }


def build_investigation_store(path: Path) -> Path:
    tables = {"calls": _calls(), "alerts": _alerts(), **_trace(), **_gang(),
              "messages": [{"msg_id": "m1", "sent_at": T0, "sender": "+8617000000001", "recipient": "+8613900000009",
                            "channel": "sms", "text": "您涉嫌洗钱，请将资金转入安全账户", "sender_imsi": None,
                            "sender_imei": None, "sender_cell": None}]}
    with open_store(path) as store, store.transaction() as con:
        for name, rows in tables.items():
            append_rows(con, table(name), _rows(name, rows))
    return path
