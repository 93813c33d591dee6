"""``scamnet trace REPORT_ID``: where a victim's money went, and which accounts to freeze."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from scamnet.cli.options import CONFIG, DB, db_path, utc_time
from scamnet.cli.output import console, print_rows, styled
from scamnet.core.clock import SystemClock
from scamnet.core.enums import TracePolicy
from scamnet.core.errors import ConfigError
from scamnet.core.settings import load_settings

if TYPE_CHECKING:  # the service layer is imported when the command runs, not when the CLI starts
    from scamnet.service.money import ReportTrace


def register(app: typer.Typer) -> None:
    @app.command("trace")
    def trace(
        report_id: str = typer.Argument(..., help="id of the victim report to trace"),
        policy: TracePolicy = typer.Option(None, "--policy", help="attribution policy (default: trace_policy setting)"),
        max_hops: int = typer.Option(None, "--max-hops", min=1, max=100, help="transfers deep to follow (default: trace_max_hops)"),
        horizon: float = typer.Option(None, "--horizon", min=0, help="hours after the victim's payment to follow"),
        min_amount: float = typer.Option(None, "--min-amount", min=0, help="smallest traced amount kept"),
        as_of: str = typer.Option(None, "--as-of", help="a what-if: the holdings at this time (UTC); never stored, the "
                                  "stored trace (at the report's time) stays as it is"),
        output: str = typer.Option("table", "--format", help="table (default), json (the whole trace) or csv (the "
                                   "freeze list, one line per account), on standard output"),
        history: bool = typer.Option(False, "--history", help="list the stored versions of this report's traces "
                                     "(each kept with its as-of time) instead of tracing"),
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """Trace a report's money: the flow, cash-out points and the freeze list with paths; stored as a new version."""
        from scamnet.service.money import trace_history_at, trace_report_at

        if output not in ("table", "json", "csv"):
            raise ConfigError(f"--format {output!r}", hint="table, json or csv")
        if history:
            _print_history(trace_history_at(db_path(db, config), report_id), output)
            return
        settings = load_settings(config)
        result = trace_report_at(db_path(db, config), report_id, settings, SystemClock(),
                                 policy=policy, max_hops=max_hops, horizon_hours=horizon, min_amount=min_amount,
                                 as_of=utc_time("--as-of", as_of))
        if output == "json":
            sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
        elif output == "csv":
            _freeze_csv(result, settings.default_currency)
        else:
            print_trace(result)


def _print_history(versions: list[dict], output: str) -> None:
    if output == "json":
        sys.stdout.write(json.dumps(versions, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    print_rows(f"{len(versions)} stored trace versions", versions,
               ["trace_id", "version", "created_at", "as_of", "traced_amount", "located_amount", "cashout_amount",
                "freeze_accounts"])


def _freeze_csv(result: ReportTrace, currency: str) -> None:
    """The freeze list as CSV: what a bank needs to act on each account (the store's currency where the
    transfers into an account name none)."""
    writer = csv.writer(sys.stdout)
    writer.writerow(["trace_id", "rank", "bank", "account_id", "held_amount", "currency", "path", "incoming_txns",
                     "incoming_at"])
    for item in result.freeze:
        writer.writerow([result.trace["trace_id"], item.get("rank"), item.get("bank"), item["account_id"],
                         item["held_amount"], item.get("currency") or currency, " > ".join(str(a) for a in item["path"]),
                         " ".join(item.get("incoming_txns") or []),
                         " ".join(t.isoformat() for t in item.get("incoming_at") or [])])


def print_trace(result: ReportTrace) -> None:
    t = result.trace
    version = f", version {result.version}" if result.version else ""
    console.print(f"trace {t['trace_id']}{version} ({t['policy']}, as of {t['as_of']:%Y-%m-%d %H:%M} UTC): "
                  f"traced {t['traced_amount']:,}, located {t['located_amount']:,}, cashed out "
                  f"{t['cashout_amount']:,}, below the minimum {result.below_min:,}, beyond the hop limit "
                  f"{result.beyond_hops:,}")
    print_rows("flow", result.edges.to_pylist(),
               ["hop", "ts", "txn_id", "src_account", "dst_account", "channel", "amount", "traced_amount"])
    print_rows("cash-out points", result.cashouts, ["account_id", "channel", "cashed_out"])
    freeze = [{**f, "path": " → ".join(str(a) for a in f["path"])} for f in result.freeze]
    print_rows("freeze list", freeze, ["rank", "account_id", "bank", "held_amount", "path"])
    if result.passed:
        passed = [{**f, "path": " → ".join(str(a) for a in f["path"])} for f in result.passed]
        print_rows("passed through, not to freeze (below freeze_min_amount)", passed,
                   ["account_id", "held_amount", "path"])
    if result.what_if:
        console.print(styled("what-if:", "yellow", " the holdings at the time given; not stored (the stored trace and "
                             "freeze list, made at the report's time, are unchanged)"))
    elif not result.stored:
        console.print(styled("not stored:", "yellow", " another scamnet process is writing the store, so this trace was made "
                      "on the store as the last finished write left it; run the command again "
                      "when it is done to store it"))
