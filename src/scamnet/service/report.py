"""The investigation report's content, as data: what ``scamnet report`` shows.

``report_content`` reads only the store: its inputs and what ``scamnet run`` stored (gang links,
scam types of messages), never rebuilding them. The HTML renderer (``render.report_page``) turns
this same data into pages and pictures, and ``--format json`` writes it as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock, SystemClock
from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.render.json_text import json_text
from scamnet.render.networks import PICTURE_NODES, member_network
from scamnet.render.report_page import report_html
from scamnet.service.run import run_summary
from scamnet.store import Store, open_store
from scamnet.store.alerts import Alert, scam_messages, top_alerts
from scamnet.store.events import device_calls, store_times
from scamnet.store.gangs import GangLink, GangMember, gang_links, gang_members, gangs
from scamnet.store.repo import row_count, table_stats
from scamnet.store.traces import TraceSummary, largest_traces, mule_layers, trace_flows, trace_freeze_list


def write_report(db: Path, out: Path, settings: Settings, fmt: str = "html", *, all_rows: bool = False,
                 clock: Clock | None = None) -> Path:
    """Write the report for the store at ``db`` to ``out`` as ``html`` or ``json`` (``all_rows``: no list cut)."""
    content = report_content(db, settings, all_rows=all_rows, clock=clock)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json_text(content) if fmt == "json" else report_html(content), encoding="utf-8")
    return out


#: The limit that stands for "every row" (``--all``).
EVERY = 1_000_000_000


def report_content(db: Path, settings: Settings, top: int = 10, traces: int = 12, *, all_rows: bool = False,
                   clock: Clock | None = None) -> dict[str, Any]:
    """The report's content; each list is cut at ``top`` (``traces``) unless ``all_rows``, and ``totals`` says
    how many there are, so the page says "showing N of M"."""
    top, traces = (EVERY, EVERY) if all_rows else (top, traces)
    with open_store(db, read_only=True) as store:
        if row_count(store, "alerts") == 0:
            raise NotFoundError(f"the store {db} has no alerts yet", hint="run scamnet run --db FILE first")
        summary = run_summary(store, 10)
        return {
            "store": str(db),
            "meta": _meta(store, settings, clock or SystemClock(), all_rows),
            "summary": summary,
            "totals": {**_alert_totals(summary), "traces": summary["traces"]},
            "tables": {s.table: s.rows for s in table_stats(store) if s.rows},
            "goip": _goip_devices(store, top),
            "fraud_numbers": _alerts(store, "fraud_number", top),
            "mules": _mules(store, top * 2),
            "traces": _traces(store, traces),
            "messages": _messages_by_type(store),
            "links": _alerts(store, "url_risk", top * 2),
            "gangs": _gangs(store, EVERY if all_rows else PICTURE_NODES),
        }


def _meta(store: Store, settings: Settings, clock: Clock, all_rows: bool) -> dict[str, Any]:
    times = store_times(store)
    return {"generated_at": clock.now(), "store_as_of": times.newest_event, "last_run": times.last_run,
            "currency": ", ".join(times.currencies) or settings.default_currency, "all_rows": all_rows}


def _alert_totals(summary: dict[str, Any]) -> dict[str, int]:
    """Alerts per detector, under the names of the report's lists."""
    per: dict[str, int] = defaultdict(int)
    for row in summary["alerts"]:
        per[row["detector"]] += row["alerts"]
    return {"goip": per["goip"], "fraud_numbers": per["fraud_number"], "mules": per["mule"], "links": per["url_risk"]}


def _alert_row(alert: Alert) -> dict[str, Any]:
    return {"entity": alert.entity, "score": alert.score, "tier": alert.tier, "reasons": alert.reasons}


def _alerts(store: Store, detector: str, top: int) -> list[dict[str, Any]]:
    return [_alert_row(a) for a in top_alerts(store, top, detector)]


def _goip_devices(store: Store, top: int) -> list[dict[str, Any]]:
    devices = _alerts(store, "goip", top)
    for device in devices:
        device.update(asdict(device_calls(store, device["entity"].partition(":")[2])))
    return devices


def _mules(store: Store, top: int) -> list[dict[str, Any]]:
    mules = _alerts(store, "mule", top)
    layers = mule_layers(store)
    for mule in mules:
        mule["layer"] = layers.get(mule["entity"].partition(":")[2])
    return mules


