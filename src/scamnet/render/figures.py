"""Plotly pictures of the report's content (a figure per device group, trace and gang)."""

from __future__ import annotations

from typing import Any

import igraph as ig
import plotly.graph_objects as go

_ROLE_COLOURS = {
    "report": "#d62728", "phone": "#1f77b4", "imei": "#9467bd", "account": "#2ca02c",
    "url": "#ff7f0e", "domain": "#ff7f0e", "imsi": "#8c564b", "wallet": "#e377c2",
}


_TIER_COLOURS = {"critical": "#b2182b", "high": "#ef8a62", "medium": "#fddbc7", "low": "#bababa"}


def alerts_bar(summary: dict[str, Any]) -> go.Figure:
    """Alerts per detector and tier, side by side on a log scale with the counts written on the bars:
    a detector with 5 alerts stays visible beside one with 4,000."""
    rows = summary["alerts"]
    tiers = [t for t in _TIER_COLOURS if any(r["tier"] == t for r in rows)]
    fig = go.Figure()
    for tier in tiers:
        picked = [r for r in rows if r["tier"] == tier]
        counts = [r["alerts"] for r in picked]
        fig.add_bar(name=tier, x=[r["detector"] for r in picked], y=counts, marker_color=_TIER_COLOURS[tier],
                    text=[f"{n:,}" for n in counts], textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="group", height=340, margin={"t": 40}, yaxis_type="log",
                      yaxis_title="alerts (log scale)", title="alerts per detector and tier")
    return fig


def call_pattern(devices: list[dict[str, Any]]) -> go.Figure:
    fig = go.Figure()
    for device in devices[:6]:
        fig.add_scatter(x=list(range(24)), y=device["calls_by_hour"], mode="lines+markers", name=device["entity"])
    fig.update_layout(
        height=340, margin={"t": 30}, title="outgoing calls by hour of day (top gateways)",
        xaxis_title="hour (UTC)", yaxis_title="calls",
    )
    return fig


def fund_flow_sankey(trace: dict[str, Any]) -> go.Figure:
    """The traced money as a Sankey: every account labelled with the money that reached it, what it still
    holds and when the money first came, so nothing needs a hover; tall enough that labels do not overlap."""
    names: list[str] = []
    index: dict[str, int] = {}
    for flow in trace["flows"]:
        for name in (flow["src"], flow["dst"]):
            if name not in index:
                index[name] = len(names)
                names.append(name)
    frozen = {f["account"] for f in trace["freeze"]}
    colours = ["#d62728" if name in frozen else ("#7f7f7f" if name.startswith("cash-out") else "#1f77b4")
               for name in names]
    labels = [_node_label(name, trace) for name in names]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": labels, "color": colours, "pad": 18, "thickness": 14},
        link={"source": [index[f["src"]] for f in trace["flows"]],
              "target": [index[f["dst"]] for f in trace["flows"]],
              "value": [f["amount"] for f in trace["flows"]],
              "label": [f"{f['amount']:,.2f}" for f in trace["flows"]]},
    ))
    fig.update_layout(height=_sankey_height(trace["flows"]), margin={"t": 40, "l": 10, "r": 10}, font={"size": 11},
                      title=f"report {trace['report_id']}: traced money ({trace['policy']}); red = freeze, "
                            "grey = cashed out")
    return fig


def _node_label(name: str, trace: dict[str, Any]) -> str:
    """Three short lines: the account (its last digits; the tables below give it whole), the money in and
    what it still holds, and when the money first came."""
    into = [f for f in trace["flows"] if f["dst"] == name]
    if not into:
        paid = sum(f["amount"] for f in trace["flows"] if f["src"] == name)
        return f"{_short(name)}<br>victim, paid {paid:,.2f}"
    received = sum(f["amount"] for f in into)
    first = min(f["first_at"] for f in into)
    when = f"{first:%m-%d %H:%M}" if hasattr(first, "strftime") else str(first)[5:16]
    if name.startswith("cash-out"):
        return f"{name}<br>{received:,.2f}<br>{when}"
    held = trace.get("holdings", {}).get(name, 0.0)
    return f"{_short(name)}<br>in {received:,.2f} · holds {held:,.2f}<br>from {when}"


def _short(account: str) -> str:
    return account if len(account) <= 12 else "…" + account[-8:]


def _sankey_height(flows: list[dict[str, Any]]) -> int:
    """Room for every label in the fullest column (the hop with the most accounts)."""
    per_hop: dict[int, set[str]] = {}
    for flow in flows:
        per_hop.setdefault(flow["hop"], set()).add(flow["dst"])
    fullest = max((len(v) for v in per_hop.values()), default=1)
    return max(380, 80 + 62 * fullest)


def gang_picture(gang: dict[str, Any], seed: int = 0) -> go.Figure:
    nodes = gang["network"]["nodes"]
    index = {n["entity"]: i for i, n in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[e["a"]], index[e["b"]]) for e in gang["network"]["edges"]])
    layout = graph.layout_fruchterman_reingold(seed=_seed_layout(len(nodes), seed)) if nodes else []
    xs, ys = [], []
    for a, b in graph.get_edgelist():
        xs += [layout[a][0], layout[b][0], None]
        ys += [layout[a][1], layout[b][1], None]
    fig = go.Figure()
    fig.add_scatter(x=xs, y=ys, mode="lines", line={"width": 0.6, "color": "#999"}, hoverinfo="skip", showlegend=False)
    for kind in sorted({n["entity"].partition(":")[0] for n in nodes}):
        members = [n for n in nodes if n["entity"].startswith(kind + ":")]
        fig.add_scatter(
            x=[layout[index[n["entity"]]][0] for n in members], y=[layout[index[n["entity"]]][1] for n in members],
            mode="markers", name=kind, text=[f"{n['entity']} ({n['role']})" for n in members], hoverinfo="text",
            marker={"size": [8 + 20 * float(n["centrality"] or 0) for n in members],
                    "color": _ROLE_COLOURS.get(kind, "#17becf")},
        )
    fig.update_layout(height=380, margin={"t": 30}, title=f"gang {gang['gang_id']}: members and their links",
                      xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def _seed_layout(n: int, seed: int) -> list[tuple[float, float]]:
    # A deterministic start makes the picture the same on every run.
    import math

    return [(math.cos(2 * math.pi * i / max(n, 1) + seed), math.sin(2 * math.pi * i / max(n, 1) + seed)) for i in range(n)]
