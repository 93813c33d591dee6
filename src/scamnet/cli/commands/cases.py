from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, JSON_OUT, db_path
from scamnet.cli.output import console, print_rows, write_json
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("cases")
    def cases(
        hops: int = typer.Option(2, "--hops", min=0, max=10, help="strong links walked from each named entity"),
        hub_degree: int = typer.Option(200, "--hub-degree", min=1, help="nodes with more strong links are never walked through"),
        evidence: int = typer.Option(5, "--evidence", min=0, help="shared entities shown per case"),
        json_out: Path = JSON_OUT,
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """List linked reports: reports naming the same entities, or entities a few strong links apart."""
        from scamnet.service.linking import case_list

        found = case_list(db_path(db, config), load_settings(config), hops=hops, hub_degree=hub_degree)
        rows = [{**c, "reports": f"{len(c['reports'])}: " + ", ".join(c["reports"][:6]) + (" ..." if len(c["reports"]) > 6 else ""),
                 "evidence": [f"{e['entity']} ({len(e['reports'])} reports, {e['how']})" for e in c["evidence"][:evidence]]}
                for c in found]
        print_rows(f"{len(found)} linked cases", rows, ["case", "gangs", "reports", "loss", "scam_types", "evidence"])
        if not found:
            console.print("no two reports share an entity or a short path of strong links")
        write_json(json_out, found)
