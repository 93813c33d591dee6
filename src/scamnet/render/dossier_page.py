"""A gang's dossier as one self-contained HTML page, its network drawn with embedded Plotly."""

from __future__ import annotations

from typing import Any

from plotly.offline import get_plotlyjs

from scamnet.render.figures import gang_picture
from scamnet.render.pages import figure_div, templates


def dossier_html(dossier: dict[str, Any]) -> str:
    """The page for ``dossier`` (what ``service.gang_dossier.gang_dossier`` returns)."""
    picture = {"gang_id": dossier["gang"]["gang_id"], "network": dossier["network"]}
    div = figure_div(gang_picture(picture))
    return templates().get_template("gang.html.j2").render(d=dossier, picture=div, plotlyjs=get_plotlyjs())
