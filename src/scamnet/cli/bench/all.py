"""``scamnet bench all``: one table of every detector's quality, gang recovery, tracing and timings."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, JSON_OUT
from scamnet.cli.output import console, print_rows, styled, write_json
from scamnet.core.clock import SystemClock
from scamnet.core.errors import ConfigError
from scamnet.core.settings import load_settings

#: Short headers for the terminal; the JSON keeps the full names.
SHORT = {"positives": "pos", "normals": "normal", "threshold": "alert at", "precision": "P", "recall": "R", "f1": "F1",
         "recall_at_0.1%_fp": "R@0.1%", "recall_at_0.01%_fp": "R@0.01%",
         "recall_at_0.1%_fp_moving": "R@0.1% moving", "recall_without_reports": "R w/o rep",
         "recall_at_0.1%_fp_without_reports": "R@0.1% w/o rep", "tuned_threshold": "tuned thr",
         "tuned_f1": "tuned F1"}
#: The label-tuned precision and recall are in the JSON; the terminal shows the tuned threshold and F1 only.
HIDDEN = {"tuned_precision", "tuned_recall"}
TRACE_COLUMNS = ["policy", "reports", "located_share_of_loss", "located_share_per_victim", "located_share_of_remaining",
                 "freeze_accounts", "freeze_precision", "freeze_precision_by_amount", "passed_accounts", "trace_ms_p50"]
DETECTOR_TITLE = ("detectors on {world}: P, R, F1 at the shipped alert threshold; R@0.1%: recall with 0.1 % of "
                  "normals flagged; moving: mules that moved gang money; w/o rep: on the world without its "
                  "victim reports; tuned: at the F1-best threshold chosen on labels (not what ships)")


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("all")
    def all_(
        world: list[Path] = typer.Option([], "--world", help="world folder written by scamnet simulate (repeatable: "
                                         "several worlds give each figure's mean and spread)"),
        scenario: str | None = typer.Option(None, "--scenario", help="simulate this scenario (name or TOML file) "
                                            "once per seed of --seeds into a temporary folder and bench those worlds"),
        seeds: str = typer.Option("1,2,3", "--seeds", help="seeds to simulate with --scenario, comma-separated"),
        without_reports: bool | None = typer.Option(
            None, "--without-reports/--with-reports-only",
            help="also measure each detector's recall on the world with its victim reports removed "
                 "(default: on for several worlds, off for one)"),
        timings: bool = typer.Option(True, "--timings/--no-timings",
                                     help="time the main job (ingest and scamnet run) on each world"),
        json_out: Path | None = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """Every detector at the shipped alert threshold and the issues' budgets, gangs, tracing and timings."""
        from scamnet.evaluate.seeds import bench_worlds, simulated_worlds
        from scamnet.evaluate.suite import bench_all

        if bool(world) == bool(scenario):
            raise ConfigError("give --world (one or more) or --scenario with --seeds", hint="scamnet bench all --help")
        settings, say = load_settings(config), (lambda text: console.print(styled("bench", "bold", f" {text}")))
        several = len(world) > 1 or scenario is not None
        options = {"without_reports": several if without_reports is None else without_reports, "timings": timings}
        if not several:
            result = bench_all(world[0], settings, SystemClock(), on_phase=say, **options)
            _print_world(result)
            write_json(json_out, result.to_json())
            return
        if scenario is None:
            seeds_bench = bench_worlds(world, settings, SystemClock(), say, **options)
        else:
            with simulated_worlds(scenario, _seeds(seeds), say) as worlds:
                seeds_bench = bench_worlds(worlds, settings, SystemClock(), say, **options)
        _print_spread(seeds_bench)
        write_json(json_out, seeds_bench.to_json())


def _print_world(result) -> None:
    from scamnet.evaluate.suite import COLUMNS

    rows = [{SHORT.get(k, k): v for k, v in row.to_json().items()} for row in result.detectors]
    print_rows(DETECTOR_TITLE.format(world=result.world), rows,
               [SHORT.get(c, c) for c in COLUMNS if c not in HIDDEN and _measured(result.detectors, c)])
    print_rows("fund tracing per policy at report time", [r.to_json() for r in result.tracing], TRACE_COLUMNS)
    print_rows("gang recovery", [{"figure": k, "value": v} for k, v in result.gangs.summary().items()])
    print_rows("timings (seconds)", [{"step": k, "seconds": v} for k, v in result.timings.items()])


def _print_spread(result) -> None:
    """Per table, one row per detector (policy, gang figure) with each figure as ``mean (min–max)``."""
    from scamnet.evaluate.suite import COLUMNS

    tables: dict[str, dict[str, dict[str, str]]] = {}
    for s in result.spread:
        tables.setdefault(s.table, {}).setdefault(s.row, {"row": s.row})[SHORT.get(s.figure, s.figure)] = _cell(s)
    count = len(result.worlds)
    detector_columns = ["row"] + [SHORT.get(c, c) for c in COLUMNS if c not in {"detector", "mode", "goal", *HIDDEN}]
    print_rows(DETECTOR_TITLE.format(world=f"{count} worlds") + "; mean (min–max)",
               list(tables.get("detectors", {}).values()), detector_columns)
    print_rows(f"fund tracing per policy, {count} worlds, mean (min–max)", list(tables.get("tracing", {}).values()),
               ["row"] + TRACE_COLUMNS[1:])
    gangs = tables.get("gangs", {}).get("gangs", {})
    print_rows(f"gang recovery, {count} worlds, mean (min–max)",
               [{"figure": k, "value": v} for k, v in gangs.items() if k != "row"])


def _measured(rows, column: str) -> bool:
    """Whether any row has the figure (the without-reports columns are empty unless that pass ran)."""
    return any(row.to_json().get(column) is not None for row in rows)


def _cell(s) -> str:
    if s.worlds == 0:
        return ""
    if s.low == s.high:
        return _number(s.mean)
    return f"{_number(s.mean)} ({_number(s.low)}–{_number(s.high)})"


def _number(value: float) -> str:
    """Counts as counts (a mean of counts with one decimal), shares and scores with three."""
    if float(value).is_integer() and abs(value) >= 2:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.3f}"


def _seeds(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ConfigError(f"--seeds {text!r} is not a comma-separated list of integers", hint="e.g. --seeds 1,2,3") from None
