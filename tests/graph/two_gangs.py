"""A hand-made world of two gangs, their victims' reports, and a call centre that is no gang.

Gang A: gateway IMEI 8600000000000A1 with four SIMs (+86171000000 0..3), a scam link on
a-verify.top, mule accounts MA1 → MA2 → MA3 (MA3 unflagged). Gang B: gateway ...B1, SIMs
+86172000000 0..3, link on b-refund.top, mules MB1 → MB2. Victim +8613900000001 is called by both
gangs (a stranger to both: must not glue them). The call centre +8640000000 0 calls every victim.
Reports RA1..RA3 name gang A's items in assorted formats, RB1..RB2 gang B's; RX1 names nothing known.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pyarrow as pa

from scamnet.schema import table

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GANG_A = {"imei": "8600000000000A1", "prefix": "+861710000000", "url": "https://a-verify.top/login", "mules": ["MA1", "MA2", "MA3"]}
GANG_B = {"imei": "8600000000000B1", "prefix": "+861720000000", "url": "http://b-refund.top/pay", "mules": ["MB1", "MB2"]}
VICTIMS = [f"+861390000000{i}" for i in range(1, 10)]
CALL_CENTRE = "+864000000000"


def rows(name: str, items: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(items, schema=table(name).schema)


def _gang_calls(gang: dict, tag: str, victims: list[str]) -> list[dict]:
    out = []
    for i, victim in enumerate(victims * 2):
        sim = i % 4
        out.append({"call_id": f"{tag}{i}", "started_at": T0 + timedelta(minutes=5 * i), "duration_s": 60,
                    "caller": f"{gang['prefix']}{sim}", "callee": victim, "caller_imsi": f"4600{tag}{sim}",
                    "caller_imei": gang["imei"], "caller_cell": "C1", "answered": True})
    return out


def calls() -> pa.Table:
    centre = [{"call_id": f"cc{i}", "started_at": T0 + timedelta(minutes=i), "duration_s": 120, "caller": CALL_CENTRE,
               "callee": v, "caller_imsi": "4600CC", "caller_imei": "8611111111111", "caller_cell": "C9",
               "answered": True} for i, v in enumerate(VICTIMS)]
    return rows("calls", _gang_calls(GANG_A, "a", VICTIMS[:5]) + _gang_calls(GANG_B, "b", [VICTIMS[0]] + VICTIMS[5:]) + centre)


def messages() -> pa.Table:
    def sms(msg_id: str, gang: dict, victim: str) -> dict:
        return {"msg_id": msg_id, "sent_at": T0, "sender": f"{gang['prefix']}1", "recipient": victim, "channel": "sms",
                "text": f"【通知】您的账户异常，请点击 {gang['url']} 处理", "sender_imsi": None, "sender_imei": None,
                "sender_cell": None}

    return rows("messages", [sms("ma", GANG_A, VICTIMS[1]), sms("mb", GANG_B, VICTIMS[6]),
                             {**sms("ok", GANG_A, VICTIMS[2]), "sender": "+8613800000099", "text": "晚上一起吃饭吗"}])


def transfers() -> pa.Table:
    def txn(txn_id: str, src: str | None, dst: str | None, amount: int, minutes: int, channel: str = "mobile") -> dict:
        return {"txn_id": txn_id, "ts": T0 + timedelta(minutes=minutes), "src_account": src, "dst_account": dst,
                "amount": Decimal(amount), "currency": "CNY", "channel": channel, "src_device": None, "src_ip": None,
                "memo": None}

    return rows("transfers", [
        txn("t1", "V1", "MA1", 1000, 10), txn("t2", "V2", "MA1", 2000, 20), txn("t3", "MA1", "MA2", 2900, 30),
        txn("t4", "MA2", "MA3", 2800, 40), txn("t5", "MA3", None, 2800, 50, "atm"),
        txn("t6", "V6", "MB1", 5000, 10), txn("t7", "MB1", "MB2", 4900, 30), txn("t8", "V7", "SHOP", 30, 5),
    ])


def reports() -> tuple[pa.Table, pa.Table]:
    def report(report_id: str, loss: int, scam_type: str) -> dict:
        return {"report_id": report_id, "reported_at": T0 + timedelta(hours=6), "victim_person": None,
                "victim_msisdn": None, "victim_account": None, "scam_type": scam_type, "loss_amount": Decimal(loss),
                "currency": "CNY", "narrative": None}

    items = [
        ("RA1", "phone", "+86 171-0000-0000"), ("RA1", "account", "MA1"),
        ("RA2", "phone", "0086 17100000000"), ("RA2", "url", "hxxps://a-verify[.]top/login"),
        ("RA3", "phone", "17100000003"), ("RA3", "txn", "t2"),
        ("RB1", "phone", "+8617200000002"), ("RB1", "account", "mb1"),
        ("RB2", "url", "b-refund.top/pay"), ("RB2", "phone", "not a number"),
        ("RX1", "phone", "+8613500000077"),
    ]
    reps = [report("RA1", 1000, "government_impersonation"), report("RA2", 1500, "government_impersonation"),
            report("RA3", 2000, "government_impersonation"), report("RB1", 5000, "customer_service_refund"),
            report("RB2", 700, "customer_service_refund"), report("RX1", 50, "other")]
    return rows("reports", reps), rows("report_items", [{"report_id": r, "kind": k, "value": v} for r, k, v in items])


def world_tables() -> dict[str, pa.Table]:
    report_rows, items = reports()
    return {"calls": calls(), "messages": messages(), "transfers": transfers(), "reports": report_rows,
            "report_items": items}


def alert_rows() -> pa.Table:
    flagged = [("imei:" + GANG_A["imei"], "goip"), ("imei:" + GANG_B["imei"], "goip"),
               ("phone:+8617100000001", "fraud_number"), ("phone:+8617200000001", "fraud_number"),
               ("account:MA1", "mule"), ("account:MA2", "mule"), ("account:MB1", "mule"),
               ("url:https://a-verify.top/login", "url_risk"), ("url:http://b-refund.top/pay", "url_risk")]
    return rows("alerts", [{"entity": e, "detector": d, "score": 0.9, "tier": "high", "reasons": ["hand-made"],
                            "status": "open", "created_at": T0} for e, d in flagged])
