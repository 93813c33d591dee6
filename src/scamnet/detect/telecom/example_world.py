"""A small hand-built telecom world: people who call friends, a call centre, a courier, a GoIP
gateway and bulk-bought fraud numbers. Detectors' examples and tests run on it.

>>> world = telecom_example(seed=1)
>>> world.gateway_imei, len(world.gateway_numbers)
('imei:860000000000001', 8)
>>> world.tables["calls"].num_rows > 1000
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa

from scamnet.schema import table

START = datetime(2026, 3, 1, 16, tzinfo=UTC)  # Monday 2 March, midnight in China (UTC+8)


@dataclass
class TelecomExample:
    """The world's tables and the ids of its planted actors (as typed entity ids)."""

    tables: dict[str, pa.Table]
    gateway_imei: str
    gateway_numbers: list[str]
    call_centre_imeis: list[str]
    call_centre_numbers: list[str]
    courier_imei: str
    courier_number: str
    fraud_numbers: list[str]
    people_numbers: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, seed: int, days: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.days = days
        self.rows: dict[str, list[dict]] = {name: [] for name in ("persons", "subscribers", "calls", "messages",
                                                                  "reports", "report_items", "labels")}

    def person(self, person_id: str, birth_year: int) -> None:
        self.rows["persons"].append({"person_id": person_id, "birth_year": birth_year, "region": "GD"})

    def sim(self, msisdn: str, imsi: str, holder: str | None, plan: str, age_days: float) -> None:
        self.rows["subscribers"].append({
            "msisdn": msisdn, "imsi": imsi, "holder_id": holder, "plan": plan, "region": "GD",
            "activated_at": START - timedelta(days=age_days),
        })

    def call(self, at: datetime, caller: tuple[str, str, str], callee: str, cell: str, seconds: int) -> None:
        number, imsi, imei = caller
        self.rows["calls"].append({
            "call_id": f"c{len(self.rows['calls']):07d}", "started_at": at, "duration_s": seconds,
            "caller": number, "callee": callee, "caller_imsi": imsi, "caller_imei": imei,
            "caller_cell": cell, "answered": seconds > 0,
        })

    def sms(self, at: datetime, sender: tuple[str, str, str], recipient: str, text: str) -> None:
        number, imsi, imei = sender
        self.rows["messages"].append({
            "msg_id": f"m{len(self.rows['messages']):07d}", "sent_at": at, "sender": number,
            "recipient": recipient, "channel": "sms", "text": text, "sender_imsi": imsi,
            "sender_imei": imei, "sender_cell": "cell-000",
        })

    def label(self, entities: list[str], role: str, gang: str | None = None) -> None:
        self.rows["labels"] += [{"entity": e, "label": role, "gang_id": gang} for e in entities]

    def moment(self, day: int, low_hour: float, high_hour: float) -> datetime:
        hour = self.rng.uniform(low_hour, high_hour)
        return START + timedelta(days=day, hours=float(hour))

    def talk(self) -> int:
        return int(self.rng.lognormal(4.5, 0.8)) + 5 if self.rng.random() < 0.85 else 0

    def tables(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pylist(rows, schema=table(name).schema) for name, rows in self.rows.items()}


def _number(i: int) -> str:
    return f"+86138{i:08d}"


def _people(b: _Builder, count: int) -> list[tuple[str, str, str]]:
    sims = []
    for i in range(count):
        number, imsi, imei = _number(i), f"46000{i:010d}", f"35{i:013d}"
        b.person(f"p{i:05d}", int(b.rng.integers(1940, 2005)))
        b.sim(number, imsi, f"p{i:05d}", "postpaid", float(b.rng.uniform(200, 3000)))
        sims.append((number, imsi, imei))
    return sims


def _everyday_calls(b: _Builder, sims: list[tuple[str, str, str]]) -> None:
    for k, sim in enumerate(sims):
        friends = [sims[j] for j in b.rng.choice(len(sims), size=8, replace=False) if j != k]
        cells = [f"cell-{b.rng.integers(1, 400):03d}" for _ in range(3)]
        for day in range(b.days):
            for _ in range(int(b.rng.poisson(3))):
                friend = friends[int(b.rng.integers(len(friends)))]
                b.call(b.moment(day, 7, 23), sim, friend[0], cells[int(b.rng.integers(3))], b.talk())
                if b.rng.random() < 0.5:
                    b.call(b.moment(day, 7, 23), friend, sim[0], "cell-001", b.talk())


def _call_centre(b: _Builder, people: list[tuple[str, str, str]], first: int) -> list[tuple[str, str, str]]:
    b.person("biz-callcentre", 1980)
    lines = []
    for k in range(3):
        line = (_number(first + k), f"46001{k:010d}", f"35900000000000{k}")
        b.sim(line[0], line[1], "biz-callcentre", "business", 900)
        lines.append(line)
    for day in range(b.days):
        if (START + timedelta(days=day)).isoweekday() > 5:
            continue
        for line in lines:
            for _ in range(40):
                person = people[int(b.rng.integers(len(people)))]
                b.call(b.moment(day, 9, 18), line, person[0], "cell-500", int(b.rng.integers(0, 120)))
                if b.rng.random() < 0.6:
                    b.call(b.moment(day, 9, 18), person, line[0], "cell-002", b.talk())
    return lines


