"""``scamnet inspect page FILE``: scam landing page, page with injected black-hat SEO, or clean."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import console, print_rows, write_json


def register(inspect_app: typer.Typer) -> None:
    @inspect_app.command("page")
    def page(
        file: Path = typer.Argument(..., help="saved web page: HTML, or text extracted from one"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Say whether a saved page is a scam landing page, compromised with injected SEO, or clean; show why."""
        from scamnet.service.inspect import inspect_page_file

        result = inspect_page_file(file)
        console.print(f"{file}: {result['verdict']} (score {result['score']:.2f}; scam landing "
                      f"{result['scam_score']:.2f}, injected SEO {result['seo_score']:.2f}; "
                      f"injected share of the page text {result['injected_share']:.0%})")
        evidence = [{**e, "keywords": e["keywords"][:12]} for e in result["evidence"]]
        print_rows("evidence", evidence, ["line", "end_line", "keywords", "reason"])
        if result["indicators"]:
            print_rows("indicators", result["indicators"], ["kind", "entity", "line"])
        write_json(json_out, result)
