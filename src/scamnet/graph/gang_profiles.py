"""From communities to gangs: ids, members by role, reports, total loss, time span, summary.

Gang ids (``K001``, ``K002``, ...) go by total reported loss, largest first, so the worst gang
of a run is always ``K001``.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.graph.entity_graph import EntityGraph
from scamnet.graph.gangs import role_of
from scamnet.schema import table

GANGS, GANG_MEMBERS, GANG_LINKS = table("gangs"), table("gang_members"), table("gang_links")


def gang_tables(graph: EntityGraph, members: pa.Table, data: Data, created_at: datetime) -> tuple[pa.Table, pa.Table]:
    """The ``gangs`` and ``gang_members`` rows of the communities in ``members``."""
    if members.num_rows == 0:
        return GANGS.empty(), GANG_MEMBERS.empty()
    reports = _report_facts(data, [e for e in members["entity"].to_pylist() if e.startswith("report:")])
    spans = _edge_spans(graph, members)
    serves = _serves(members)
    profiles = [_profile(c, rows, reports, spans.get(c)) | {"serves": serves.get(c, 0)}
                for c, rows in _by_community(members).items()]
    profiles.sort(key=lambda p: (-p["total_loss"], -p["members"], p["first_member"]))
    gang_rows, member_rows = [], []
    for number, profile in enumerate(profiles, start=1):
        gang_id = f"K{number:03d}"
        gang_rows.append(_gang_row(gang_id, profile, created_at))
        member_rows += [{"gang_id": gang_id, "entity": e, "role": role_of(e), "centrality": c} for e, c in profile["rows"]]
    return (pa.Table.from_pylist(gang_rows, schema=GANGS.schema),
            pa.Table.from_pylist(member_rows, schema=GANG_MEMBERS.schema))


def member_links(graph: EntityGraph, members: pa.Table) -> pa.Table:
    """The ``gang_links`` rows: the graph's links with both ends among one gang's ``members``.

    A link found in two tables (a SIM's number in calls and in subscribers) is one row.
    """
    if members.num_rows == 0:
        return GANG_LINKS.empty()
    member = members.select(["entity", "gang_id"])
    joined = graph.edges.join(member.rename_columns(["src", "gang_id"]), "src").join(
        member.rename_columns(["dst", "dst_gang"]), "dst")
    inside = joined.filter(pc.equal(joined["gang_id"], joined["dst_gang"]))
    merged = inside.group_by(["gang_id", "src", "dst", "type"], use_threads=False).aggregate(
        [("count", "sum"), ("first_seen", "min"), ("last_seen", "max")])
    picked = merged.select(["gang_id", "src", "dst", "type", "count_sum", "first_seen_min", "last_seen_max"])
    rows = picked.rename_columns(GANG_LINKS.column_names).cast(GANG_LINKS.schema)
    return rows.sort_by([("gang_id", "ascending"), ("count", "descending"), ("type", "ascending"),
                         ("src", "ascending"), ("dst", "ascending")])


def _by_community(members: pa.Table) -> dict[int, list[tuple[str, float]]]:
    out: dict[int, list[tuple[str, float]]] = {}
    for row in members.to_pylist():
        out.setdefault(row["community"], []).append((row["entity"], row["centrality"]))
    return {c: sorted(rows, key=lambda r: (-r[1], r[0])) for c, rows in out.items()}


def _serves(members: pa.Table) -> dict[int, int]:
    """Communities that are shared services (a laundering platform), and how many groups feed each."""
    if "serves" not in members.column_names:
        return {}
    return {r["community"]: r["serves"] for r in members.select(["community", "serves"]).to_pylist() if r["serves"]}


def _report_facts(data: Data, report_entities: list[str]) -> dict[str, tuple]:
    if not report_entities:
        return {}
    facts = run_feature(data, "graph/report_facts", params={"reports": report_entities}).to_pylist()
    return {r["report"]: (r["reported_at"], r["scam_type"], r["loss_amount"]) for r in facts}


def _edge_spans(graph: EntityGraph, members: pa.Table) -> dict[int, tuple[datetime, datetime]]:
    """First and last time of the links inside each community."""
    community = members.select(["entity", "community"])
    edges = graph.edges.select(["src", "dst", "first_seen", "last_seen"])
    joined = edges.join(community.rename_columns(["src", "c_src"]), "src").join(
        community.rename_columns(["dst", "c_dst"]), "dst")
    inside = joined.filter(pc.equal(joined["c_src"], joined["c_dst"]))
    if inside.num_rows == 0:
        return {}
    spans = inside.group_by("c_src").aggregate([("first_seen", "min"), ("last_seen", "max")])
    return {r["c_src"]: (r["first_seen_min"], r["last_seen_max"]) for r in spans.to_pylist()}


def _profile(community: int, rows: list[tuple[str, float]], reports: dict[str, tuple], span: tuple | None) -> dict:
    facts = [reports[e] for e, _ in rows if e in reports]
    times = [t for t in (*(span or ()), *(f[0] for f in facts)) if t is not None]
    roles = Counter(role_of(e) for e, _ in rows if not e.startswith("report:"))
    return {
        "community": community, "rows": rows, "roles": roles, "members": sum(roles.values()),
        "reports": sum(1 for e, _ in rows if e.startswith("report:")),
        "total_loss": sum((f[2] for f in facts if f[2] is not None), start=0),
        "scam_types": [t for t, _ in Counter(f[1] for f in facts).most_common()],
        "first_seen": min(times) if times else None, "last_seen": max(times) if times else None,
        "first_member": rows[0][0],
    }


def _gang_row(gang_id: str, profile: dict, created_at: datetime) -> dict:
    return {
        "gang_id": gang_id, "created_at": created_at, "members": profile["members"], "reports": profile["reports"],
        "total_loss": profile["total_loss"], "first_seen": profile["first_seen"], "last_seen": profile["last_seen"],
        "scam_types": profile["scam_types"], "summary": gang_summary(profile),
    }


def gang_summary(profile: dict) -> str:
    """One line a person reads first: who the gang is made of, what it did, and when.

    >>> from collections import Counter
    >>> gang_summary({"roles": Counter({"number": 4, "gateway": 1}), "reports": 3, "total_loss": 4500,
    ...               "scam_types": ["phishing"], "first_seen": None, "last_seen": None})
    '4 numbers, 1 gateway; 3 reports (phishing), loss 4,500.00'
    >>> gang_summary({"roles": Counter({"mule": 40, "device": 4}), "reports": 0, "total_loss": 0, "scam_types": [],
    ...               "first_seen": None, "last_seen": None, "serves": 5})
    'shared service (laundering platform) fed by 5 other groups: 40 mules, 4 devices; 0 reports, loss 0.00'
    """
    parts = ", ".join(f"{n} {role}{'s' if n != 1 else ''}" for role, n in profile["roles"].most_common())
    text = f"{parts}; {profile['reports']} report{'s' if profile['reports'] != 1 else ''}"
    if profile.get("serves"):
        text = f"shared service (laundering platform) fed by {profile['serves']} other groups: {text}"
    if profile["scam_types"]:
        text += f" ({', '.join(profile['scam_types'])})"
    text += f", loss {float(profile['total_loss']):,.2f}"
    if profile["first_seen"] and profile["last_seen"]:
        text += f", active {profile['first_seen']:%Y-%m-%d} to {profile['last_seen']:%Y-%m-%d}"
    return text
