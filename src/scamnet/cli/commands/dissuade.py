"""``scamnet dissuade list|claim|outcome``: the dissuasion queue, through a running service or on a stopped one's store."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import typer

from scamnet.cli.options import CONFIG, DB, JSON_OUT, db_path
from scamnet.cli.output import console, print_rows, write_json

URL = typer.Option(None, "--url", help="a running scamnet serve (http://host:port): the service owns the queue while "
                   "it runs; without --url the store is read and changed directly (only when no service runs on it)")
KEY = typer.Option(None, "--key", help="API key of role analyst for --url (default: $SCAMNET_API_KEY)")
OUTCOMES = "reached, persuaded, paid_anyway, unreachable, false_alarm"


def register(app: typer.Typer) -> None:
    queue_app = typer.Typer(help="The dissuasion queue: people to call now, claimed and closed with an outcome.",
                            no_args_is_help=True)

    @queue_app.command("list")
    def list_(status: str = typer.Option(None, "--status", help="open, claimed, contacted, done or cancelled "
                                         "(default: every task still to work)"),
              limit: int = typer.Option(50, "--limit", min=1), url: str = URL, key: str = KEY,
              json_out: Path = JSON_OUT, db: Path = DB, config: Path = CONFIG) -> None:
        """The tasks, most urgent first: who to call, the payment held, why, and the script."""
        if url:
            query = f"?limit={limit}" + (f"&status={status}" if status else "")
            tasks = _remote(url, key, "GET", f"/v1/dissuasion{query}")["tasks"]
        else:
            from scamnet.service.dissuasion import stored_queue

            tasks = stored_queue(db_path(db, config), status=status, limit=limit)
        print_rows(f"{len(tasks)} dissuasion tasks", [_line(t) for t in tasks],
                   ["task_id", "priority", "status", "msisdn", "scam_type", "held", "why", "claimed_by"])
        write_json(json_out, tasks)

    @queue_app.command("claim")
    def claim(task_id: str = typer.Argument(...), officer: str = typer.Option(None, "--as", help="your name "
              "(without --url; with --url the key's label names you)"), url: str = URL, key: str = KEY,
              db: Path = DB, config: Path = CONFIG) -> None:
        """Take a task: it is yours until you record its outcome."""
        row = _change(task_id, officer, url, key, db, config)
        console.print(f"task {task_id} is yours ({row['claimed_by']}): call {row['msisdn']}")
        console.print(row.get("script") or "", markup=False)

    @queue_app.command("outcome")
    def outcome(task_id: str = typer.Argument(...), result: str = typer.Argument(..., help=OUTCOMES),
                note: str = typer.Option(None, "--note", help="what the person said"),
                officer: str = typer.Option(None, "--as", help="your name (without --url)"), url: str = URL,
                key: str = KEY, db: Path = DB, config: Path = CONFIG) -> None:
        """Record what came of the call; it says what becomes of the held payment."""
        row = _change(task_id, officer, url, key, db, config, outcome=result, note=note)
        held = row.get("held_payment")
        console.print(f"task {task_id}: {row['outcome']}, {row['status']}"
                      + (f"; the held payment {row['txn_id']} is {held}" if held else ""))

    app.add_typer(queue_app, name="dissuade")


def _change(task_id: str, officer: str | None, url: str | None, key: str | None, db: Path | None, config: Path | None,
            *, outcome: str | None = None, note: str | None = None) -> dict[str, Any]:
    if url:
        if outcome is None:
            return _remote(url, key, "POST", f"/v1/dissuasion/{task_id}/claim", {})
        return _remote(url, key, "POST", f"/v1/dissuasion/{task_id}/outcome", {"outcome": outcome, "note": note})
    if not officer:
        raise typer.BadParameter("say who you are with --as NAME (or use --url with your key)")
    from scamnet.core.clock import SystemClock
    from scamnet.service.dissuasion import change_stored_task

    return change_stored_task(db_path(db, config), task_id, officer, SystemClock().now(), outcome, note)


def _remote(url: str, key: str | None, method: str, path: str, body: dict | None = None) -> Any:
    from scamnet.core.errors import ScamnetError

    token = key or os.environ.get("SCAMNET_API_KEY", "")
    request = urllib.request.Request(url.rstrip("/") + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"content-type": "application/json",
                                              **({"authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())
    except urllib.error.HTTPError as error:
        with error:  # closed: its socket is not left to the collector
            problem = json.loads(error.read() or b"{}")
        raise ScamnetError(f"{url}{path}: {error.code} {problem.get('detail', error.reason)}",
                           hint=problem.get("hint") or "check the key's role (analyst) and the task id") from None
    except urllib.error.URLError as error:
        raise ScamnetError(f"no service answers at {url} ({error.reason})", hint="start it with scamnet serve") from None


def _line(task: dict[str, Any]) -> dict[str, Any]:
    held = f"{task['txn_id']} ({task['amount']:,.2f})" if task.get("txn_id") else "before any payment"
    return {**task, "held": held, "why": "; ".join(task["reasons"][:2])}
