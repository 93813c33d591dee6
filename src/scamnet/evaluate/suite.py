"""``scamnet bench all``: every detector's quality at the budgets the issues name, and the main timings.

One table, one row per detector and mode, in the same columns: precision, recall and F1 at the
shipped alert threshold (the ``alert_threshold`` setting, what ``scamnet run`` alerts at), recall
at 0.1 % and 0.01 % of normal entities flagged, and the goal the figure is held against. A
threshold tuned on labels is shown only beside them, under ``tuned_*`` keys. Telecom and mule rows
come from their temporal splits (fit early, score late); the content detectors use the shipped
models, so they score the whole world. Gangs and fund tracing have tables of their own; the
timings are of the main job itself — ingest the world into a fresh store and ``scamnet run`` it —
so versions can be compared on the same world.

With ``without_reports`` every detector row is measured a second time on the same world with its
victim reports removed (``reports`` and ``report_items`` empty): a detector whose recall needs
the reports shows it there, since most victims never report.
"""

from __future__ import annotations

import dataclasses
import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.base import detector as detector_class
from scamnet.detect.content.messages_in_context import MessagesInContext
from scamnet.detect.content.text.scam_text import ScamTextDetector
from scamnet.detect.content.url.url_risk import UrlRiskDetector
from scamnet.detect.money.mule import MULE_ROLES
from scamnet.evaluate.gangs import GangBench, bench_gangs
from scamnet.evaluate.metrics import NOT_TUNED, LabelTuned
from scamnet.evaluate.money import MoneyBench, bench_money
from scamnet.evaluate.money import mule_rows as money_mule_rows
from scamnet.evaluate.results import Result, flatten, key
from scamnet.evaluate.telecom import TelecomBench, TelecomFigures, bench_telecom, telecom_figures
from scamnet.evaluate.tracing import TraceRow
from scamnet.evaluate.world_views import world_without_reports
from scamnet.features.data import Data
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.run import run_all
from scamnet.store.labels import labelled_entities

#: What each issue asks of a detector, shown beside the measured figures.
GOALS = {
    "goip": "R@0.1% >= 0.95 (hard)",
    "fraud_number": "R@0.1% >= 0.90 (hard)",
    "mule": "R@0.1% >= 0.90 (hard)",
    "scam_text": "bench text: UCI MCC >= 0.93",
    "url_risk": "bench urls: TPR@1% >= 0.90",
}
#: Label roles that make a message or link a positive for the content detectors.
CONTENT_POSITIVES = {"scam_text": ("scam_message",), "url_risk": ("scam_url",)}
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SuiteRow(Result):
    """One detector in one mode, in the columns every detector shares (NaN where a bench has no such figure)."""

    detector: str
    mode: str
    positives: int
    normals: int
    threshold: float
    precision: float
    recall: float
    f1: float
    recall_at_fp_0_1: float = key("recall_at_0.1%_fp")
    recall_at_fp_0_01: float = key("recall_at_0.01%_fp")
    recall_at_fp_0_1_moving: float = key("recall_at_0.1%_fp_moving")
    recall_no_reports: float = key("recall_without_reports")
    recall_at_fp_0_1_no_reports: float = key("recall_at_0.1%_fp_without_reports")
    tuned: LabelTuned = flatten(LabelTuned)
    goal: str


@dataclass(frozen=True)
class SuiteBench(Result):
    """``bench all`` on one world: ``timings`` maps each step to its seconds."""

    world: str
    detectors: list[SuiteRow]
    tracing: list[TraceRow]
    gangs: GangBench
    timings: dict[str, float]


#: The detector table's columns, in order.
COLUMNS = SuiteRow.json_keys()


def bench_all(world_dir: Path, settings: Settings, clock: Clock, on_phase: Progress | None = None, *,
              without_reports: bool = False, timings: bool = True) -> SuiteBench:
    """Quality of every detector on the world at ``world_dir``, gang recovery, tracing, and timings.

    ``without_reports`` adds each detector's recall on the world with its reports removed;
    ``timings=False`` leaves out the main job (ingest and ``scamnet run``), the slowest part.
    """
    say = on_phase or (lambda _: None)
    seconds: dict[str, float] = {}
    threshold = settings.alert_threshold
    say("telecom detectors (fit on the first half, score the second)")
    telecom = _timed(seconds, "bench_telecom",
                     lambda: bench_telecom(world_dir, threshold=threshold, seed=settings.seed))
    say("mule detection and fund tracing (temporal 60/20/20)")
    money = _timed(seconds, "bench_money", lambda: bench_money(world_dir, seed=settings.seed, threshold=threshold))
    say("content detectors on the world's messages and links")
    content = _timed(seconds, "bench_content",
                     lambda: content_rows(Data.from_dir(world_dir), settings.seed, threshold))
    rows = telecom_rows(telecom) + mule_rows(money) + content
    if without_reports:
        say("every detector again, on the world with its victim reports removed")
        rows = _timed(seconds, "bench_without_reports", lambda: with_recall_without_reports(rows, world_dir, settings, money))
    say("gang recovery")
    gangs = _timed(seconds, "bench_gangs", lambda: bench_gangs(world_dir, settings))
    main_job = {}
    if timings:
        say("the main job: ingest the world into a fresh store and run every step")
        main_job = main_job_timings(world_dir, settings, clock)
    return SuiteBench(str(world_dir), rows, money.trace_rows, gangs, main_job | {k: round(v, 2) for k, v in seconds.items()})


