"""``scamnet rules check|test``: load a rule file, or back-test it on a world or a store."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, JSON_OUT, db_path
from scamnet.cli.output import console, print_rows, write_json
from scamnet.core.settings import load_settings

FIGURES = ["rule", "action", "priority", "hits", "true_hits", "precision", "recall", "victim_recall", "legit_%",
           "known_legit"]
RULE_FILE = typer.Argument(..., help="rule file (TOML, see docs/rules.md); the starter set is "
                           "src/scamnet/rules/starter.toml")


def register(app: typer.Typer) -> None:
    rules_app = typer.Typer(help="Decision rules: check a rule file, back-test it on history.", no_args_is_help=True)

    @rules_app.command("check")
    def check(rule_file: Path = RULE_FILE) -> None:
        """Load every rule of FILE and list them, or list every problem with its rule and position."""
        from scamnet.rules.load import load_rules

        rules = load_rules(rule_file)
        print_rows(f"{len(rules)} rules in {rule_file}", [
            {"rule": r.name, "event": r.event, "action": r.action.value, "priority": r.priority,
             "enabled": r.enabled, "reads": list(r.fields)} for r in rules])

    @rules_app.command("test")
    def test(
        rule_file: Path = RULE_FILE,
        world: Path = typer.Option(None, "--world", help="world folder written by scamnet simulate"),
        db: Path = typer.Option(None, "--db", help="store file (default: the 'db' setting)", show_default=False),
        json_out: Path = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """Back-test FILE's transfer rules: hits, precision, recall and legitimate transfers held."""
        if world is not None and db is not None:
            raise typer.BadParameter("give --world or --db, not both")
        from scamnet.evaluate.rules import backtest_store, backtest_world
        from scamnet.share.keyed_hash import configured_secret

        settings = load_settings(config)
        offset = settings.utc_offset_hours
        result = (backtest_world(rule_file, world, utc_offset_hours=offset) if world is not None
                  else backtest_store(rule_file, db_path(db, config), utc_offset_hours=offset,
                                      secret=configured_secret(settings.share_secret_file)))
        print_rows(f"{result['transfers']:,} transfers, {result['scam_transfers']:,} scam money "
                   f"({result['victim_payments']:,} victims' payments)", _in_percent(result["rows"]), FIGURES)
        console.print(f"live decisions that differ from the back-test: {result['live_mismatches']}")
        if result["skipped"]:
            console.print("not back-tested (not transfer rules, or disabled): " + ", ".join(result["skipped"]))
        write_json(json_out, result)

    app.add_typer(rules_app, name="rules")


def _in_percent(rows: list[dict]) -> list[dict]:
    """``legit_share`` as a percentage: held shares are small, three decimals of a share would show 0."""
    return [r | {"legit_%": None if r["legit_share"] is None else 100 * r["legit_share"],
                 "known_legit": r.get("known_legit_hits")} for r in rows]
