"""Freeze requests per bank: drafted from a report's stored trace, sent, and followed to frozen or released.

A stored trace made with the store's policy (setting ``trace_policy``) drafts one request per bank
holding accounts on its freeze list, named from the report id and the bank, so a report sent or
traced again never makes a second request: a request still *drafted* is refreshed from the newer
trace; one already sent on keeps the trace version it was sent with (``trace_version``), whose
account lines stay in the trace history. Each line carries what a bank needs to act: the account,
the traced money it **still holds** at the trace's as-of time (the sum to freeze, not what passed
through it), the currency, the path from the victim and the incoming transfers (ids and times)
that brought the money there. Every status change is kept with who made it and when.

A request still *drafted* or *sent* when its deadline passes **expires**: the status becomes
``expired``, kept as a change by ``deadline`` at the deadline's time (``expire_overdue``). It is
written whenever the store is open for writing: on every listing through a writable store, every
status change and every stored trace (``POST /v1/reports``, ``scamnet trace``, ``scamnet run``); a
listing through a read-only store (the service's, ``scamnet freeze list --db``) shows the request
expired all the same, and the next write keeps it. A status an analyst sets after the deadline
(sent again, with the bank's word) stands: the deadline expires only what nobody touched since.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from scamnet.core.clock import SystemClock
from scamnet.core.enums import FreezeStatus
from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.store import Store, open_store
from scamnet.store.freeze import add_status_change, bank_requests, put_requests, status_changes
from scamnet.store.traces import trace_version

__all__ = ["UNKNOWN_BANK", "draft_requests", "expire_overdue", "export_lines", "list_requests", "request_id_of",
           "set_status"]

#: The bank of accounts the store has no ``accounts`` row for.
UNKNOWN_BANK = "unknown"
#: What the trace writes as ``updated_by`` when it drafts or refreshes a request.
DRAFTED_BY = "trace"
#: Who expires a request nobody acted on by its deadline.
EXPIRED_BY = "deadline"
_WAITING = (FreezeStatus.DRAFTED.value, FreezeStatus.SENT.value)


def request_id_of(report_id: str, bank: str) -> str:
    """The one id of report ``report_id``'s request to ``bank``.

    >>> request_id_of("R0", "BANK1") == request_id_of("R0", "BANK1") != request_id_of("R0", "BANK2")
    True
    """
    return "fr" + hashlib.sha256(f"{report_id}\0{bank}".encode()).hexdigest()[:14]


def lines_by_bank(freeze: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A freeze list's lines grouped by the bank holding each account, banks in order."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in freeze:
        grouped[line.get("bank") or UNKNOWN_BANK].append(line)
    return dict(sorted(grouped.items()))


def draft_requests(store: Store, report_id: str, trace_id: str, version: int, freeze: list[dict[str, Any]],
                   deadline_hours: float, now: datetime) -> None:
    """Draft (or refresh, while still drafted) report ``report_id``'s per-bank requests from a stored trace.

    Requests past their deadline expire first (``expire_overdue``): an expired request is not drafted again."""
    expire_overdue(store, now)
    held = {r["request_id"]: r for r in bank_requests(store, report_id=report_id)}
    rows = []
    grouped = lines_by_bank(freeze)
    for bank, lines in grouped.items():
        request_id = request_id_of(report_id, bank)
        before = held.get(request_id)
        if before is not None and (before["status"] != FreezeStatus.DRAFTED.value
                                   or (before["trace_id"], before["trace_version"]) == (trace_id, version)):
            continue
        created = before["created_at"] if before is not None else now
        rows.append({"request_id": request_id, "report_id": report_id, "bank": bank, "trace_id": trace_id,
                     "trace_version": version, "status": FreezeStatus.DRAFTED.value, "accounts": len(lines),
                     "amount": sum((Decimal(str(line["held_amount"])) for line in lines), Decimal(0)),
                     "currency": _currency(lines), "deadline": created + timedelta(hours=deadline_hours),
                     "created_at": created, "updated_at": now, "updated_by": DRAFTED_BY})
    emptied = [r["request_id"] for r in held.values()
               if r["status"] == FreezeStatus.DRAFTED.value and r["bank"] not in grouped]
    put_requests(store, rows, emptied)


def _currency(lines: list[dict[str, Any]]) -> str:
    found = {line.get("currency") for line in lines} - {None}
    return found.pop() if len(found) == 1 else ("mixed" if found else UNKNOWN_BANK)


def expire_overdue(store: Store, now: datetime) -> list[str]:
    """Expire the requests still drafted or sent whose deadline passed before ``now`` with no change since (each
    kept as a status change by ``deadline`` at the deadline); the ids expired. The store must be writable."""
    expired = []
    for request in _overdue(store, now):
        add_status_change(store, request, _expiry(request))
        expired.append(request["request_id"])
    return expired


def _overdue(store: Store, now: datetime) -> list[dict[str, Any]]:
    """The requests waiting on a bank past their deadline that nobody changed after it."""
    waiting = [r for s in _WAITING for r in bank_requests(store, status=s) if now > r["deadline"]]
    touched = {c["request_id"] for c in status_changes(store, [r["request_id"] for r in waiting])
               if c["changed_at"] > _deadline_of(waiting, c["request_id"])}
    return [r for r in waiting if r["request_id"] not in touched]


def _deadline_of(requests: list[dict[str, Any]], request_id: str) -> datetime:
    return next(r["deadline"] for r in requests if r["request_id"] == request_id)


def list_requests(store_or_db: Store | Path | str, *, report_id: str | None = None, bank: str | None = None,
                  status: str | None = None, now: datetime | None = None) -> list[dict[str, Any]]:
    """The requests matching the filters, soonest deadline first, each with its account lines, its status
    history and whether its deadline passed before the bank acted (``overdue``: the request expired).

    Requests past their deadline are expired first (``expire_overdue``) when the store is writable, and shown
    expired all the same when it is not."""
    if status is not None:
        _status(status)
    now = now or SystemClock().now()
    with _opened(store_or_db, write=False) as store:
        if store.writable:
            expire_overdue(store, now)
        due = {r["request_id"]: r for r in _overdue(store, now)} if not store.writable else {}
        found = [_as_expired(r) if r["request_id"] in due else r
                 for r in bank_requests(store, report_id=report_id, bank=bank)]
        found = [r for r in found if status is None or r["status"] == status]
        history = defaultdict(list)
        for change in status_changes(store, [r["request_id"] for r in found]):
            history[change["request_id"]].append(change)
        for request_id in due:
            history[request_id].append(_expiry(due[request_id]))
        return [_full(store, r, history[r["request_id"]]) for r in found]


def _as_expired(request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "status": FreezeStatus.EXPIRED.value, "updated_at": request["deadline"], "updated_by": EXPIRED_BY}


def _expiry(request: dict[str, Any]) -> dict[str, Any]:
    return {"request_id": request["request_id"], "status": FreezeStatus.EXPIRED.value, "analyst": EXPIRED_BY,
            "note": "the bank had not acted by the deadline", "changed_at": request["deadline"]}


def _full(store: Store, request: dict[str, Any], history: list[dict[str, Any]]) -> dict[str, Any]:
    version = trace_version(store, request["trace_id"], request["trace_version"])
    lines = json.loads(version["freeze_list"]) if version else []
    expired_by_deadline = request["status"] == FreezeStatus.EXPIRED.value and request["updated_by"] == EXPIRED_BY
    return {**request, "lines": [line for line in lines if (line.get("bank") or UNKNOWN_BANK) == request["bank"]],
            "history": history, "overdue": expired_by_deadline}


def set_status(store_or_db: Store | Path | str, request_id: str, status: str, analyst: str, *,
               note: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Set request ``request_id``'s status, kept with ``analyst`` and the time; the request as it is now."""
    chosen = _status(status)
    if not analyst or not analyst.strip():
        raise ConfigError("a status change needs the analyst's name", hint="say who you are (--as NAME, or an API key)")
    now = now or SystemClock().now()
    with _opened(store_or_db, write=True) as store:
        found = bank_requests(store, request_id=request_id)
        if not found:
            raise NotFoundError(f"no freeze request {request_id!r}",
                                hint="scamnet freeze list (or GET /v1/freeze-requests) shows them")
        change = {"request_id": request_id, "status": chosen.value, "analyst": analyst.strip(), "note": note,
                  "changed_at": now}
        expire_overdue(store, now)
        add_status_change(store, found[0], change)
    return list_requests(store_or_db, now=now, report_id=found[0]["report_id"], bank=found[0]["bank"])[0]


def _status(status: str) -> FreezeStatus:
    try:
        return FreezeStatus(status)
    except ValueError:
        raise ConfigError(f"freeze request status {status!r}",
                          hint="one of: " + ", ".join(s.value for s in FreezeStatus)) from None


def export_lines(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat line per account of ``requests``: what a bank's fraud team acts on (CSV or JSON)."""
    return [{"request_id": r["request_id"], "report_id": r["report_id"], "bank": r["bank"], "status": r["status"],
             "deadline": _text(r["deadline"]), "account_id": line["account_id"],
             "hold_amount": line["held_amount"], "currency": line.get("currency") or r["currency"],
             "path": " > ".join(str(a) for a in line["path"]),
             "incoming_txns": " ".join(line.get("incoming_txns") or []),
             "incoming_at": " ".join(line.get("incoming_at") or []), "trace_id": r["trace_id"],
             "trace_version": r["trace_version"]}
            for r in requests for line in r["lines"]]


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


@contextmanager
def _opened(store_or_db: Store | Path | str, *, write: bool) -> Iterator[Store]:
    if isinstance(store_or_db, Store):
        yield store_or_db
        return
    with open_store(Path(store_or_db), read_only=not write, create=False) as store:
        yield store
