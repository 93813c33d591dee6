"""``scamnet run``: every registered step over the store, then one summary.

The steps run in order — detectors first, then the fund traces, then gang discovery, which reads
the alerts the detectors wrote. Each step replaces its own outputs, so re-running is idempotent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.store import Store, open_store

StepFn = Callable[[Store, Settings, Clock], dict[str, Any]]


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    run: StepFn


@dataclass
class RunResult:
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


def run_steps() -> list[Step]:
    """The batch path, in order."""
    from scamnet.service import content, linking, money, telecom

    return [
        Step("telecom", "GoIP gateways and fraud numbers", telecom.run_telecom),
        Step("content", "scam messages and risky links", content.run_content),
        Step("money", "mule accounts and fund traces", money.run_money),
        Step("linking", "cases and gangs", linking.run_linking),
    ]


def run_all(
    db: Path,
    settings: Settings,
    clock: Clock,
    on_step: Callable[[int, int, Step], None] | None = None,
) -> RunResult:
    """Run every step over the store at ``db`` and summarise what it holds afterwards."""
    result = RunResult()
    if not Path(db).exists():
        raise NotFoundError(f"no store at {db}", hint="ingest data first (scamnet ingest FILES --db FILE), or run scamnet demo")
    with open_store(db) as store:
        _require_data(store, db)
        steps = run_steps()
        for number, step in enumerate(steps, start=1):
            if on_step:
                on_step(number, len(steps), step)
            started = time.perf_counter()
            result.steps[step.name] = step.run(store, settings, clock)
            result.seconds[step.name] = time.perf_counter() - started
        result.summary = run_summary(store)
    return result


def _require_data(store: Store, db: Path) -> None:
    rows = store.con.execute(
        "SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM transfers)"
    ).fetchall()[0][0]
    if rows == 0:
        raise NotFoundError(
            f"the store {db} holds no calls, messages or transfers",
            hint="ingest data first (scamnet ingest FILES --db FILE), or run scamnet demo",
        )


def run_summary(store: Store, top: int = 10) -> dict[str, Any]:
    """Alerts per detector and tier, loss reported and located, gangs, top flagged entities."""
    con = store.con
    tiers = con.execute(
        "SELECT detector, tier, count(*) FROM alerts GROUP BY ALL ORDER BY detector, tier"
    ).fetchall()
    loss = con.execute(
        "SELECT coalesce(sum(loss_amount), 0), count(*) FROM reports"
    ).fetchall()[0]
    located = con.execute(
        "SELECT coalesce(sum(located_amount), 0), coalesce(sum(cashout_amount), 0), count(*) FROM traces"
    ).fetchall()[0]
    gangs = con.execute("SELECT count(*), coalesce(sum(total_loss), 0) FROM gangs").fetchall()[0]
    top_rows = con.execute(
        "SELECT entity, detector, score, tier, reasons FROM alerts ORDER BY score DESC, entity LIMIT ?", [top]
    ).fetchall()
    return {
        "alerts": [{"detector": d, "tier": t, "alerts": n} for d, t, n in tiers],
        "reports": loss[1],
        "loss_reported": float(loss[0]),
        "loss_located": float(located[0]),
        "loss_cashed_out": float(located[1]),
        "traces": located[2],
        "gangs": gangs[0],
        "gang_loss": float(gangs[1]),
        "top": [
            {"entity": e, "detector": d, "score": s, "tier": t, "reason": (r or [""])[0]}
            for e, d, s, t, r in top_rows
        ],
    }
