"""What the analyst console's pages show, read from the store the decision service serves.

Each page is one function returning plain data (the templates only lay it out); every read goes through the
store's repository functions, under the service's turn with the store (``DecisionService.store``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from scamnet.core.enums import FreezeStatus
from scamnet.core.errors import NotFoundError
from scamnet.render.networks import PICTURE_NODES, member_network
from scamnet.service.decide import DecisionService
from scamnet.service.freeze_requests import list_requests, set_status
from scamnet.service.gang_dossier import write_dossier
from scamnet.service.share import own_indicators
from scamnet.share.stix import export_bundle
from scamnet.store import Store
from scamnet.store.alerts import AlertPage, AlertQuery, alert_page, alerts_of, alerts_per_tier
from scamnet.store.console_reads import (
    alert_statuses,
    alerts_by_day,
    central_links,
    entity_events,
    freeze_rows,
    freeze_totals,
    gang_of_report,
    gangs_of,
    holdings_of,
    last_run,
    linked_entities,
    messages_naming,
    newest_event_times,
    partner_listings,
    prefix_matches,
    received_amounts,
    reports_naming,
    reports_sharing_items,
    time_range,
    top_gangs,
    traces_of_report,
)
from scamnet.store.gangs import gang, gang_members
from scamnet.store.reports import report, reported_loss, reports_with_items
from scamnet.store.reviews import reviews_of
from scamnet.store.traces import trace_flows, trace_totals

#: Entity kinds the console has a page for.
#: Most account alerts sorted by their amount at risk.
AMOUNT_SORTED = 5000
ENTITY_KINDS = ("phone", "imei", "imsi", "account", "device", "ip", "person", "domain", "url", "wallet", "msg")


def overview(service: DecisionService, gangs_shown: int = 10) -> dict[str, Any]:
    """The overview page: alerts by detector, tier and day; loss reported, located, held, frozen; the queues;
    the top gangs; the last run and the store's time range."""
    with service.store() as store:
        loss, reports = reported_loss(store)
        traced = trace_totals(store)
        held = freeze_totals(store)
        first, last = time_range(store)
        found = {
            "tiers": [t.__dict__ for t in alerts_per_tier(store)],
            "by_day": alerts_by_day(store),
            "statuses": alert_statuses(store),
            "reports": reports, "loss_reported": float(loss), "located": float(traced.located),
            "cashed_out": float(traced.cashed_out), "traces": traced.traces,
            "held": float(sum(held.values(), start=0)),
            "frozen": float(held.get("frozen", 0)),
            "freeze_statuses": {k: float(v) for k, v in held.items()},
            "gangs": top_gangs(store, gangs_shown),
            "last_run": last_run(store), "first_event": first, "last_event": last,
        }
    found["open_tasks"] = len(service.tasks(limit=100_000))
    return found


def entity_view(service: DecisionService, entity: str, events_shown: int = 100) -> dict[str, Any]:
    """The entity page: its alerts with reasons and verdicts, timeline, reports, gangs and neighbours."""
    kind = entity.partition(":")[0]
    if kind not in ENTITY_KINDS or ":" not in entity:
        raise NotFoundError(f"no entity page for {entity!r}", hint="entities read kind:value, kind one of "
                            + ", ".join(ENTITY_KINDS))
    with service.store() as store:
        reviews = reviews_of(store, entity)
        alerts = [{**a.__dict__, "reviews": [r.__dict__ for r in reviews if r.detector == a.detector]}
                  for a in alerts_of(store, [entity])]
        if kind in ("domain", "url"):
            events = messages_naming(store, entity.partition(":")[2], events_shown)
        else:
            events = entity_events(store, entity, events_shown, _newest_times(service, store))
        links = linked_entities(store, entity)
        holdings = holdings_of(store, entity)
        found = {
            "entity": entity, "kind": kind, "alerts": alerts, "events": [e.__dict__ for e in events],
            "reports": reports_naming(store, entity), "gangs": gangs_of(store, entity),
            "links": links, "listings": partner_listings(store, entity),
        }
    found["neighbours"] = _neighbours(entity, events, links, holdings)
    return found


#: Per store: when its tables' newest event times were read, and them. An older value only widens a timeline's
#: first window (its cutoff is earlier), so it may be kept a while.
_NEWEST: dict[str, tuple[float, dict[str, datetime | None]]] = {}
NEWEST_KEPT_S = 300.0


def _newest_times(service: DecisionService, store: Store) -> dict[str, datetime | None]:
    kept = _NEWEST.get(str(service.db))
    if kept is None or service.monotonic() - kept[0] > NEWEST_KEPT_S:
        kept = (service.monotonic(), newest_event_times(store))
        _NEWEST[str(service.db)] = kept
    return kept[1]


def _neighbours(entity: str, events: list[Any], links: list[dict[str, Any]], holdings: list[str]) -> list[dict[str, Any]]:
    """The entities one step away, most often seen first: holders and holdings, gang links, event counterparts."""
    seen: Counter[str] = Counter()
    for held in holdings:
        seen[held] += 1000
    for link in links:
        seen[link["entity"]] += link["count"]
    for event in events:
        for party in event.parties:
            seen[party] += 1
    seen.pop(entity, None)
    return [{"entity": e, "weight": n} for e, n in seen.most_common(40)]


