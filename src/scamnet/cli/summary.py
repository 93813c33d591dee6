"""The end-of-run summary, shared by ``scamnet run`` and ``scamnet demo``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:  # the service layer is imported when a command runs, not when the CLI starts
    from rich.console import Console

    from scamnet.service.run import RunResult


def print_run_summary(result: RunResult, console: Console) -> None:
    s = result.summary
    steps = Table(title="steps")
    steps.add_column("step")
    steps.add_column("seconds", justify="right")
    steps.add_column("figures")
    for name, figures in result.steps.items():
        shown = ", ".join(f"{k} {_fmt(v)}" for k, v in _flat(figures))
        steps.add_row(name, f"{result.seconds[name]:.1f}", shown)
    console.print(steps)
    alerts = Table(title="alerts per detector and tier")
    for col in ("detector", "tier", "alerts"):
        alerts.add_column(col)
    for row in s["alerts"]:
        alerts.add_row(row["detector"], row["tier"], f"{row['alerts']:,}")
    console.print(alerts)
    console.print(
        f"reports {s['reports']:,}: loss reported {s['loss_reported']:,.2f}, "
        f"located in accounts {s['loss_located']:,.2f}, cashed out {s['loss_cashed_out']:,.2f}; "
        f"gangs found {s['gangs']:,}"
    )
    top = Table(title="top flagged entities")
    for col in ("entity", "detector", "score", "tier", "first reason"):
        top.add_column(col)
    for row in s["top"]:
        top.add_row(row["entity"], row["detector"], f"{row['score']:.3f}", row["tier"], row["reason"])
    console.print(top)


def _flat(figures: dict, prefix: str = "") -> list[tuple[str, object]]:
    """``{"goip": {"alerts": 6}}`` → ``[("goip alerts", 6)]``; lists are left out."""
    out: list[tuple[str, object]] = []
    for key, value in figures.items():
        if isinstance(value, dict):
            out += _flat(value, f"{prefix}{key} ")
        elif not isinstance(value, list):
            out.append((f"{prefix}{key}", value))
    return out


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
