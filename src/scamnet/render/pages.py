"""The Jinja environment of the page templates, and a Plotly figure as an embeddable ``<div>``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("scamnet.render", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )


def figure_div(fig: Any) -> str:
    """The figure as HTML without its JavaScript (the page embeds plotly.js once)."""
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
