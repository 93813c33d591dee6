"""The investigation report's content, as data: what ``scamnet report`` shows.

``report_content`` reads only the store (inputs and the outputs of ``scamnet run``); the HTML
renderer (``render.report_page``) turns this same data into pages and pictures, and
``--format json`` writes it as it is.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from scamnet.core.enums import ScamType
from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.render.json_text import json_text
from scamnet.render.networks import links_among, member_network
from scamnet.render.report_page import report_html
from scamnet.service.linking import store_graph
from scamnet.service.run import run_summary
from scamnet.store import Store, open_store
from scamnet.store.repo import table_stats

SCAM_TYPES = [t.value for t in ScamType]


def write_report(db: Path, out: Path, settings: Settings, fmt: str = "html") -> Path:
    """Write the report for the store at ``db`` to ``out`` as ``html`` or ``json``."""
    content = report_content(db, settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json_text(content) if fmt == "json" else report_html(content), encoding="utf-8")
    return out


def report_content(db: Path, settings: Settings, top: int = 10, traces: int = 12) -> dict[str, Any]:
    with open_store(db, read_only=True) as store:
        if store.con.execute("SELECT count(*) FROM alerts").fetchall()[0][0] == 0:
            raise NotFoundError(f"the store {db} has no alerts yet", hint="run scamnet run --db FILE first")
        return {
            "store": str(db),
            "summary": run_summary(store, top),
            "tables": {s.table: s.rows for s in table_stats(store) if s.rows},
            "goip": _goip_devices(store, top),
            "fraud_numbers": _alerts(store, "fraud_number", top),
            "mules": _mules(store, top * 2),
            "traces": _traces(store, traces),
            "messages": _messages_by_type(store),
            "links": _alerts(store, "url_risk", top * 2),
            "gangs": _gangs(store, settings),
        }


def _alerts(store: Store, detector: str, top: int) -> list[dict[str, Any]]:
    rows = store.con.execute(
        "SELECT entity, score, tier, reasons FROM alerts WHERE detector = ? ORDER BY score DESC, entity LIMIT ?",
        [detector, top],
    ).fetchall()
    return [{"entity": e, "score": s, "tier": t, "reasons": list(r or [])} for e, s, t, r in rows]


def _goip_devices(store: Store, top: int) -> list[dict[str, Any]]:
    devices = _alerts(store, "goip", top)
    for device in devices:
        imei = device["entity"].partition(":")[2]
        hours = store.con.execute(
            "SELECT hour(started_at) AS h, count(*) FROM calls WHERE caller_imei = ? GROUP BY h ORDER BY h", [imei]
        ).fetchall()
        sims = store.con.execute(
            "SELECT count(DISTINCT caller_imsi), count(DISTINCT callee), count(*), "
            "coalesce(median(duration_s), 0) FROM calls WHERE caller_imei = ?",
            [imei],
        ).fetchall()[0]
        by_hour = dict(hours)
        device["calls_by_hour"] = [by_hour.get(h, 0) for h in range(24)]
        device["sims"], device["callees"], device["calls"], device["median_duration_s"] = sims
    return devices


def _mules(store: Store, top: int) -> list[dict[str, Any]]:
    mules = _alerts(store, "mule", top)
    layers = dict(
        store.con.execute(
            "SELECT dst_account, min(hop) FROM trace_edges WHERE dst_account IS NOT NULL GROUP BY dst_account"
        ).fetchall()
    )
    for mule in mules:
        mule["layer"] = layers.get(mule["entity"].partition(":")[2])
    return mules


def _traces(store: Store, limit: int) -> list[dict[str, Any]]:
    rows = store.con.execute(
        "SELECT t.trace_id, t.report_id, t.policy, t.traced_amount, t.located_amount, t.cashout_amount, "
        "r.scam_type, r.loss_amount FROM traces t LEFT JOIN reports r USING (report_id) "
        "ORDER BY t.traced_amount DESC, t.trace_id LIMIT ?",
        [limit],
    ).fetchall()
    out = []
    for trace_id, report_id, policy, traced, located, cashed, scam_type, loss in rows:
        edges = store.con.execute(
            "SELECT coalesce(src_account, 'cash in'), coalesce(dst_account, 'cash-out: ' || channel), "
            "sum(traced_amount), min(hop) FROM trace_edges WHERE trace_id = ? GROUP BY ALL ORDER BY 4, 1, 2",
            [trace_id],
        ).fetchall()
        freeze = store.con.execute(
            "SELECT account_id, bank, held_amount, rank, path FROM freeze_requests WHERE trace_id = ? ORDER BY rank",
            [trace_id],
        ).fetchall()
        out.append({
            "trace_id": trace_id, "report_id": report_id, "policy": policy, "scam_type": scam_type,
            "loss": float(loss or 0), "traced": float(traced), "located": float(located), "cashed_out": float(cashed),
            "flows": [{"src": s, "dst": d, "amount": float(a), "hop": h} for s, d, a, h in edges],
            "freeze": [{"account": a, "bank": b, "held": float(h), "rank": r, "path": list(p or [])}
                       for a, b, h, r, p in freeze],
        })
    return out


def _messages_by_type(store: Store, examples: int = 3) -> dict[str, Any]:
    rows = store.con.execute(
        "SELECT a.entity, a.score, a.reasons, m.text FROM alerts a "
        "LEFT JOIN messages m ON m.msg_id = substr(a.entity, 5) "
        "WHERE a.detector = 'scam_text' ORDER BY a.score DESC, a.entity"
    ).fetchall()
    groups: dict[str, dict[str, Any]] = defaultdict(lambda: {"count": 0, "examples": []})
    for entity, score, reasons, text in rows:
        group = groups[_scam_type(reasons or [])]
        group["count"] += 1
        if len(group["examples"]) < examples:
            group["examples"].append({"entity": entity, "score": score, "text": text, "reasons": list(reasons or [])})
    return dict(sorted(groups.items(), key=lambda kv: -kv[1]["count"]))


def _scam_type(reasons: list[str]) -> str:
    # scam_text names the type in its first reason: "...; looks like government impersonation"
    for reason in reasons[:1]:
        for scam_type in SCAM_TYPES:
            if f"looks like {scam_type.replace('_', ' ')}" in reason:
                return scam_type
    return "unclassified"


def _gangs(store: Store, settings: Settings) -> list[dict[str, Any]]:
    rows = store.con.execute(
        "SELECT gang_id, members, reports, total_loss, first_seen, last_seen, scam_types, summary "
        "FROM gangs ORDER BY total_loss DESC, gang_id"
    ).fetchall()
    networks = gang_networks(store, settings)
    gangs = []
    for gang_id, members, reports, loss, first, last, types, summary in rows:
        key = store.con.execute(
            "SELECT entity, role, centrality FROM gang_members WHERE gang_id = ? ORDER BY centrality DESC, entity LIMIT 8",
            [gang_id],
        ).fetchall()
        gangs.append({
            "gang_id": gang_id, "members": members, "reports": reports, "total_loss": float(loss),
            "first_seen": first, "last_seen": last, "scam_types": list(types or []), "summary": summary,
            "key_members": [{"entity": e, "role": r, "centrality": c} for e, r, c in key],
            "network": networks.get(gang_id, {"nodes": [], "edges": []}),
        })
    return gangs


def gang_networks(store: Store, settings: Settings) -> dict[str, dict[str, Any]]:
    """Per gang id: its most central members (with roles) and the links among them."""
    rows = store.con.execute(
        "SELECT gang_id, entity, role, centrality FROM gang_members ORDER BY gang_id, centrality DESC, entity"
    ).fetchall()
    members: dict[str, list[dict[str, Any]]] = {}
    for gang_id, entity, role, centrality in rows:
        members.setdefault(gang_id, []).append({"entity": entity, "role": role, "centrality": centrality})
    if not members:
        return {}
    edges = store_graph(store, settings).edges
    return {gang_id: member_network(shown, links_among(edges, shown)) for gang_id, shown in members.items()}
