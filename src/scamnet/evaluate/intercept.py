"""``scamnet bench intercept``: replay a world's later days through the live path and count who was reached in time.

The protocol keeps the future out of the watchlist: the world's first part (``history_share`` of its
days) is ingested into a fresh store and ``scamnet run`` over it, so the watchlist is what the
batch detectors found by then; the decision service starts on that store (its live state and the
victims' signs rebuilt from the history) and decides every later event in time order, as it would
live. Labels are read only here, to score:

- **paying victims**: people labelled ``victim`` with a labelled victim transfer in the replayed days;
  a victim is **reached before the first payment** at a tier when a dissuasion task was opened for
  them, or a payment of theirs was warned or held at that tier, no later than their first payment
  (a payment held or warned is stopped before the money leaves); the **lead time** is from that
  first alert to the first payment;
- **victim money** held (and warned) at each tier: the victim transfers' amounts, against every
  victim transfer of the replay; **legitimate transfers** held or warned per 1,000: transfers not
  labelled victim transfers and not sent by a labelled mule or cash-out account;
- **expected money saved** under a stated assumption, the chance a victim stops per action
  (``StopChances``): a held payment with a call, an in-app warning, an SMS. Each victim transfer
  counts its amount times the chance of the strongest action on it. The money at held transfers is
  the upper bound.

The rows: the victim risk at each tier (``high`` holds, ``medium`` warns in the app, ``low`` sends an
SMS, each row counting that tier and above), and ``any hold`` (every source of the decision: rules,
watchlist and victim risk).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scamnet.core.clock import FixedClock
from scamnet.core.enums import Action, LabelRole
from scamnet.core.settings import Settings
from scamnet.evaluate.results import Result, flatten
from scamnet.online.decider import Decider, Verdict
from scamnet.online.events import rows_in_time_order
from scamnet.service.decide import EVENT_TABLES, DecisionService
from scamnet.service.ingest import ingest_files
from scamnet.service.run import run_all

#: Events decided together (their messages judged in one call), as the service groups requests under load.
GROUP = 2_000
_TIME = {"calls": "started_at", "messages": "sent_at", "transfers": "ts", "sessions": "ts", "reports": "reported_at",
         "link_visits": "ts", "chain_transfers": "ts", "otc_trades": "ts"}
_FRAUD_ACCOUNTS = {LabelRole.MULE_L1.value, LabelRole.MULE_L2.value, LabelRole.MULE_L3.value, LabelRole.CASHOUT.value}
TIERS = ("high", "medium", "low")


@dataclass(frozen=True)
class StopChances(Result):
    """The stated assumption: the chance a victim stops paying after each action (docs/intercept.md says why)."""

    hold_and_call: float = 0.7
    in_app_warning: float = 0.25
    sms_warning: float = 0.1


@dataclass(frozen=True)
class InterceptRow(Result):
    """One tier (or ``any hold``): who was reached in time, the money stopped, the false alarms."""

    tier: str
    victims_reached_before_first_payment: float
    victim_money_share: float
    victim_money: float
    legit_per_1000: float
    tasks_per_day: float
    tasks_on_victims_share: float
    median_lead_h: float | None
    #: Of the honest look-alike payments (``big_purchase``: a car, a deposit, after long calls), the share flagged.
    lookalikes_flagged_share: float | None = None


@dataclass(frozen=True)
class InterceptBench(Result):
    world: str
    history_days: float
    replay_days: float
    events_replayed: int
    paying_victims: int
    victim_transfers: int
    victim_loss: float
    legit_transfers: int
    expected_saved_share: float
    assumption: StopChances = flatten(StopChances)
    rows: tuple[InterceptRow, ...] = ()
    seconds: float = 0.0


@dataclass
class _Replayed:
    transfers: dict[str, tuple[datetime, str, str, float, Verdict]]
    tasks: list[Any]
    events: int


@dataclass
class Replay:
    """A world's later days replayed through the live path: its tables (labels among them, read only to score),
    where the replay started and ended, every transfer's verdict and the dissuasion tasks opened."""

    world: Path
    tables: dict[str, pa.Table]
    first: datetime
    split: datetime
    last: datetime
    replayed: _Replayed
    started: float


def replay_world(world: Path, settings: Settings, history_share: float = 0.5) -> Replay:
    """Replay the later part of ``world`` through the live path with a watchlist from its earlier part."""
    started = time.perf_counter()
    tables = {p.stem: pq.read_table(p) for p in sorted(Path(world).glob("*.parquet"))}
    first, last = _span(tables)
    split = first + (last - first) * history_share
    with tempfile.TemporaryDirectory(prefix="scamnet-intercept-") as folder:
        db = _history_store(Path(folder), tables, split, settings)
        service = DecisionService(settings.replace(auth="off"), db)
        service.start()
        assert service.decider is not None
        replayed = _replay(service.decider, {n: _since(tables[n], n, split) for n in EVENT_TABLES if n in tables})
    return Replay(Path(world), tables, first, split, last, replayed, started)


