"""Entity-graph build time on a synthetic world of graph size: 1 M people by default.

The simulator's 1 M-person month is too big for this machine, so this writes tables with the
baseline world's per-person event rates (2.3 calls, 1.7 messages, 0.5 transfers and 0.55 logins
a day, as Parquet like ``scamnet simulate`` writes) and times what ``scamnet run`` does with
them: the links in DuckDB and their node numbers (``graph_s``: what gang discovery and case
linking start from), the whole graph as one igraph object (``whole_igraph_s``, built only when
asked), then gang discovery (20,000 flagged entities) and case linking.

    nice .venv/bin/python bench/bench_graph.py --people 1000000 --days 2 [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scamnet.features.data import Data
from scamnet.graph.cases import linked_cases
from scamnet.graph.edges import entity_edges
from scamnet.graph.entity_graph import build_entity_graph
from scamnet.graph.gangs import GangParams, gang_communities
from scamnet.schema import table

RATES = {"calls": 2.3, "messages": 1.7, "transfers": 0.5, "sessions": 0.55}
START_US = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp() * 1_000_000)


def _ids(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pa.array(numbers).cast(pa.string()), "")


def _phones(people: np.ndarray) -> pa.Array:
    return _ids("+86", 13_000_000_000 + people)


def _times(rng: np.random.Generator, n: int, days: int) -> pa.Array:
    offsets = rng.integers(0, days * 86_400_000_000, n)
    return pa.array(START_US + np.sort(offsets), pa.timestamp("us", tz="UTC"))


def _write(out: Path, name: str, columns: dict[str, pa.Array]) -> None:
    spec = table(name)
    n = len(next(iter(columns.values())))
    arrays = [columns.get(f.name, pa.nulls(n, f.type)) for f in spec.fields]
    pq.write_table(pa.Table.from_arrays(arrays, schema=spec.schema), out / f"{name}.parquet")


def write_world(out: Path, people: int, days: int, seed: int) -> dict[str, int]:
    """Synthetic tables of graph size; returns their row counts."""
    rng = np.random.default_rng(seed)
    person = np.arange(people)
    rows = {name: int(rate * people * days) for name, rate in RATES.items()}
    _write(out, "subscribers", {"msisdn": _phones(person), "imsi": _ids("4600", person), "holder_id": _ids("p", person),
                                "activated_at": _times(rng, people, 1), "plan": pa.array(["prepaid"] * people),
                                "region": pa.array(["SH"] * people)})
    _write(out, "accounts", {"account_id": _ids("A", person), "bank": pa.array(["B1"] * people),
                             "holder_id": _ids("p", person), "holder_type": pa.array(["person"] * people),
                             "opened_at": _times(rng, people, 1), "region": pa.array(["SH"] * people)})
    a, b = rng.integers(0, people, rows["calls"]), rng.integers(0, people, rows["calls"])
    _write(out, "calls", {"call_id": _ids("c", np.arange(rows["calls"])), "started_at": _times(rng, rows["calls"], days),
                          "duration_s": pa.array(rng.integers(0, 600, rows["calls"]), pa.int32()),
                          "caller": _phones(a), "callee": _phones(b), "caller_imsi": _ids("4600", a),
                          "caller_imei": _ids("86", a), "answered": pa.array(rng.random(rows["calls"]) < 0.7)})
    a, b = rng.integers(0, people, rows["messages"]), rng.integers(0, people, rows["messages"])
    texts = np.where(rng.random(rows["messages"]) < 0.02, "点击 https://x.example.top/a 领取", "晚上一起吃饭吗")
    _write(out, "messages", {"msg_id": _ids("m", np.arange(rows["messages"])), "sent_at": _times(rng, rows["messages"], days),
                             "sender": _phones(a), "recipient": _phones(b), "channel": pa.array(["sms"] * rows["messages"]),
                             "text": pa.array(texts), "sender_imsi": _ids("4600", a), "sender_imei": _ids("86", a)})
    a, b = rng.integers(0, people, rows["transfers"]), rng.integers(0, people, rows["transfers"])
    _write(out, "transfers", {"txn_id": _ids("t", np.arange(rows["transfers"])), "ts": _times(rng, rows["transfers"], days),
                              "src_account": _ids("A", a), "dst_account": _ids("A", b),
                              "amount": pa.array(rng.integers(1, 5000, rows["transfers"]), pa.int32()).cast(pa.decimal128(18, 2)),
                              "currency": pa.array(["CNY"] * rows["transfers"]), "channel": pa.array(["mobile"] * rows["transfers"]),
                              "src_device": _ids("d", a), "src_ip": _ids("10.0.", a % 65536)})
    a = rng.integers(0, people, rows["sessions"])
    _write(out, "sessions", {"account_id": _ids("A", a), "ts": _times(rng, rows["sessions"], days),
                             "device_id": _ids("d", a), "ip": _ids("10.0.", a % 65536)})
    reports = max(people // 500, 1)
    named = rng.integers(0, people, reports)
    _write(out, "reports", {"report_id": _ids("R", np.arange(reports)), "reported_at": _times(rng, reports, days),
                            "scam_type": pa.array(["phishing"] * reports),
                            "loss_amount": pa.array(np.full(reports, 1000), pa.int32()).cast(pa.decimal128(18, 2)),
                            "currency": pa.array(["CNY"] * reports)})
    _write(out, "report_items", {"report_id": _ids("R", np.arange(reports)), "kind": pa.array(["phone"] * reports),
                                 "value": pc.utf8_slice_codeunits(_phones(named), 3)})
    return rows | {"persons": people, "reports": reports}


def _timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - started, 1)


def measure(world: Path) -> dict[str, float]:
    """Seconds of each step: links (DuckDB), node numbering, whole igraph, gangs, cases."""
    data = Data.from_dir(world)
    edges, links_s = _timed(lambda: entity_edges(data))
    graph, index_s = _timed(lambda: build_entity_graph(edges))
    _, igraph_s = _timed(lambda: graph.graph)
    flagged = graph.names.slice(0, 20_000).to_pylist()
    _, gangs_s = _timed(lambda: gang_communities(graph, flagged, GangParams()))
    _, cases_s = _timed(lambda: linked_cases(graph))
    return {"nodes": graph.node_count, "edges": graph.edge_count, "links_s": links_s, "numbering_s": index_s,
            "graph_s": round(links_s + index_s, 1), "whole_igraph_s": igraph_s, "gangs_s": gangs_s, "cases_s": cases_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        rows = write_world(Path(folder), args.people, args.days, args.seed)
        print(f"wrote {', '.join(f'{k} {v:,}' for k, v in rows.items())} in {time.perf_counter() - started:.0f} s")
        figures = {"people": args.people, "days": args.days, "rows": rows, **measure(Path(folder))}
    for key, value in figures.items():
        print(f"{key:>8}: {value:,}" if isinstance(value, int | float) else f"{key:>8}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
