"""Linking over a store: gangs (stored), linked cases and gang dossiers (computed on demand).

Gang discovery never reads ``labels``: it starts from what detectors flagged (``alerts``), the
partners' watchlists (``indicators`` imported from others) and the victims' reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.graph.cases import Case, linked_cases
from scamnet.graph.entity_graph import EntityGraph, entity_graph
from scamnet.graph.gang_profiles import GANG_MEMBERS, GANGS, gang_tables
from scamnet.graph.gangs import GangParams, gang_communities
from scamnet.store import Store, open_store
from scamnet.store.repo import replace_rows

__all__ = ["case_list", "flagged_entities", "gang_params", "run_linking"]

_FLAGGED_SQL = """
SELECT DISTINCT entity FROM alerts
UNION SELECT DISTINCT kind || ':' || value FROM indicators WHERE NOT hashed AND source <> 'own'
"""


def gang_params(settings: Settings, **overrides: Any) -> GangParams:
    return GangParams(resolution=settings.leiden_resolution, seed=settings.seed, **overrides)


def flagged_entities(store: Store) -> list[str]:
    """Entities flagged by a detector or on an imported partner watchlist."""
    return sorted(r[0] for r in store.con.execute(_FLAGGED_SQL).fetchall())


def run_linking(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Find gangs over the store's data and replace the ``gangs`` and ``gang_members`` rows."""
    data = Data(store.con)
    graph = entity_graph(data, settings.default_region)
    flagged = flagged_entities(store)
    # With nothing flagged yet, grow the reports' items along strong links instead.
    params = gang_params(settings, expand_hops=0 if flagged else 2)
    gangs, members = gang_tables(graph, gang_communities(graph, flagged, params), data, clock.now())
    with store.transaction() as con:
        replace_rows(con, GANGS, gangs)
        replace_rows(con, GANG_MEMBERS, members)
    cases = linked_cases(graph)
    return {
        "graph_nodes": graph.node_count, "graph_edges": graph.edge_count, "flagged": len(flagged),
        "gangs": gangs.num_rows, "gang_members": members.num_rows,
        "gang_loss": float(sum(gangs["total_loss"].to_pylist(), start=0)),
        "cases": len(cases), "linked_reports": sum(len(c.reports) for c in cases),
    }


def store_graph(store: Store, settings: Settings) -> EntityGraph:
    return entity_graph(Data(store.con), settings.default_region)


def case_list(db: Path, settings: Settings, hops: int = 2, hub_degree: int = 200) -> list[dict[str, Any]]:
    """Linked reports of the store at ``db``, largest case first, with the evidence."""
    with open_store(db, read_only=True) as store:
        cases = linked_cases(store_graph(store, settings), hops=hops, hub_degree=hub_degree)
        facts = _report_facts(store)
    return [_case_row(number, case, facts) for number, case in enumerate(cases, start=1)]


def _report_facts(store: Store) -> dict[str, tuple]:
    rows = store.con.execute("SELECT 'report:' || report_id, scam_type, loss_amount, reported_at FROM reports").fetchall()
    return {r[0]: r[1:] for r in rows}


def _case_row(number: int, case: Case, facts: dict[str, tuple]) -> dict[str, Any]:
    known = [facts[r] for r in case.reports if r in facts]
    return {
        "case": f"C{number:04d}",
        "reports": [r.partition(":")[2] for r in case.reports],
        "loss": float(sum((f[1] for f in known if f[1] is not None), start=0)),
        "scam_types": sorted({f[0] for f in known}),
        "first_report": min((f[2] for f in known), default=None),
        "last_report": max((f[2] for f in known), default=None),
        "evidence": [
            {"entity": e.entity, "reports": [r.partition(":")[2] for r in e.reports],
             "how": "named by the victims" if e.named else "linked through strong ties"}
            for e in case.evidence
        ],
    }