def telecom_rows(result: TelecomBench) -> list[SuiteRow]:
    return [_row(r.detector, r.mode, r.figures, result.threshold) for r in result.rows]


def mule_rows(result: MoneyBench) -> list[SuiteRow]:
    rows = []
    for r in result.mule_rows:
        f = r.figures
        rows.append(SuiteRow(
            "mule", r.mode, f.mules, f.normals, r.threshold, f.precision, f.recall, f.f1, f.recall_at_fp_0_1,
            math.nan, r.recall_at_fp_0_1_moving, math.nan, math.nan, r.tuned, GOALS["mule"]))
    return rows


def with_recall_without_reports(rows: list[SuiteRow], world_dir: Path, settings: Settings,
                                money: MoneyBench | None = None) -> list[SuiteRow]:
    """``rows`` with each detector's recall (at the alert threshold and at 0.1 % FP) on the world without reports.

    The detectors fit and score exactly as in the main pass, on a view of the same world whose
    ``reports`` and ``report_items`` are empty; the labels stay, so the positives are the same.
    The mule rows come from ``money``'s own pass without reports when it has one.
    """
    threshold = settings.alert_threshold
    with tempfile.TemporaryDirectory(prefix="scamnet-no-reports-") as tmp:
        folder = world_without_reports(world_dir, Path(tmp))
        data = Data.from_dir(folder)
        if money is not None and money.mule_rows_without_reports:
            plain = [dataclasses.replace(r, mode=r.mode.removesuffix(", no reports"))
                     for r in money.mule_rows_without_reports]
        else:
            plain = money_mule_rows(data, labelled_entities(data, sorted(MULE_ROLES)), settings.seed, threshold)
        again = (telecom_rows(bench_telecom(folder, threshold=threshold, seed=settings.seed))
                 + mule_rows(MoneyBench(str(folder), 0, 0, plain, [], []))
                 + content_rows(data, settings.seed, threshold))
    found = {(r.detector, r.mode): r for r in again}
    return [dataclasses.replace(r, recall_no_reports=found[(r.detector, r.mode)].recall,
                                recall_at_fp_0_1_no_reports=found[(r.detector, r.mode)].recall_at_fp_0_1)
            if (r.detector, r.mode) in found else r for r in rows]


def content_rows(data: Data, seed: int, threshold: float = 0.5) -> list[SuiteRow]:
    """``scam_text`` and ``url_risk`` with their shipped models over every message and link of the world, and
    ``scam_text`` in context: the messages as ``scamnet run`` alerts on them."""
    labelled = labelled_entities(data)
    text, links = ScamTextDetector(seed=seed).fit(data), UrlRiskDetector(seed=seed).fit(data)
    scored = {text.name: _scores(text.score(data)), links.name: _scores(links.score(data))}
    positives = {name: labelled_entities(data, sorted(CONTENT_POSITIVES[name])) & scored[name].keys() for name in scored}

    def row(name: str, mode: str, scores: dict[str, float]) -> SuiteRow:
        figures = telecom_figures(scores, positives[name] & scores.keys(), scores.keys() - labelled, threshold)
        return _row(name, mode, figures, threshold)

    in_context = MessagesInContext(text, links, _flagged_numbers(data, seed, threshold)).score(data)
    return [row(text.name, "shipped model", scored[text.name]),
            row(text.name, "in context (as run alerts)", _scores(in_context)),
            row(links.name, "shipped model", scored[links.name])]


def _flagged_numbers(data: Data, seed: int, threshold: float) -> dict[str, str]:
    """The numbers ``fraud_number`` (fitted and scored on the whole world, as the run does, no labels read) scores
    at the alert threshold, with the reason the message context names: the senders the run counts as flagged."""
    numbers = _scores(detector_class("fraud_number")(seed=seed).fit(data).score(data))
    return {e.removeprefix("phone:"): f"fraud_number alert (score {s:.2f})" for e, s in numbers.items() if s >= threshold}


def _scores(result: Any) -> dict[str, float]:
    return dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))


def main_job_timings(world_dir: Path, settings: Settings, clock: Clock) -> dict[str, float]:
    """Seconds to ingest the world into a fresh store and to run each step over it."""
    with tempfile.TemporaryDirectory(prefix="scamnet-bench-") as tmp:
        db = Path(tmp) / "scamnet.db"
        started = time.perf_counter()
        ingest_files(world_files(world_dir), db, settings)
        ingest_s = time.perf_counter() - started
        run = run_all(db, settings, clock)
    return {"ingest_s": round(ingest_s, 2)} | {f"run_{k}_s": round(v, 2) for k, v in run.seconds.items()} | {
        "run_s": round(sum(run.seconds.values()), 2)}


def _row(name: str, mode: str, figures: TelecomFigures, threshold: float) -> SuiteRow:
    d = figures.detection
    return SuiteRow(name, mode, d.positives, d.normals, threshold, d.precision, d.recall, d.f1,
                    figures.recall_at_fp_0_1, figures.recall_at_fp_0_01, math.nan, math.nan, math.nan, NOT_TUNED,
                    GOALS.get(name, ""))


def _timed(seconds: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = fn()
    seconds[name] = time.perf_counter() - started
    return value
