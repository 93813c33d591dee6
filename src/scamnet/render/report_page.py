"""The investigation report as one self-contained HTML page (plots embedded, no CDN)."""

from __future__ import annotations

from typing import Any

from plotly.offline import get_plotlyjs

from scamnet.render import figures
from scamnet.render.pages import figure_div, templates


def report_html(content: dict[str, Any]) -> str:
    """The page for report ``content`` (what ``service.report.report_content`` returns)."""
    plots = {
        "alerts": figure_div(figures.alerts_bar(content["summary"])),
        "goip": figure_div(figures.call_pattern(content["goip"])) if content["goip"] else "",
        "traces": {t["trace_id"]: figure_div(figures.fund_flow_sankey(t)) for t in content["traces"] if t["flows"]},
        "gangs": {g["gang_id"]: figure_div(figures.gang_picture(g))
                  for g in content["gangs"][:pictured_gangs(content)] if g["network"]["nodes"]},
    }
    return templates().get_template("report.html.j2").render(c=content, plots=plots, plotlyjs=get_plotlyjs(),
                                                             pictured=pictured_gangs(content))


#: Gangs drawn by default; ``--all`` draws every one.
PICTURED_GANGS = 12


def pictured_gangs(content: dict[str, Any]) -> int:
    return len(content["gangs"]) if content.get("meta", {}).get("all_rows") else PICTURED_GANGS