def _courier(b: _Builder, people: list[tuple[str, str, str]], first: int) -> tuple[str, str, str]:
    b.person("courier-1", 1990)
    sim = (_number(first), "460020000000001", "359100000000001")
    b.sim(sim[0], sim[1], "courier-1", "prepaid", 400)
    for day in range(b.days):
        for _ in range(30):
            person = people[int(b.rng.integers(len(people)))]
            cell = f"cell-{b.rng.integers(600, 700):03d}"
            b.call(b.moment(day, 8, 20), sim, person[0], cell, int(b.rng.integers(0, 45)))
            if b.rng.random() < 0.35:
                b.call(b.moment(day, 8, 20), person, sim[0], "cell-003", int(b.rng.integers(5, 40)))
    return sim


def _gateway(b: _Builder, people: list[tuple[str, str, str]], first: int) -> list[tuple[str, str, str]]:
    imei = "860000000000001"
    sims = [(_number(first + k), f"46003{k:010d}", imei) for k in range(8)]
    for sim in sims:
        b.sim(sim[0], sim[1], None, "prepaid", float(b.rng.uniform(1, 10)))
    for day in range(b.days):
        at = START + timedelta(days=day, hours=8)
        for _ in range(120):
            at += timedelta(seconds=float(b.rng.normal(300, 20)))
            person = people[int(b.rng.integers(len(people)))]
            seconds = int(b.rng.integers(8, 60)) if b.rng.random() < 0.5 else 0
            b.call(at, sims[int(b.rng.integers(len(sims)))], person[0], "cell-777", seconds)
    return sims


def _bulk_numbers(b: _Builder, people: list[tuple[str, str, str]], first: int) -> list[tuple[str, str, str]]:
    numbers = []
    for k in range(2):
        sim = (_number(first + k), f"46004{k:010d}", f"35800000000000{k}")
        b.sim(sim[0], sim[1], f"mule-{k}", "prepaid", 3.0)
        numbers.append(sim)
        for day in range(b.days):
            for _ in range(25):
                person = people[int(b.rng.integers(len(people)))]
                b.sms(b.moment(day, 9, 21), sim, person[0], "您的快递异常，请点击 http://sf-refund.top/a 办理退款")
                if b.rng.random() < 0.3:
                    b.call(b.moment(day, 9, 21), sim, person[0], "cell-778", int(b.rng.integers(20, 400)))
    return numbers


def _reports(b: _Builder, fraudsters: list[tuple[str, str, str]]) -> None:
    fraud = {sim[0] for sim in fraudsters}
    victims = sorted({r["callee"] for r in b.rows["calls"] if r["caller"] in fraud and r["duration_s"] > 40})
    for k, victim in enumerate(victims[: max(1, len(victims) // 10)]):
        report_id = f"r{k:05d}"
        b.rows["reports"].append({
            "report_id": report_id, "reported_at": START + timedelta(days=b.days), "victim_person": None,
            "victim_msisdn": victim, "victim_account": None, "scam_type": "customer_service_refund",
            "loss_amount": 5000, "currency": "CNY", "narrative": "refund call",
        })


def telecom_example(seed: int, people: int = 200, days: int = 7) -> TelecomExample:
    """A world of ``people`` subscribers over ``days`` days with one of each planted actor."""
    b = _Builder(seed, days)
    sims = _people(b, people)
    _everyday_calls(b, sims)
    centre = _call_centre(b, sims, people)
    courier = _courier(b, sims, people + 10)
    gateway = _gateway(b, sims, people + 20)
    bulk = _bulk_numbers(b, sims, people + 40)
    _reports(b, gateway + bulk)
    example = TelecomExample(
        tables=b.tables(),
        gateway_imei=f"imei:{gateway[0][2]}",
        gateway_numbers=[f"phone:{s[0]}" for s in gateway],
        call_centre_imeis=[f"imei:{s[2]}" for s in centre],
        call_centre_numbers=[f"phone:{s[0]}" for s in centre],
        courier_imei=f"imei:{courier[2]}",
        courier_number=f"phone:{courier[0]}",
        fraud_numbers=[f"phone:{s[0]}" for s in gateway + bulk],
        people_numbers=[f"phone:{s[0]}" for s in sims],
    )
    _label(b, example)
    example.tables = b.tables()
    return example


def _label(b: _Builder, world: TelecomExample) -> None:
    """Ground truth, for evaluation only: detectors never read it."""
    b.label([world.gateway_imei], "goip_device", "G01")
    b.label(world.fraud_numbers, "fraud_number", "G01")
    b.label(world.call_centre_numbers, "call_centre")
    b.label([world.courier_number], "courier")
