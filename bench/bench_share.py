"""STIX export speed: ``scamnet share export`` of N flagged entities (issue 19: 10,000 indicators in ≤ 10 s).

    .venv/bin/python bench/bench_share.py [--indicators 10000] [--repeat 3]

Builds a store whose alerts flag N entities (phones, accounts, links, domains, wallets; a third of
them in 100 gangs, each phone and account with calls or transfers for its first and last seen),
then times the CLI command end to end (process start included) and prints the medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from scamnet.schema import table
from scamnet.store import open_store
from scamnet.store.repo import append_rows

T0 = datetime(2026, 3, 1, tzinfo=UTC)
KINDS = ("phone", "account", "url", "domain", "wallet")


def _value(kind: str, i: int) -> str:
    return {"phone": f"+86138{i:08d}", "account": f"62170000{i:08d}", "url": f"https://safe-{i}.top/login",
            "domain": f"safe-{i}.top", "wallet": f"0x{i:040x}"}[kind]


def build_store(path: Path, n: int) -> None:
    entities = [f"{KINDS[i % 5]}:{_value(KINDS[i % 5], i)}" for i in range(n)]
    alerts = [{"entity": e, "detector": "bench", "score": 0.5 + (i % 50) / 100, "tier": "high", "reasons": ["bench"],
               "status": "open", "created_at": T0, "scam_type": "phishing"} for i, e in enumerate(entities)]
    members = [{"gang_id": f"K{i % 100:03d}", "entity": e, "role": "member", "centrality": 0.1}
               for i, e in enumerate(entities) if i % 3 == 0]
    gangs = [{"gang_id": f"K{g:03d}", "created_at": T0, "members": 1, "reports": 0, "total_loss": Decimal("0.00"),
              "first_seen": T0, "last_seen": T0, "scam_types": ["phishing"], "summary": None} for g in range(100)]
    calls = [{"call_id": f"c{i}", "caller": _value("phone", i), "callee": "+8613900000000",
              "started_at": T0 + timedelta(minutes=i), "duration_s": 30, "answered": True} for i in range(0, n, 5)]
    rows = {"alerts": alerts, "gang_members": members, "gangs": gangs, "calls": calls}
    with open_store(path) as store, store.transaction() as con:
        for name, data in rows.items():
            spec = table(name)
            full = [{f.name: r.get(f.name) for f in spec.schema} for r in data]
            append_rows(con, spec, pa.Table.from_pylist(full, schema=spec.schema))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "share.db"
        build_store(db, args.indicators)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "scamnet", "share", "export", "--db", str(db), "--out",
                            str(Path(tmp) / "out.json")], check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        size = (Path(tmp) / "out.json").stat().st_size
    print(f"share export of {args.indicators:,} indicators: median {statistics.median(times):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in times)}), bundle {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
