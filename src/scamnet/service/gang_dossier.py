"""A gang's dossier: who it is, what it did, and the evidence that ties it together.

``gang_dossier`` gathers it from the store as data (what ``--format json`` writes): the gang,
its members and the links among them as ``scamnet run`` stored them; nothing is rebuilt.
``render.dossier_page`` makes one self-contained HTML page of it, its network picture drawn with
Plotly whose JavaScript is embedded from the installed package, so the page works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.settings import Settings
from scamnet.render.dossier_page import dossier_html
from scamnet.render.json_text import json_text
from scamnet.render.networks import member_network
from scamnet.service.report import link_row
from scamnet.store import Store, open_store
from scamnet.store.alerts import alerts_of
from scamnet.store.gangs import gang, gang_links, gang_members
from scamnet.store.reports import reports_with_items

_REPORT_FIELDS = ("report_id", "reported_at", "scam_type", "loss_amount", "currency", "narrative", "items")


def gang_dossier(db: Path, gang_id: str, settings: Settings) -> dict[str, Any]:
    """Everything known about gang ``gang_id`` of the store at ``db``."""
    with open_store(db, read_only=True) as store:
        found = gang(store, gang_id)
        members = [{"entity": m.entity, "role": m.role, "centrality": m.centrality}
                   for m in gang_members(store, gang_id)]
        links = [link_row(link) for link in gang_links(store, gang_id)]
        return {
            "gang": found,
            "members_by_role": _by_role(members, _alerts(store, [m["entity"] for m in members])),
            "key_members": [m for m in members if m["role"] != "report"][:10],
            "reports": _reports(store, [m["entity"] for m in members if m["role"] == "report"]),
            "evidence": links,
            "network": member_network(members, links),
        }


def _alerts(store: Store, entities: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for alert in alerts_of(store, entities):
        out.setdefault(alert.entity, []).append(
            {"detector": alert.detector, "score": alert.score, "reasons": alert.reasons})
    return out


def _by_role(members: list[dict[str, Any]], alerts: dict[str, list]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        row = {"entity": m["entity"], "centrality": m["centrality"], "alerts": alerts.get(m["entity"], [])}
        out.setdefault(m["role"], []).append(row)
    return dict(sorted(out.items(), key=lambda kv: -len(kv[1])))


def _reports(store: Store, report_entities: list[str]) -> list[dict[str, Any]]:
    ids = [r.partition(":")[2] for r in report_entities]
    return [{k: r[k] for k in _REPORT_FIELDS} for r in reports_with_items(store, ids)]


def write_dossier(db: Path, gang_id: str, settings: Settings, fmt: str = "html", out: Path | None = None) -> str:
    """The dossier as ``html`` or ``json`` text, also written to ``out`` when given."""
    dossier = gang_dossier(db, gang_id, settings)
    text = json_text(dossier) if fmt == "json" else dossier_html(dossier)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return text
