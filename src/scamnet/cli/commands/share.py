from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, JSON_OUT, db_path
from scamnet.cli.output import console, print_rows, write_json
from scamnet.core.clock import SystemClock
from scamnet.core.settings import load_settings

SECRET = typer.Option(None, "--secret-file", help="file holding the secret shared with the partner (keyed hashes)")


def register(app: typer.Typer) -> None:
    share_app = typer.Typer(help="Share indicators as STIX 2.1 bundles, raw or as keyed hashes.", no_args_is_help=True)

    share_app.command("export")(export)
    share_app.command("import")(import_)
    share_app.command("match")(match)
    app.add_typer(share_app, name="share")


def export(
    out: Path = typer.Option(..., "--out", help="bundle file to write (.json)"),
    hashed: bool = typer.Option(False, "--hashed", help="replace values by HMAC-SHA256 keyed hashes"),
    secret_file: Path = SECRET,
    producer: str = typer.Option("scamnet", "--producer", help="name of your agency, as partners will see it"),
    min_score: float = typer.Option(0.0, "--min-score", min=0, max=1, help="only entities flagged with at least this score"),
    db: Path = DB,
    config: Path = CONFIG,
) -> None:
    """Write flagged numbers, links, domains, accounts and wallets as a STIX 2.1 bundle."""
    from scamnet.service.share import export_share

    if hashed and secret_file is None:
        raise typer.BadParameter("--hashed needs --secret-file")
    summary = export_share(db_path(db, config), out, SystemClock(), secret_file=secret_file if hashed else None,
                           producer=producer, min_score=min_score)
    print_rows(f"exported to {summary['bundle']}", [summary], ["indicators", "hashed", "gangs", "by_kind"])


def import_(
    bundle: Path = typer.Argument(..., help="a partner's STIX 2.1 bundle"),
    source: str = typer.Option(None, "--source", help="partner name (default: the bundle's identity)"),
    db: Path = DB,
    config: Path = CONFIG,
) -> None:
    """Load a partner's bundle as its watchlist (replacing its earlier one); a malformed one changes nothing."""
    from scamnet.service.share import import_share

    summary = import_share(db_path(db, config), bundle, load_settings(config), source)
    print_rows(f"imported {bundle}", [summary])


def match(
    bundle: Path = typer.Argument(..., help="a partner's STIX 2.1 bundle, raw or hashed"),
    secret_file: Path = SECRET,
    json_out: Path = JSON_OUT,
    db: Path = DB,
    config: Path = CONFIG,
) -> None:
    """Report the partner's indicators that are also flagged here."""
    from scamnet.service.share import match_share

    found = match_share(db_path(db, config), bundle, load_settings(config), secret_file)
    print_rows(f"{len(found)} overlaps with {bundle}", found)
    if not found:
        console.print("no overlap")
    write_json(json_out, found)
