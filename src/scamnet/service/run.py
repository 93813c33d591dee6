"""``scamnet run``: every registered step over the store, then one summary.

The steps run in order — detectors first, then the fund traces, then gang discovery, which reads
the alerts the detectors wrote. Each step replaces its own outputs, so re-running is idempotent.

A run is all or nothing: every step writes inside one transaction, so a step that fails leaves
every output as the previous run left it. Before any step, rows whose times cannot be real (a
store filled before ingest checked times) are named, so the run stops with the command that
quarantines them rather than deep inside a detector.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.errors import InputError, NotFoundError, Problem, ScamnetError
from scamnet.core.settings import Settings
from scamnet.store import Store, open_store
from scamnet.store.alerts import alerts_per_tier, top_alerts
from scamnet.store.events import event_count
from scamnet.store.gangs import gang_totals
from scamnet.store.reports import reported_loss
from scamnet.store.traces import trace_totals

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
    from scamnet.service import content, linking, money, telecom, timeline, wallets

    return [
        Step("telecom", "GoIP gateways and fraud numbers", telecom.run_telecom),
        Step("content", "scam messages and risky links", content.run_content),
        Step("money", "mule accounts and fund traces", money.run_money),
        Step("wallets", "wallets laundering on chain", wallets.run_wallets),
        Step("linking", "cases and gangs", linking.run_linking),
        Step("timeline", "entity timelines for the console", timeline.run_timeline),
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
        _refuse_impossible_times(store, settings)
        steps = run_steps()
        with store.transaction():
            for number, step in enumerate(steps, start=1):
                if on_step:
                    on_step(number, len(steps), step)
                started = time.perf_counter()
                result.steps[step.name] = _run_step(step, store, settings, clock)
                result.seconds[step.name] = time.perf_counter() - started
        result.summary = run_summary(store)
    return result


class RunFailed(ScamnetError):
    """A step failed; the run's transaction was rolled back, so no output changed."""

    log_traceback = True  # an unforeseen failure: its traceback goes to the log file the message names


def _run_step(step: Step, store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    try:
        return step.run(store, settings, clock)
    except ScamnetError:
        raise
    except Exception as exc:
        raise RunFailed(f"step {step.name} failed ({type(exc).__name__}: {str(exc)[:200]}); the run was rolled back: "
                        "every output is as the previous run left it",
                        hint="report this with the log file; the store itself is intact") from exc


def _refuse_impossible_times(store: Store, settings: Settings, shown: int = 20) -> None:
    """``InputError`` naming stored rows whose times lie outside the plausible window (see ``time_window``)."""
    from scamnet.service.quarantine import impossible_time_filters
    from scamnet.store.quarantine import matching_rows

    problems, total = [], 0
    for spec, column, where, params in impossible_time_filters(settings):
        count, rows = matching_rows(store, spec, column, where, params, shown)
        total += count
        problems += [Problem(spec.name, None, column, f"{k}: {t}", "a time between the event_earliest "
                             "setting and now + event_future_hours", "key") for k, t in rows]
    if total:
        raise InputError(problems[:shown], total=total,
                         hint="take them out with scamnet quarantine --impossible-times --reason TEXT (or TABLE KEY...), "
                              "then run again")


def _require_data(store: Store, db: Path) -> None:
    if event_count(store) == 0:
        raise NotFoundError(
            f"the store {db} holds no calls, messages or transfers",
            hint="ingest data first (scamnet ingest FILES --db FILE), or run scamnet demo",
        )


def run_summary(store: Store, top: int = 10) -> dict[str, Any]:
    """Alerts per detector and tier, loss reported and located, gangs, top flagged entities."""
    loss, reports = reported_loss(store)
    traced = trace_totals(store)
    gangs, gang_loss = gang_totals(store)
    return {
        "alerts": [asdict(t) for t in alerts_per_tier(store)],
        "reports": reports,
        "loss_reported": float(loss),
        "loss_located": float(traced.located),
        "loss_cashed_out": float(traced.cashed_out),
        "traces": traced.traces,
        "gangs": gangs,
        "gang_loss": float(gang_loss),
        "top": [
            {"entity": a.entity, "detector": a.detector, "score": a.score, "tier": a.tier,
             "reason": (a.reasons or [""])[0]}
            for a in top_alerts(store, top)
        ],
    }
