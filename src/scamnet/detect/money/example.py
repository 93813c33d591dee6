"""A small hand-built money world: everyday people, two busy merchants, a payroll, and one gang's
mule chain (two first-layer mules — one a dormant account, one an everyday account with months of
normal history — a second layer and a cash-out account) that launders five victims' payments.

The conformance test, the docs and the mule tests run on it; its account names say what they are.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pyarrow as pa

from scamnet.schema import table

START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 60
PEOPLE = [f"P{i:03d}" for i in range(60)]
MERCHANTS = ["SHOP-A", "SHOP-B"]
EMPLOYER = "EMPLOYER"
SUPPLIER = "SUPPLIER"
MULE_DORMANT, MULE_EVERYDAY, MULE_L2, MULE_CASHOUT = "MULE-L1-DORMANT", "MULE-L1-EVERYDAY", "MULE-L2", "MULE-CASHOUT"
MULES = (MULE_DORMANT, MULE_EVERYDAY, MULE_L2, MULE_CASHOUT)
VICTIMS = PEOPLE[:5]


def money_world(seed: int = 0) -> dict[str, pa.Table]:
    """``accounts``, ``sessions``, ``transfers``, ``reports`` and ``report_items`` of the world."""
    rng = np.random.default_rng(seed)
    rows: list[tuple] = []
    _everyday(rng, rows)
    _merchants(rng, rows)
    scam_txns = _laundering(rng, rows)
    return {
        "accounts": _accounts(),
        "sessions": _sessions(rng),
        "transfers": _transfers(rows),
        "reports": _reports(scam_txns),
        "report_items": _rows("report_items",
            [{"report_id": f"R{i}", "kind": "txn", "value": txn} for i, (txn, *_) in enumerate(scam_txns[:3])]),
    }


def _at(day: float | np.integer, rng: np.random.Generator, hours: tuple[int, int] = (1, 13)) -> datetime:
    """A time on ``day`` during local waking hours (UTC+8: 09:00-21:00 is 01:00-13:00 UTC)."""
    return START + timedelta(days=int(day), hours=float(rng.uniform(*hours)))


def _everyday(rng: np.random.Generator, rows: list[tuple]) -> None:
    for person in [*PEOPLE, MULE_EVERYDAY]:
        for month_day in range(9, DAYS, 30):
            rows.append((_at(month_day, rng), EMPLOYER, person, 8000 + rng.integers(0, 4000), "online"))
        for _ in range(int(rng.integers(8, 16))):
            when = _at(rng.integers(0, DAYS), rng)
            rows.append((when, person, str(rng.choice(MERCHANTS)), rng.integers(20, 400), "qr"))
        for _ in range(int(rng.integers(1, 4))):
            rows.append((_at(rng.integers(0, DAYS), rng), person, str(rng.choice(PEOPLE)), rng.integers(50, 1500), "mobile"))
        rows.append((_at(rng.integers(0, DAYS), rng), person, None, rng.integers(200, 1000), "atm"))


def _merchants(rng: np.random.Generator, rows: list[tuple]) -> None:
    for shop in MERCHANTS:
        for week in range(DAYS // 7):
            rows.append((_at(week * 7 + 6, rng), shop, SUPPLIER, rng.integers(3000, 6000), "online"))
    for _ in range(40):  # walk-in customers from outside the population
        rows.append((_at(rng.integers(0, DAYS), rng), None, str(rng.choice(MERCHANTS)), rng.integers(20, 300), "pos"))


def _laundering(rng: np.random.Generator, rows: list[tuple]) -> list[tuple[str, str, datetime, int]]:
    """Five victims pay a first-layer mule; the money passes on within the hour, less commission."""
    scam = []
    for i, victim in enumerate(VICTIMS):
        paid = START + timedelta(days=50 + i // 2, hours=float(rng.uniform(1, 12)))
        amount = int(rng.integers(5000, 30000))
        first = MULE_DORMANT if i % 2 == 0 else MULE_EVERYDAY
        chain = [(victim, first), (first, MULE_L2), (MULE_L2, MULE_CASHOUT), (MULE_CASHOUT, None)]
        when = paid
        for hop, (src, dst) in enumerate(chain):
            rows.append((when, src, dst, amount, "atm" if dst is None else "mobile"))
            if hop == 0:
                scam.append((f"T{len(rows) - 1:05d}", victim, paid, amount))
            amount = int(amount * 0.99)
            when += timedelta(minutes=float(rng.uniform(10, 50)))
    rows.append((START + timedelta(days=3, hours=2), "OLD-SAVINGS", MULE_DORMANT, 300, "counter"))
    return scam


def _rows(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=table(name).schema)


def _transfers(rows: list[tuple]) -> pa.Table:
    return _rows("transfers", [
        {"txn_id": f"T{i:05d}", "ts": ts, "src_account": src, "dst_account": dst,
         "amount": Decimal(int(amount)), "currency": "CNY", "channel": channel}
        for i, (ts, src, dst, amount, channel) in enumerate(rows)
    ])


def _accounts() -> pa.Table:
    owners = [(p, "person") for p in [*PEOPLE, MULE_EVERYDAY, MULE_DORMANT, MULE_L2, MULE_CASHOUT, "OLD-SAVINGS"]]
    owners += [(m, "merchant") for m in MERCHANTS] + [(EMPLOYER, "business"), (SUPPLIER, "business")]
    opened = {MULE_L2: START + timedelta(days=45), MULE_CASHOUT: START + timedelta(days=46)}
    return _rows("accounts", [
        {"account_id": a, "bank": "BANK1", "holder_id": a, "holder_type": kind,
         "opened_at": opened.get(a, START - timedelta(days=400)), "region": "R1"}
        for a, kind in owners
    ])


def _sessions(rng: np.random.Generator) -> pa.Table:
    rows = [{"account_id": p, "ts": _at(rng.integers(0, DAYS), rng), "device_id": f"D-{p}", "ip": f"10.0.{i}.1"}
            for i, p in enumerate([*PEOPLE, MULE_EVERYDAY])]
    rows += [{"account_id": m, "ts": START + timedelta(days=49, hours=i), "device_id": f"GANG-PHONE-{i % 2}",
              "ip": "203.0.113.7"} for i, m in enumerate(MULES)]
    return _rows("sessions", rows)


def _reports(scam: list[tuple[str, str, datetime, int]]) -> pa.Table:
    return _rows("reports", [
        {"report_id": f"R{i}", "reported_at": paid + timedelta(hours=20), "victim_person": victim,
         "victim_account": victim, "scam_type": "fake_investment", "loss_amount": Decimal(amount), "currency": "CNY"}
        for i, (_, victim, paid, amount) in enumerate(scam[:3])
    ])
