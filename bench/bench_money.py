"""Money benchmarks: mule detection on AMLSim beside IBM's GraphFeaturePreprocessor, and speed.

    .venv/bin/python bench/bench_money.py amlsim [--data ../shared/datasets/amlsim-sample]
    .venv/bin/python bench/bench_money.py speed [--transfers 10000000] [--traces 200] [--adversarial] [--trace-only] [--no-materiality]
    .venv/bin/python bench/bench_money.py world DIR [DIR ...]

``amlsim``: scamnet's features (unsupervised, and with LightGBM) and snapml's
GraphFeaturePreprocessor (GFP) edge features aggregated per account with the same LightGBM, on the
same 60/20/20 temporal split; minority F1 and transactions per second of feature extraction.
snapml is a comparison only (its licence keeps it out of scamnet): ``pip install snapml``.

``speed``: a synthetic history of N transfers with planted mule chains; the one-off tracing
index build, the p50 of single traces, and mule features + scoring over the whole history.
``--adversarial``: the mules are among the busiest everyday accounts (they pay shops and contacts
all along) and hold the money for hours (log-normal, median 15 h, at most 36 h) before passing it
on; traces run under every policy at the shipped materiality (``freeze_min_amount``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.cli.output import console, print_rows
from scamnet.core.enums import TracePolicy
from scamnet.core.settings import Settings
from scamnet.detect.evidence_detector import lightgbm_classifier
from scamnet.detect.money import MuleDetector
from scamnet.detect.money.mule import PREFIX
from scamnet.evaluate.amlsim import DEFAULT_AMLSIM, amlsim_graph, bench_amlsim
from scamnet.evaluate.metrics import best_f1_threshold
from scamnet.evaluate.money import bench_money, mule_figures
from scamnet.features.data import Data
from scamnet.features.money import mule_features
from scamnet.graph.trace import TraceLimits, trace_funds, transfer_index

GRAPHS = ("20K_cycle200", "20K_fanin200")
GFP_WINDOW = 10  # time steps (days) the GFP patterns look back


def gfp_params(threads: int = 2) -> dict:
    bins, tw = [2, 3], GFP_WINDOW
    params = {"num_threads": threads, "time_window": tw, "vertex_stats": True, "vertex_stats_cols": [4],
              "vertex_stats_feats": [0, 1, 2, 3, 4, 8, 9, 10]}
    for pattern in ("fan", "degree", "scatter-gather", "temp-cycle", "lc-cycle"):
        params |= {pattern: True, f"{pattern}_tw": tw, f"{pattern}_bins": bins}
    return params | {"lc-cycle_len": 10}


def gfp_account_features(part: Data) -> tuple[pa.Table, float, int]:
    """GFP edge features of one part, averaged and maxed per account as payer and as payee."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from snapml import GraphFeaturePreprocessor
    cols = part.con.sql(
        "SELECT CAST(substr(src_account, 2) AS BIGINT) AS s, CAST(substr(dst_account, 2) AS BIGINT) AS d, "
        f"epoch(ts) / 86400 AS t, amount::DOUBLE AS a FROM transfers WHERE {part.time_filter('ts')} ORDER BY ts"
    ).fetchnumpy()
    edges = np.column_stack([np.arange(len(cols["s"])), cols["s"], cols["d"], cols["t"], cols["a"]]).astype(float)
    gfp = GraphFeaturePreprocessor()
    gfp.set_params(gfp_params())
    started = time.perf_counter()
    out = gfp.fit_transform(edges)
    seconds = time.perf_counter() - started
    return _per_account(out), seconds, len(edges)


def _per_account(out: np.ndarray) -> pa.Table:
    names = [f"f{i}" for i in range(4, out.shape[1])]
    edges = pa.table({"s": out[:, 1].astype(np.int64), "d": out[:, 2].astype(np.int64),
                      **{n: out[:, i] for n, i in zip(names, range(4, out.shape[1]), strict=True)}})
    con = duckdb.connect()
    con.register("e", edges)
    aggs = ", ".join(f"avg({n}) AS {n}_avg, max({n}) AS {n}_max" for n in names)
    sql = (f"SELECT 'A' || k AS account_id, {', '.join(f'{n}_avg, {n}_max' for n in names)} FROM "
           f"(SELECT s AS k, {aggs} FROM e GROUP BY s) FULL JOIN (SELECT d AS k, {aggs.replace(' AS ', ' AS in_')} "
           "FROM e GROUP BY d) USING (k) ORDER BY k")
    return con.sql(sql).to_arrow_table()


