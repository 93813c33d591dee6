"""``scamnet bench all``: every detector's quality at the budgets the issues name, and the main timings.

One table, one row per detector and mode, in the same columns: precision, recall and F1 at the
alert threshold, recall at 0.1 % and 0.01 % of normal entities flagged, and the goal the figure
is held against. Telecom and mule rows come from their temporal splits (fit early, score late);
the content detectors use the shipped models, so they score the whole world. Gangs and fund
tracing have tables of their own; the timings are of the main job itself — ingest the world into
a fresh store and ``scamnet run`` it — so versions can be compared on the same world.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.base import detector as detector_class
from scamnet.evaluate.gangs import bench_gangs
from scamnet.evaluate.money import bench_money
from scamnet.evaluate.telecom import bench_telecom, detection_figures, json_figure
from scamnet.features.data import Data
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.run import run_all

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
COLUMNS = ["detector", "mode", "positives", "normals", "precision", "recall", "f1",
           "recall_at_0.10%_fp", "recall_at_0.01%_fp", "recall_at_0.1%_fp_moving", "goal"]
Progress = Callable[[str], None]


def bench_all(world_dir: Path, settings: Settings, clock: Clock, on_phase: Progress | None = None) -> dict[str, Any]:
    """Quality of every detector on the world at ``world_dir``, gang recovery, tracing, and timings."""
    say = on_phase or (lambda _: None)
    seconds: dict[str, float] = {}
    say("telecom detectors (fit on the first half, score the second)")
    telecom = _timed(seconds, "bench_telecom", lambda: bench_telecom(world_dir, seed=settings.seed))
    say("mule detection and fund tracing (temporal 60/20/20)")
    money = _timed(seconds, "bench_money", lambda: bench_money(world_dir, seed=settings.seed))
    say("content detectors on the world's messages and links")
    content = _timed(seconds, "bench_content", lambda: content_rows(Data.from_dir(world_dir), settings.seed))
    say("gang recovery")
    gangs = _timed(seconds, "bench_gangs", lambda: bench_gangs(world_dir, settings))
    say("the main job: ingest the world into a fresh store and run every step")
    main_job = main_job_timings(world_dir, settings, clock)
    return {
        "world": str(world_dir),
        "detectors": telecom_rows(telecom) + mule_rows(money) + content,
        "tracing": money["trace_rows"],
        "gangs": {k: v for k, v in gangs.items() if not isinstance(v, dict) and not k.endswith("_s")},
        "timings": main_job | {k: round(v, 2) for k, v in seconds.items()},
    }


def telecom_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [_row(r["detector"], r["mode"], r) for r in result["rows"]]


def mule_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [_row("mule", r["mode"], r | {"positives": r["mules"]}) for r in result["mule_rows"]]


def content_rows(data: Data, seed: int) -> list[dict[str, Any]]:
    """``scam_text`` and ``url_risk`` with their shipped models over every message and link of the world."""
    rows = []
    for name, roles in CONTENT_POSITIVES.items():
        detector = detector_class(name)(seed=seed)
        result = detector.fit(data).score(data)
        scores = dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))
        positives = _labelled(data, sorted(roles)) & scores.keys()
        normals = scores.keys() - _labelled(data, None)
        rows.append(_row(name, "shipped model", detection_figures(scores, positives, normals, 0.5)))
    return rows


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


def _labelled(data: Data, roles: list[str] | None) -> set[str]:
    """Entities holding one of ``roles``, or any label at all when ``roles`` is None."""
    where = "WHERE label IN (SELECT unnest(?))" if roles is not None else ""
    args = [roles] if roles is not None else []
    return {r[0] for r in data.con.execute(f"SELECT DISTINCT entity FROM labels {where}", args).fetchall()}


def _row(name: str, mode: str, figures: dict[str, Any]) -> dict[str, Any]:
    keep = {c: json_figure(figures.get(c)) for c in COLUMNS if c in figures}
    keep.setdefault("recall_at_0.10%_fp", json_figure(figures.get("recall_at_0.1%_fp")))
    return {"detector": name, "mode": mode} | keep | {"goal": GOALS.get(name, "")}


def _timed(seconds: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = fn()
    seconds[name] = time.perf_counter() - started
    return value
