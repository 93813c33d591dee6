"""Every JSON key a bench writes is documented in docs/benchmarks.md, and every documented key is written."""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

import scamnet.evaluate
from scamnet.evaluate.amlsim import AmlsimBench, AmlsimRow
from scamnet.evaluate.crypto import CryptoBench, RoleRow, WalletRow
from scamnet.evaluate.crypto_real import RealRow
from scamnet.evaluate.gangs import GangBench, GangRecovery
from scamnet.evaluate.ingest import IngestBench, IngestFormat
from scamnet.evaluate.intercept import InterceptBench, InterceptRow
from scamnet.evaluate.metrics import Detection
from scamnet.evaluate.money import MoneyBench, MuleRow
from scamnet.evaluate.results import Result, flatten, key
from scamnet.evaluate.seeds import SeedsBench, Spread
from scamnet.evaluate.serve import ServeBench
from scamnet.evaluate.simulate import SimulateBench
from scamnet.evaluate.suite import SuiteBench, SuiteRow
from scamnet.evaluate.telecom import TelecomBench, TelecomRow
from scamnet.evaluate.text import ReliabilityBin, TextBench, TextRow, TextSpeedRow
from scamnet.evaluate.text_loso import LosoRow
from scamnet.evaluate.tracing import TraceRow
from scamnet.evaluate.urls import UrlBench, UrlRow, UrlSourceRow

DOCS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
DOCUMENTED = [TelecomBench, TelecomRow, MoneyBench, MuleRow, TraceRow, AmlsimBench, AmlsimRow, GangBench,
              TextBench, TextRow, TextSpeedRow, LosoRow, ReliabilityBin, UrlBench, UrlRow, UrlSourceRow, SuiteBench, SuiteRow, IngestBench, IngestFormat,
              SimulateBench, ServeBench, InterceptBench, InterceptRow, SeedsBench, Spread,
              CryptoBench, WalletRow, RoleRow, RealRow]
HEADING = re.compile(r"^### .*`(\w+)`$")
KEY_ROW = re.compile(r"^\| `([^`]+)` \|")


def documented_keys() -> dict[str, list[str]]:
    """``result class name → keys`` from each ``### ... `Name``` section's table."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if heading := HEADING.match(line):
            current = heading.group(1)
            tables[current] = []
        elif current and (row := KEY_ROW.match(line)):
            tables[current].append(row.group(1))
        elif line.startswith("## "):
            current = None
    return tables


@pytest.mark.parametrize("result", DOCUMENTED, ids=lambda r: r.__name__)
def test_the_keys_a_bench_writes_are_exactly_the_documented_ones(result: type[Result]) -> None:
    assert documented_keys().get(result.__name__) == result.json_keys()


def test_every_bench_result_is_documented_or_written_inside_one() -> None:
    for info in pkgutil.iter_modules(scamnet.evaluate.__path__, "scamnet.evaluate."):
        importlib.import_module(info.name)
    flattened = {f.metadata["flatten"] for r in _subclasses(Result) for f in fields(r) if "flatten" in f.metadata}
    assert {r for r in _subclasses(Result) if r.__module__.startswith("scamnet.evaluate")} - flattened <= set(DOCUMENTED)
    assert Detection in flattened and GangRecovery in flattened


def test_to_json_writes_the_listed_keys_in_order_with_nan_as_null() -> None:
    @dataclass(frozen=True)
    class Inner(Result):
        recall: float

    @dataclass(frozen=True)
    class Outer(Result):
        name: str
        inner: Inner = flatten(Inner)
        budget_recall: float = key("recall_at_0.1%_fp")
        rows: list[Inner] = key("rows")

    written = Outer("goip", Inner(math.nan), 1.0, [Inner(0.5)]).to_json()
    assert written == {"name": "goip", "recall": None, "recall_at_0.1%_fp": 1.0, "rows": [{"recall": 0.5}]}
    assert list(written) == Outer.json_keys()


def _subclasses(kind: type) -> set[type]:
    found = set(kind.__subclasses__())
    return found | {s for sub in found for s in _subclasses(sub)}
