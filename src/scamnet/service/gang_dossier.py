"""A gang's dossier: who it is, what it did, and the evidence that ties it together.

``gang_dossier`` gathers it from the store as data (what ``--format json`` writes);
``render.dossier_page`` makes one self-contained HTML page of it, its network picture drawn with
Plotly whose JavaScript is embedded from the installed package, so the page works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.render.dossier_page import dossier_html
from scamnet.render.json_text import json_text
from scamnet.render.networks import links_among, member_network
from scamnet.service.linking import store_graph
from scamnet.store import Store, open_store


def gang_dossier(db: Path, gang_id: str, settings: Settings) -> dict[str, Any]:
    """Everything known about gang ``gang_id`` of the store at ``db``."""
    with open_store(db, read_only=True) as store:
        gang = _gang(store, gang_id)
        members = _dicts(store, "SELECT entity, role, centrality FROM gang_members WHERE gang_id = ?", [gang_id])
        members.sort(key=lambda m: (-m["centrality"], m["entity"]))
        links = _member_links(store, settings, [m["entity"] for m in members])
        return {
            "gang": gang,
            "members_by_role": _by_role(members, _alerts(store, [m["entity"] for m in members])),
            "key_members": [m for m in members if m["role"] != "report"][:10],
            "reports": _reports(store, [m["entity"] for m in members if m["role"] == "report"]),
            "evidence": links,
            "network": member_network(members, links),
        }


def _gang(store: Store, gang_id: str) -> dict[str, Any]:
    rows = _dicts(store, "SELECT * FROM gangs WHERE gang_id = ?", [gang_id])
    if not rows:
        known = [r[0] for r in store.con.execute("SELECT gang_id FROM gangs ORDER BY gang_id LIMIT 10").fetchall()]
        raise NotFoundError(
            f"no gang {gang_id!r} in {store.path}",
            hint=f"known gangs: {', '.join(known)}" if known else "run scamnet run first: it finds the gangs",
        )
    return rows[0]


def _dicts(store: Store, sql: str, params: list) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _alerts(store: Store, entities: list[str]) -> dict[str, list[dict[str, Any]]]:
    rows = store.con.execute(
        "SELECT entity, detector, score, reasons FROM alerts WHERE entity IN (SELECT unnest(?)) ORDER BY score DESC",
        [entities],
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for entity, detector, score, reasons in rows:
        out.setdefault(entity, []).append({"detector": detector, "score": score, "reasons": list(reasons or [])})
    return out


def _by_role(members: list[dict[str, Any]], alerts: dict[str, list]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        row = {"entity": m["entity"], "centrality": m["centrality"], "alerts": alerts.get(m["entity"], [])}
        out.setdefault(m["role"], []).append(row)
    return dict(sorted(out.items(), key=lambda kv: -len(kv[1])))


def _reports(store: Store, report_entities: list[str]) -> list[dict[str, Any]]:
    ids = [r.partition(":")[2] for r in report_entities]
    rows = _dicts(store, "SELECT * FROM reports WHERE report_id IN (SELECT unnest(?))", [ids])
    items = store.con.execute(
        "SELECT report_id, list(kind || ': ' || value ORDER BY kind, value) FROM report_items "
        "WHERE report_id IN (SELECT unnest(?)) GROUP BY report_id",
        [ids],
    ).fetchall()
    named = dict(items)
    keep = ("report_id", "reported_at", "scam_type", "loss_amount", "currency", "narrative")
    out = [{**{k: r[k] for k in keep}, "items": named.get(r["report_id"], [])} for r in rows]
    return sorted(out, key=lambda r: (r["reported_at"], r["report_id"]))


def _member_links(store: Store, settings: Settings, entities: list[str]) -> list[dict[str, Any]]:
    """The links among the gang's members: its evidence trail, strongest first."""
    return links_among(store_graph(store, settings).edges, [{"entity": e} for e in entities])


def write_dossier(db: Path, gang_id: str, settings: Settings, fmt: str = "html", out: Path | None = None) -> str:
    """The dossier as ``html`` or ``json`` text, also written to ``out`` when given."""
    dossier = gang_dossier(db, gang_id, settings)
    text = json_text(dossier) if fmt == "json" else dossier_html(dossier)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return text