def gang_view(service: DecisionService, gang_id: str) -> dict[str, Any]:
    """The gang page: the gang, its members ranked by centrality, its victims' reports, and its network (the most
    central members and the links among them)."""
    with service.store() as store:
        found = gang(store, gang_id)
        stored = gang_members(store, gang_id)
        links, total = central_links(store, gang_id, PICTURE_NODES)
        victims = reports_with_items(store, [m.entity.partition(":")[2] for m in stored if m.role == "report"])
    members: list[dict[str, Any]] = [{"entity": m.entity, "role": m.role, "centrality": m.centrality, "rank": rank}
                                     for rank, m in enumerate(stored, start=1)]
    return {"gang": found, "members": members, "roles": Counter(m["role"] for m in members).most_common(),
            "links": total, "reports": victims, "network": member_network(members, links)}


def case_view(service: DecisionService, report_id: str, policy: str | None = None) -> dict[str, Any]:
    """The case page of one victim report: its facts, its stored traces (one per policy), the chosen one's flows
    and freeze list, the reports that share an indicator with it, and its gang."""
    with service.store() as store:
        facts = reports_with_items(store, [report_id])
        if not facts:
            report(store, report_id)  # raises NotFoundError with the hint
        traces = traces_of_report(store, report_id)
        chosen = next((t for t in traces if t["policy"] == policy), traces[0] if traces else None)
        flows = [f.__dict__ for f in trace_flows(store, chosen["trace_id"])] if chosen else []
        freeze = freeze_section(store, chosen["trace_id"] if chosen else None, report_id)
        found = {"report": facts[0], "traces": traces, "trace": chosen, "flows": flows, "freeze": freeze,
                 "linked": reports_sharing_items(store, report_id), "gang_id": gang_of_report(store, report_id)}
    return found


def freeze_section(store: Store, trace_id: str | None, report_id: str | None = None) -> dict[str, Any]:
    """The freeze list of a trace as the case page shows it: per account its bank, the money held there, its rank,
    the path the money took and the request's status; totals per bank; and the report's per-bank freeze requests
    (``service.freeze_requests``) with their status, deadline and history."""
    rows = freeze_rows(store, trace_id) if trace_id else []
    requests = list_requests(store, report_id=report_id) if report_id else []
    banks: dict[str, float] = {}
    for row in rows:
        banks[row["bank"] or "unknown bank"] = banks.get(row["bank"] or "unknown bank", 0.0) + float(row["held_amount"])
    return {"trace_id": trace_id, "rows": rows, "banks": sorted(banks.items(), key=lambda kv: -kv[1]),
            "requests": requests, "statuses": [s.value for s in FreezeStatus],
            "held": float(sum((r["held_amount"] for r in rows), start=0))}


def search(service: DecisionService, text: str, limit: int = 20) -> list[dict[str, str]]:
    """Phones, accounts, alerted entities and reports starting with ``text`` (``kind:value`` or the value alone)."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return []
    if cleaned.startswith("report:"):
        cleaned = cleaned.partition(":")[2]
    elif ":" in cleaned and cleaned.partition(":")[0] in ENTITY_KINDS:
        with service.store() as store:
            exact = prefix_matches(store, cleaned.partition(":")[2], limit)
        return [m for m in exact if m["entity"].startswith(cleaned)] or [{"entity": cleaned, "what": "as typed"}]
    with service.store() as store:
        return prefix_matches(store, cleaned, limit)


def alert_queue_view(service: DecisionService, query: AlertQuery, *, by_amount: bool = False) -> dict[str, Any]:
    """One page of the alert queue with each account's amount at risk (the money it received) and the detectors
    there are; ``by_amount`` sorts the accounts' alerts by that amount (the other kinds carry none)."""
    with service.store() as store:
        detectors = sorted({t.detector for t in alerts_per_tier(store)})
        if by_amount and query.kind in (None, "account"):
            every = alert_page(store, replace(query, kind="account", limit=AMOUNT_SORTED, offset=0))
            amounts = received_amounts(store, [_account(a["entity"]) for a in every.alerts])
            ordered = sorted(every.alerts, key=lambda a: (-amounts.get(_account(a["entity"]), Decimal(0)), a["entity"]))
            page = AlertPage(every.total, ordered[query.offset:query.offset + query.limit])
        else:
            page = alert_page(store, query)
            amounts = received_amounts(store, [_account(a["entity"]) for a in page.alerts if a["entity"].startswith("account:")])
    rows = [{**a, "amount": amounts.get(_account(a["entity"])) if a["entity"].startswith("account:") else None}
            for a in page.alerts]
    return {"total": page.total, "alerts": rows, "detectors": detectors}


def _account(entity: str) -> str:
    return entity.partition(":")[2]


def gang_export(service: DecisionService, gang_id: str, fmt: str) -> str:
    """Gang ``gang_id``'s dossier as ``html`` or ``json`` (``scamnet gang dossier``), or its members flagged here as
    a STIX 2.1 bundle (``stix``, as ``scamnet share export`` writes them)."""
    assert service.db is not None
    if fmt == "stix":
        with service.store() as store:
            gang(store, gang_id)  # NotFoundError for an unknown gang
            rows = [r for r in own_indicators(store) if r["gang_id"] == gang_id]
        return export_bundle(rows, "scamnet", service.clock.now())
    with service.store_turn():
        return write_dossier(service.db, gang_id, service.settings, fmt)


def change_freeze_status(service: DecisionService, request_id: str, status: str, analyst: str,
                         note: str | None = None) -> dict[str, Any]:
    """Set a freeze request's status from the case page, kept with the analyst and the time (as the API does)."""
    with service.store(read_only=False) as store:
        return set_status(store, request_id, status, analyst, note=note)