def gfp_rows(folder: Path, seed: int = 0) -> dict:
    graph = amlsim_graph(folder)
    parts = [gfp_account_features(p) for p in graph.parts]
    matrices = [(t["account_id"].to_pylist(), np.column_stack([t[c].to_numpy(zero_copy_only=False).astype(float)
                 for c in t.column_names[1:]])) for t, _, _ in parts]
    train_ids, train_x = matrices[0]
    model = lightgbm_classifier(seed).fit(train_x, np.array([PREFIX + a in graph.fraud for a in train_ids], int))
    split = []
    for ids, x in matrices[1:]:
        scores, fraud = model.predict_proba(x)[:, 1], np.array([PREFIX + a in graph.fraud for a in ids])
        split.append((scores[fraud], scores[~fraud]))
    threshold = best_f1_threshold(*split[0])
    seconds, edges = sum(p[1] for p in parts), sum(p[2] for p in parts)
    return {"graph": graph.name, "method": "snapml GFP features + lightgbm", "threshold": threshold,
            **mule_figures(*split[1], threshold).to_json(), "feature_s": seconds, "transfers_per_s": edges / seconds}


def amlsim(args: argparse.Namespace) -> dict:
    rows = []
    for name in GRAPHS:
        ours = bench_amlsim(args.data / name).to_json()
        rows += [r | {"transfers_per_s": ours["transfers_per_s"]} for r in ours["rows"]]
        try:
            rows.append(gfp_rows(args.data / name))
        except ImportError:
            print("snapml is not installed: GFP comparison left out", file=sys.stderr)
    print_rows("AMLSim, temporal 60/20/20, fraud accounts of the last 20 %", rows,
               ["graph", "method", "mules", "normals", "precision", "recall", "f1", "recall_at_0.1%_fp",
                "feature_s", "transfers_per_s"])
    return {"amlsim": rows}


