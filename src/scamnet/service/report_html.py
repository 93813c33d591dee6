"""The investigation report as one self-contained HTML file (plots embedded, no CDN)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from plotly.offline import get_plotlyjs

from scamnet.service import report_figures as figures
from scamnet.service.report import report_content


def write_report(db: Path, out: Path, fmt: str = "html") -> Path:
    """Write the report for the store at ``db`` to ``out`` as ``html`` or ``json``."""
    content = report_content(db)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_text(json.dumps(content, indent=2, default=_jsonable, ensure_ascii=False), encoding="utf-8")
    else:
        out.write_text(render_html(content), encoding="utf-8")
    return out


def render_html(content: dict[str, Any]) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("scamnet.service", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )
    plots = {
        "alerts": _div(figures.alerts_bar(content["summary"])),
        "goip": _div(figures.call_pattern(content["goip"])) if content["goip"] else "",
        "traces": {t["trace_id"]: _div(figures.fund_flow_sankey(t)) for t in content["traces"] if t["flows"]},
        "gangs": {g["gang_id"]: _div(figures.gang_picture(g)) for g in content["gangs"][:12] if g["network"]["nodes"]},
    }
    return env.get_template("report.html.j2").render(c=content, plots=plots, plotlyjs=get_plotlyjs())


def _div(fig: Any) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