def bench_intercept(world: Path, settings: Settings, history_share: float = 0.5,
                    stops: StopChances | None = None) -> InterceptBench:
    """Replay the later part of ``world`` through the live path and score it against the labels."""
    return score_replay(replay_world(world, settings, history_share), stops)


def score_replay(replay: Replay, stops: StopChances | None = None) -> InterceptBench:
    """The bench's figures of a replay, per tier, under the stated stop chances."""
    stops = stops or StopChances()
    figures = _score(replay.tables, replay.replayed, replay.split, replay.last, stops)
    return InterceptBench(world=str(replay.world), history_days=_days(replay.split - replay.first),
                          replay_days=_days(replay.last - replay.split), events_replayed=replay.replayed.events,
                          assumption=stops, seconds=round(time.perf_counter() - replay.started, 1), **figures)


def _span(tables: dict[str, pa.Table]) -> tuple[datetime, datetime]:
    ends = [(pc.min(tables[n][c]).as_py(), pc.max(tables[n][c]).as_py())
            for n, c in _TIME.items() if n in tables and n != "reports" and tables[n].num_rows]
    return min(e[0] for e in ends), max(e[1] for e in ends)


def _days(span: Any) -> float:
    return round(span.total_seconds() / 86400, 2)


def _before(rows: pa.Table, name: str, split: datetime) -> pa.Table:
    column = _TIME[name]
    return rows.filter(pc.less(rows[column], pa.scalar(split, rows.schema.field(column).type)))


def _since(rows: pa.Table, name: str, split: datetime) -> pa.Table:
    column = _TIME[name]
    return rows.filter(pc.greater_equal(rows[column], pa.scalar(split, rows.schema.field(column).type)))


def _history_store(folder: Path, tables: dict[str, pa.Table], split: datetime, settings: Settings) -> Path:
    """A store of the world before ``split`` (no labels), run by the batch detectors."""
    files = []
    reports = _before(tables["reports"], "reports", split) if "reports" in tables else None
    for name, rows in tables.items():
        if name == "labels":
            continue
        if name in _TIME:
            rows = _before(rows, name, split)
        elif name == "report_items" and reports is not None:
            rows = rows.filter(pc.is_in(rows["report_id"], reports["report_id"]))
        pq.write_table(rows, folder / f"{name}.parquet")
        files.append(folder / f"{name}.parquet")
    db = folder / "history.db"
    ingest_files(files, db, settings)
    run_all(db, settings, FixedClock(split.astimezone(UTC)))
    return db


def _replay(decider: Decider, tables: dict[str, pa.Table]) -> _Replayed:
    ordered = list(rows_in_time_order(tables))
    transfers: dict[str, tuple[datetime, str, str, float, Verdict]] = {}
    tasks: list[Any] = []
    for start in range(0, len(ordered), GROUP):
        group = ordered[start:start + GROUP]
        for (kind, row), verdict in zip(group, decider.decide_many(group), strict=True):
            if kind == "transfer":
                transfers[row["txn_id"]] = (row["ts"], row["src_account"], row.get("dst_account") or "",
                                            float(row["amount"]), verdict)
        tasks += decider.victims.take_tasks()
    return _Replayed(transfers, tasks, len(ordered))


def _victim_tier(verdict: Verdict) -> int:
    """0 none, 1 low (SMS), 2 medium (in-app), 3 high (held and called), from the victim-risk reason."""
    for reason in verdict.reasons:
        if reason.source == "victim":
            if reason.action == Action.HOLD:
                return 3
            return 2 if "in-app" in str(reason.evidence.get("warning")) else 1
    return 0