def _traces(store: Store, limit: int) -> list[dict[str, Any]]:
    return [_trace(store, t) for t in largest_traces(store, limit)]


def _trace(store: Store, t: TraceSummary) -> dict[str, Any]:
    flows = [{"src": f.src, "dst": f.dst, "amount": float(f.amount), "hop": f.hop, "first_at": f.first_at,
              "last_at": f.last_at} for f in trace_flows(store, t.trace_id)]
    freeze = [{"account": f.account, "bank": f.bank, "held": float(f.held), "rank": f.rank, "path": f.path}
              for f in trace_freeze_list(store, t.trace_id)]
    return {"trace_id": t.trace_id, "report_id": t.report_id, "policy": t.policy, "scam_type": t.scam_type,
            "loss": float(t.loss or 0), "traced": float(t.traced), "located": float(t.located),
            "cashed_out": float(t.cashed_out), "flows": flows, "freeze": freeze,
            "holdings": still_held(flows, freeze), "cashouts": _cashouts(flows)}


def still_held(flows: list[dict[str, Any]], freeze: list[dict[str, Any]]) -> dict[str, float]:
    """What each account of a trace still holds: its freeze-list amount, else the traced money in less out.

    >>> still_held([{"src": "V", "dst": "M1", "amount": 900.0}, {"src": "M1", "dst": "S", "amount": 40.0},
    ...             {"src": "M1", "dst": "cash-out: atm", "amount": 800.0}], [])
    {'M1': 60.0, 'S': 40.0}
    """
    net: dict[str, float] = defaultdict(float)
    for flow in flows:
        net[flow["dst"]] += flow["amount"]
        net[flow["src"]] -= flow["amount"]
    held = {a: round(v, 2) for a, v in net.items() if v > 0.004 and not a.startswith("cash-out")}
    return held | {f["account"]: f["held"] for f in freeze}


def _cashouts(flows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where the traced money left the banks: the paying account, the channel and the amount, most first."""
    out = [{"account": f["src"], "channel": f["dst"].removeprefix("cash-out: "), "amount": f["amount"],
            "last_at": f["last_at"]} for f in flows if f["dst"].startswith("cash-out")]
    return sorted(out, key=lambda c: -c["amount"])


def _messages_by_type(store: Store, examples: int = 3) -> dict[str, Any]:
    """The scam messages grouped by the scam type ``scam_text`` stored with each alert."""
    groups: dict[str, dict[str, Any]] = defaultdict(lambda: {"count": 0, "examples": []})
    for message in scam_messages(store):
        group = groups[message.alert.scam_type or "unclassified"]
        group["count"] += 1
        if len(group["examples"]) < examples:
            group["examples"].append({**_alert_row(message.alert), "text": message.text})
    return dict(sorted(groups.items(), key=lambda kv: -kv[1]["count"]))


def _gangs(store: Store, shown: int) -> list[dict[str, Any]]:
    networks = gang_networks(store, shown)
    return [
        {
            "gang_id": g["gang_id"], "members": g["members"], "reports": g["reports"],
            "total_loss": float(g["total_loss"]), "first_seen": g["first_seen"], "last_seen": g["last_seen"],
            "scam_types": list(g["scam_types"] or []), "summary": g["summary"],
            "key_members": networks.get(g["gang_id"], {"key_members": []})["key_members"],
            "network": networks.get(g["gang_id"], {"nodes": [], "edges": []}),
        }
        for g in gangs(store)
    ]


def gang_networks(store: Store, shown: int = PICTURE_NODES) -> dict[str, dict[str, Any]]:
    """Per gang id: up to ``shown`` members, chosen along the stored links from the most central one
    (so the picture shows what ties them together), and the links among them."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in gang_members(store):
        members[m.gang_id].append(_member_row(m))
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in gang_links(store):
        links[link.gang_id].append(link_row(link))
    return {gang_id: member_network(found, links[gang_id], shown) for gang_id, found in members.items()}


def _member_row(member: GangMember) -> dict[str, Any]:
    return {"entity": member.entity, "role": member.role, "centrality": member.centrality}


def link_row(link: GangLink) -> dict[str, Any]:
    """A stored gang link as the pictures and the dossier's evidence show it."""
    return {"src": link.src, "dst": link.dst, "type": link.type, "count": link.count}