def synthetic_history(n: int, accounts: int, chains: int, seed: int = 0,
                      adversarial: bool = False) -> tuple[pa.Table, np.ndarray]:
    """``n`` random transfers among ``accounts`` over 30 days, with ``chains`` planted mule chains.

    Payers are drawn by a log-normal activity; 30 % of payments go to merchants (1 % of accounts).

    Returns the table and the row numbers (in the table) of the chains' victim payments.
    """
    rng = np.random.default_rng(seed)
    start = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp() * 1e6)
    span = 30 * 86_400 * 1_000_000
    ts = rng.integers(start, start + span, n)
    activity = rng.lognormal(0, 1, accounts)
    activity /= activity.sum()
    src = rng.choice(accounts, n, p=activity)
    shops = max(accounts // 100, 1)  # one account in a hundred is a merchant: 30 % of payments go to one
    dst = np.where(rng.random(n) < 0.3, rng.integers(0, shops, n), rng.choice(accounts, n, p=activity))
    cents = rng.lognormal(9, 1.2, n).astype(np.int64) + 100
    channel = np.where(rng.random(n) < 0.03, "atm", "mobile").astype(object)
    first = n - 5 * chains  # the chains overwrite the last rows: victim -> L1 -> L2 -> L3 -> cash-out
    hop_gap = (36 if adversarial else 0.5) * 3600 * 1_000_000
    victim_ts = rng.integers(start, start + span - 6 * hop_gap, chains)
    busiest = np.argsort(activity)[-max(accounts // 10, 4):]  # rented everyday accounts: among the busiest
    mules = rng.choice(busiest, (chains, 4)) if adversarial else rng.choice(accounts, (chains, 4), replace=True)
    gaps = (np.minimum(rng.lognormal(np.log(15 * 3600e6), 0.8, (chains, 5)), hop_gap) if adversarial
            else np.full((chains, 5), hop_gap)).astype(np.int64)
    gaps[:, 0] = 0
    amount = rng.integers(500_000, 5_000_000, chains)
    for hop in range(5):
        rows = first + hop * chains + np.arange(chains)
        ts[rows] = victim_ts + gaps[:, : hop + 1].sum(axis=1)
        src[rows] = rng.integers(0, accounts, chains) if hop == 0 else mules[:, hop - 1]
        dst[rows] = mules[:, hop] if hop < 4 else -1
        cents[rows] = (amount * 0.99 ** hop).astype(np.int64)
        channel[rows] = "atm" if hop == 4 else "mobile"
    ids = pc.cast(pa.array(np.arange(n)), pa.string())
    names = pc.cast(pa.array(np.arange(accounts)), pa.string())
    table = pa.table({
        "txn_id": ids, "ts": pa.array(ts, pa.timestamp("us", "UTC")), "src_account": names.take(pa.array(src)),
        "dst_account": pc.if_else(pa.array(dst >= 0), names.take(pa.array(np.maximum(dst, 0))), pa.nulls(n, pa.string())),
        "amount": _money(cents),
        "currency": pa.array(["CNY"]).take(pa.array(np.zeros(n, np.int64))),
        "channel": pa.array(channel, pa.string()),
    })
    return table, first + np.arange(chains)


def _row_of(index, txn_id: str, at_us: int) -> int:
    lo, hi = np.searchsorted(index.ts, [at_us, at_us + 1])
    return next(r for r in range(int(lo), int(hi)) if index.txn_ids[r] == txn_id)


def _money(cents: np.ndarray) -> pa.Array:
    cents_table = pa.table({"c": cents})  # noqa: F841 (read by the query below)
    return duckdb.sql("SELECT CAST(c / 100 AS DECIMAL(18, 2)) AS a FROM cents_table").to_arrow_table()["a"]


def speed(args: argparse.Namespace) -> dict:
    n = args.transfers
    started = time.perf_counter()
    history, victims = synthetic_history(n, max(n // 10, 1000), args.traces, adversarial=args.adversarial)
    made = time.perf_counter() - started
    started = time.perf_counter()
    index = transfer_index(history)
    built = time.perf_counter() - started
    ts = history["ts"].cast(pa.int64()).to_numpy()
    rows = [_row_of(index, str(victim), int(ts[victim])) for victim in victims]
    figures = {"transfers": n, "adversarial": args.adversarial, "history_s": made, "index_build_s": built}
    material = 0 if args.no_materiality else round(100 * Settings().freeze_min_amount)
    limits = TraceLimits(material_cents=material) if args.adversarial else TraceLimits()
    for policy in (TracePolicy if args.adversarial else [TracePolicy.FIFO]):
        times, reached = [], []
        for row in rows:
            begun = time.perf_counter()
            found = trace_funds(index, [row], policy, limits)
            times.append(time.perf_counter() - begun)
            reached.append(len(found.hops))
        name = "" if policy is TracePolicy.FIFO else f"_{policy.value}"
        figures |= {f"trace_ms_p50{name}": 1000 * float(np.median(times)),
                    f"trace_ms_p95{name}": 1000 * float(np.percentile(times, 95)),
                    f"accounts_reached_p95{name}": float(np.percentile(reached, 95))}
    del index
    if not args.trace_only:
        figures |= mule_speed(history, args.seed)
    print_rows(f"money speed over {n:,} transfers", [{"figure": k, "value": v} for k, v in figures.items()])
    return {"speed": figures}


def mule_speed(history: pa.Table, seed: int) -> dict:
    data = Data.from_tables(transfers=history)
    data.con.execute("SET memory_limit = '3GB'")
    started, cpu = time.perf_counter(), time.process_time()
    features = mule_features(data)
    featured = time.perf_counter()
    detector = MuleDetector(seed=seed).fit_features(features)
    scores = detector.score_features(features)
    scored = time.perf_counter()
    # CPU seconds too: on a machine shared with other jobs the wall clock says more about them
    return {"accounts_scored": scores.num_rows, "mule_features_s": featured - started,
            "mule_scoring_s": scored - featured, "mule_total_s": scored - started,
            "mule_total_cpu_s": time.process_time() - cpu, "load_average_1min": os.getloadavg()[0]}


def world(args: argparse.Namespace) -> dict:
    results = [bench_money(folder).to_json() for folder in args.dirs]
    for r in results:
        print_rows(f"mules on {r['world']}", r["mule_rows"])
        print_rows(f"tracing on {r['world']}", r["trace_rows"])
    return {"worlds": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--seed", type=int, default=0)
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("amlsim").add_argument("--data", type=Path, default=DEFAULT_AMLSIM)
    fast = sub.add_parser("speed")
    fast.add_argument("--transfers", type=int, default=10_000_000)
    fast.add_argument("--traces", type=int, default=200)
    fast.add_argument("--adversarial", action="store_true", help="busy everyday mules holding money for hours")
    fast.add_argument("--trace-only", action="store_true", help="skip the mule features and scoring")
    fast.add_argument("--no-materiality", action="store_true", help="follow every amount (freeze_min_amount 0)")
    sub.add_parser("world").add_argument("dirs", type=Path, nargs="+")
    args = parser.parse_args()
    console.width = max(console.width, 160)  # figures tables are wide; never wrap them into unreadable cells
    result = {"amlsim": amlsim, "speed": speed, "world": world}[args.what](args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
