"""``scamnet keys create|list|revoke``: the decision service's API keys, stored hashed in the store."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.cli.output import console, print_rows


def register(app: typer.Typer) -> None:
    keys_app = typer.Typer(help="API keys of scamnet serve: create, list, revoke.", no_args_is_help=True)

    @keys_app.command("create")
    def create(
        role: str = typer.Option(..., "--role", help="ingest (post events), analyst (read), admin (everything)"),
        label: str = typer.Option(None, "--label", help="who or what holds the key"),
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """Create a key with a role; it is printed once, the store keeps only its hash."""
        from scamnet.core.clock import SystemClock
        from scamnet.service.keys import create_key

        made = create_key(db_path(db, config), role, SystemClock(), label)
        console.print(made.key, markup=False, highlight=False)
        console.print(f"key {made.stored.key_id} ({made.stored.role}) created; it is shown only now: "
                      "send it as 'Authorization: Bearer KEY'", style="dim", markup=False)

    @keys_app.command("list")
    def list_(db: Path = DB, config: Path = CONFIG) -> None:
        """Every key's id, role, label and dates (never the key)."""
        from scamnet.service.keys import list_keys

        print_rows("API keys", [{"key_id": k.key_id, "role": k.role, "label": k.label, "created_at": k.created_at,
                                 "revoked_at": k.revoked_at} for k in list_keys(db_path(db, config))])

    @keys_app.command("revoke")
    def revoke(key_id: str = typer.Argument(..., help="the key's id (the part before the dot)"),
               db: Path = DB, config: Path = CONFIG) -> None:
        """Revoke a key: the service refuses it from its next check of the store."""
        from scamnet.core.clock import SystemClock
        from scamnet.service.keys import revoke as revoke_key

        revoke_key(db_path(db, config), key_id, SystemClock())
        console.print(f"key {key_id} revoked")

    app.add_typer(keys_app, name="keys")
