"""``scamnet freeze list|status|export``: freeze requests per bank, through a running service or on the store."""

from __future__ import annotations

import csv
import io
import json
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import typer

from scamnet.cli.commands.dissuade import KEY, URL
from scamnet.cli.commands.dissuade import _remote as remote
from scamnet.cli.options import CONFIG, DB, JSON_OUT, db_path
from scamnet.cli.output import console, print_rows, write_json

STATUSES = "drafted, sent, frozen, released or expired"
REPORT = typer.Option(None, "--report", help="only this report's requests")
STATUS = typer.Option(None, "--status", help=STATUSES)


def register(app: typer.Typer) -> None:
    freeze_app = typer.Typer(help="Freeze requests per bank: drafted from each report's trace, sent, frozen or "
                             "released.", no_args_is_help=True)

    freeze_app.command("list")(list_)
    freeze_app.command("status")(status_)
    freeze_app.command("export")(export)
    app.add_typer(freeze_app, name="freeze")


def list_(report: str = REPORT, bank: str = typer.Option(None, "--bank"), status: str = STATUS,
          url: str = URL, key: str = KEY, json_out: Path = JSON_OUT, db: Path = DB, config: Path = CONFIG) -> None:
    """The requests, soonest deadline first: bank, accounts, the money they still hold, status, deadline."""
    found = _requests(report, bank, status, url, key, db, config)
    rows = [{**r, "deadline": str(r["deadline"])[:16], "overdue": "OVERDUE" if r["overdue"] else ""} for r in found]
    print_rows(f"{len(found)} freeze requests", rows, ["request_id", "report_id", "bank", "status", "accounts",
                                                      "amount", "currency", "deadline", "overdue"])
    write_json(json_out, found)


def status_(request_id: str = typer.Argument(...), new: str = typer.Argument(..., help=STATUSES),
            note: str = typer.Option(None, "--note", help="why, or the bank's reference"),
            analyst: str = typer.Option(None, "--as", help="your name (without --url; with --url the key's "
                                        "label names you)"),
            url: str = URL, key: str = KEY, db: Path = DB, config: Path = CONFIG) -> None:
    """Change a request's status; the change is kept with your name and the time."""
    if url:
        row = remote(url, key, "POST", f"/v1/freeze-requests/{request_id}/status", {"status": new, "note": note})
    else:
        if not analyst:
            raise typer.BadParameter("say who you are with --as NAME (or use --url with your key)")
        from scamnet.service.freeze_requests import set_status

        row = set_status(db_path(db, config), request_id, new, analyst, note=note)
    console.print(f"freeze request {request_id} ({row['bank']}, report {row['report_id']}): {row['status']}")


def export(bank: str = typer.Option(..., "--bank", help="the bank whose requests to export"),
           report: str = REPORT, status: str = STATUS,
           output: str = typer.Option("csv", "--format", help="csv (one line per account) or json"),
           out: Path = typer.Option(None, "--out", help="file to write (default: standard output)"),
           url: str = URL, key: str = KEY, db: Path = DB, config: Path = CONFIG) -> None:
    """What one bank needs to act: per account the money it still holds, currency, path and incoming transfers."""
    from scamnet.core.errors import ConfigError
    from scamnet.service.freeze_requests import export_lines

    if output not in ("csv", "json"):
        raise ConfigError(f"--format {output!r}", hint="csv or json")
    lines = export_lines(_requests(report, bank, status, url, key, db, config))
    text = json.dumps(lines, ensure_ascii=False, indent=1, default=str) + "\n" if output == "json" else _csv(lines)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {len(lines)} account lines for {bank} to {out}")


def _requests(report: str | None, bank: str | None, status: str | None, url: str | None, key: str | None,
              db: Path | None, config: Path | None) -> list[dict[str, Any]]:
    if url:
        query = urllib.parse.urlencode({k: v for k, v in (("report", report), ("bank", bank), ("status", status)) if v})
        return remote(url, key, "GET", "/v1/freeze-requests" + (f"?{query}" if query else ""))["requests"]
    from scamnet.service.freeze_requests import list_requests

    return list_requests(db_path(db, config), report_id=report, bank=bank, status=status)


def _csv(lines: list[dict[str, Any]]) -> str:
    text = io.StringIO()
    columns = ["request_id", "report_id", "bank", "status", "deadline", "account_id", "hold_amount", "currency",
               "path", "incoming_txns", "incoming_at", "trace_id", "trace_version"]
    writer = csv.DictWriter(text, columns)
    writer.writeheader()
    writer.writerows(lines)
    return text.getvalue()
