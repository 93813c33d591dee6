"""The console's pictures as Plotly figure JSON (drawn in the browser by the installed plotly.min.js)."""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go

from scamnet.render.figures import fund_flow_sankey, gang_picture

TIER_COLOURS = {"critical": "#b2182b", "high": "#ef8a62", "medium": "#f4c76b", "low": "#bababa"}


def _json(fig: go.Figure) -> dict[str, Any]:
    return dict(json.loads(fig.to_json()))


def alerts_by_detector(tiers: list[dict[str, Any]]) -> dict[str, Any]:
    """Alerts per detector stacked by tier, on a log scale so that a detector with six alerts shows beside 3,000."""
    fig = go.Figure()
    for tier, colour in TIER_COLOURS.items():
        picked = [t for t in tiers if t["tier"] == tier]
        if picked:
            fig.add_bar(name=tier, x=[t["detector"] for t in picked], y=[t["alerts"] for t in picked],
                        marker_color=colour, text=[t["alerts"] for t in picked], textposition="auto")
    fig.update_layout(barmode="group", height=300, margin={"t": 30, "b": 40, "l": 50, "r": 10},
                      yaxis={"type": "log", "title": "alerts (log scale)"}, title="alerts by detector and tier")
    return _json(fig)


def alerts_over_time(by_day: list[dict[str, Any]]) -> dict[str, Any]:
    """Alerts raised per day, one line per detector."""
    fig = go.Figure()
    for detector in sorted({r["detector"] for r in by_day}):
        days: dict[str, int] = {}
        for r in by_day:
            if r["detector"] == detector:
                days[str(r["day"])] = days.get(str(r["day"]), 0) + r["alerts"]
        fig.add_bar(name=detector, x=list(days), y=list(days.values()))
    fig.update_layout(barmode="stack", height=300, margin={"t": 30, "b": 40, "l": 50, "r": 10},
                      title="alerts raised per day (by run)", xaxis={"type": "category"})
    return _json(fig)


def loss_bars(view: dict[str, Any]) -> dict[str, Any]:
    """Victims' loss reported beside what traces located, what freeze lists hold, and what is frozen."""
    names = ["reported", "located", "held on freeze lists", "frozen", "cashed out"]
    values = [view["loss_reported"], view["located"], view["held"], view["frozen"], view["cashed_out"]]
    fig = go.Figure(go.Bar(x=names, y=values, text=[f"{v:,.0f}" for v in values], textposition="auto",
                           marker_color=["#555", "#1f77b4", "#2ca02c", "#006d2c", "#999"]))
    fig.update_layout(height=300, margin={"t": 30, "b": 40, "l": 60, "r": 10}, title="victims' loss")
    return _json(fig)


def trace_sankey(report_id: str, policy: str, flows: list[dict[str, Any]], freeze: list[dict[str, Any]]) -> dict[str, Any]:
    """The traced money from the victim's account to the mules and cash-outs; red: on the freeze list."""
    trace = {"report_id": report_id, "policy": policy,
             "flows": [{**f, "amount": float(f["amount"])} for f in flows],
             "freeze": [{"account": r["account_id"]} for r in freeze]}
    fig = fund_flow_sankey(trace)
    fig.update_traces(valueformat=",.2f", selector={"type": "sankey"})
    return _json(fig)


def gang_network(gang_id: str, network: dict[str, Any]) -> dict[str, Any]:
    """The gang's members (coloured by kind, sized by centrality) and their links; each node carries its entity."""
    fig = gang_picture({"gang_id": gang_id, "network": network})
    role_of = {n["entity"]: n["role"] for n in network["nodes"]}
    for trace in fig.data:
        if trace.mode == "markers" and trace.text:
            entities = [t.rsplit(" (", 1)[0] for t in trace.text]
            trace.customdata = entities
            trace.text = [f"{e} ({role_of.get(e, '?')}) — click to open" for e in entities]
    fig.update_layout(height=520, dragmode="pan")
    return _json(fig)