def _score(tables: dict[str, pa.Table], replayed: _Replayed, split: datetime, last: datetime,
           stops: StopChances) -> dict[str, Any]:
    labels = tables["labels"].to_pylist()
    victim_txns = {r["entity"][4:] for r in labels if r["label"] == LabelRole.VICTIM_TRANSFER.value}
    fraud_accounts = {r["entity"][8:] for r in labels if r["label"] in _FRAUD_ACCOUNTS}
    holder = dict(zip(tables["accounts"]["account_id"].to_pylist(), tables["accounts"]["holder_id"].to_pylist(),
                      strict=True))
    victims = {t: v for t, v in replayed.transfers.items() if t in victim_txns}
    lookalike_txns = {r["entity"][4:] for r in labels
                      if r["label"] == LabelRole.BIG_PURCHASE.value and r["entity"].startswith("txn:")}
    lookalikes = {t: v for t, v in replayed.transfers.items() if t in lookalike_txns}
    legit = {t: v for t, v in replayed.transfers.items() if t not in victim_txns and v[1] not in fraud_accounts}
    first_paid: dict[str, datetime] = {}
    for ts, src, _, _, _ in victims.values():
        person = f"person:{holder.get(src)}"
        first_paid[person] = min(first_paid.get(person, ts), ts)
    loss = sum(v[3] for v in victims.values())
    days = max((last - split).total_seconds() / 86400, 1e-9)
    rows = [_tier_row(name, level, victims, legit, first_paid, holder, replayed.tasks, loss, days, lookalikes)
            for name, level in (("high", 3), ("medium", 2), ("low", 1))]
    rows.append(_any_hold_row(victims, legit, loss, days, replayed.tasks, first_paid, holder, lookalikes))
    chance = {3: stops.hold_and_call, 2: stops.in_app_warning, 1: stops.sms_warning, 0: 0.0}
    saved = sum(v[3] * chance[_victim_tier(v[4])] for v in victims.values())
    return {"paying_victims": len(first_paid), "victim_transfers": len(victims), "victim_loss": round(loss, 2),
            "legit_transfers": len(legit), "expected_saved_share": round(saved / loss, 4) if loss else 0.0,
            "rows": tuple(rows)}


def _tier_row(name: str, level: int, victims: dict, legit: dict, first_paid: dict[str, datetime],
              holder: dict[str, str], tasks: list[Any], loss: float, days: float, lookalikes: dict) -> InterceptRow:
    caught = {t: v for t, v in victims.items() if _victim_tier(v[4]) >= level}
    alerts = _first_alerts([(v[0], f"person:{holder.get(v[1])}") for v in caught.values()], tasks)
    flagged_legit = sum(1 for v in legit.values() if _victim_tier(v[4]) >= level)
    fooled = _share(sum(1 for v in lookalikes.values() if _victim_tier(v[4]) >= level), len(lookalikes))
    return _row(name, caught, flagged_legit, legit, first_paid, alerts, tasks, loss, days, fooled)


def _any_hold_row(victims: dict, legit: dict, loss: float, days: float, tasks: list[Any],
                  first_paid: dict[str, datetime], holder: dict[str, str], lookalikes: dict) -> InterceptRow:
    held = {t: v for t, v in victims.items() if v[4].action in (Action.HOLD, Action.BLOCK)}
    alerts = _first_alerts([(v[0], f"person:{holder.get(v[1])}") for v in held.values()], tasks)
    flagged_legit = sum(1 for v in legit.values() if v[4].action in (Action.HOLD, Action.BLOCK))
    fooled = _share(sum(1 for v in lookalikes.values() if v[4].action in (Action.HOLD, Action.BLOCK)), len(lookalikes))
    return _row("any hold", held, flagged_legit, legit, first_paid, alerts, tasks, loss, days, fooled)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _first_alerts(warned: Iterable[tuple[datetime, str]], tasks: list[Any]) -> dict[str, datetime]:
    first: dict[str, datetime] = {}
    for ts, person in [*warned, *((t.created_at, f"person:{t.person_id}") for t in tasks)]:
        first[person] = min(first.get(person, ts), ts)
    return first


def _row(name: str, caught: dict, flagged_legit: int, legit: dict, first_paid: dict[str, datetime],
         alerts: dict[str, datetime], tasks: list[Any], loss: float, days: float, fooled: float | None) -> InterceptRow:
    reached = [p for p, paid in first_paid.items() if p in alerts and alerts[p] <= paid]
    leads = [(first_paid[p] - alerts[p]).total_seconds() / 3600 for p in reached]
    money = sum(v[3] for v in caught.values())
    on_victims = sum(1 for t in tasks if f"person:{t.person_id}" in first_paid)
    return InterceptRow(
        tier=name,
        victims_reached_before_first_payment=round(len(reached) / len(first_paid), 4) if first_paid else 0.0,
        victim_money_share=round(money / loss, 4) if loss else 0.0, victim_money=round(money, 2),
        legit_per_1000=round(1000 * flagged_legit / len(legit), 3) if legit else 0.0,
        tasks_per_day=round(len(tasks) / days, 2), tasks_on_victims_share=round(on_victims / len(tasks), 4) if tasks else 0.0,
        median_lead_h=round(statistics.median(leads), 2) if leads else None, lookalikes_flagged_share=fooled)


__all__ = ["InterceptBench", "InterceptRow", "Replay", "StopChances", "bench_intercept", "replay_world", "score_replay"]
