"""Linking over a store: gangs with their members and links (stored), linked cases (on demand).

Gang discovery never reads ``labels``: it starts from what detectors flagged (``alerts``), the
partners' watchlists (``indicators`` imported from others) and the victims' reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.graph.cases import Case, linked_cases
from scamnet.graph.entity_graph import entity_graph
from scamnet.graph.gang_profiles import gang_tables, member_links
from scamnet.graph.gangs import GangParams, gang_communities
from scamnet.store import Store, open_store
from scamnet.store.alerts import flagged_entities
from scamnet.store.gangs import replace_gangs, report_gangs
from scamnet.store.reports import ReportFacts, report_facts

__all__ = ["case_list", "gang_params", "run_linking"]


def gang_params(settings: Settings, **overrides: Any) -> GangParams:
    return GangParams(resolution=settings.leiden_resolution, seed=settings.seed, **overrides)


def run_linking(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Find gangs over the store's data; replace the ``gangs``, ``gang_members`` and ``gang_links`` rows."""
    data = store.data()
    graph = entity_graph(data, settings.default_region)
    flagged = flagged_entities(store)
    # With nothing flagged yet, grow the reports' items along strong links instead.
    params = gang_params(settings, expand_hops=0 if flagged else 2)
    gangs, members = gang_tables(graph, gang_communities(graph, flagged, params), data, clock.now())
    links = member_links(graph, members)
    replace_gangs(store, gangs, members, links)
    cases = linked_cases(graph)
    return {
        "graph_nodes": graph.node_count, "graph_edges": graph.edge_count, "flagged": len(flagged),
        "gangs": gangs.num_rows, "gang_members": members.num_rows, "gang_links": links.num_rows,
        "gang_loss": float(sum(gangs["total_loss"].to_pylist(), start=0)),
        "cases": len(cases), "linked_reports": sum(len(c.reports) for c in cases),
    }


def case_list(db: Path, settings: Settings, hops: int = 2, hub_degree: int = 200) -> list[dict[str, Any]]:
    """Linked reports of the store at ``db``, largest case first, with the evidence."""
    with open_store(db, read_only=True) as store:
        graph = entity_graph(store.data(), settings.default_region)
        cases = linked_cases(graph, hops=hops, hub_degree=hub_degree)
        facts = report_facts(store)
        in_gang = report_gangs(store)
    return [_case_row(number, case, facts, in_gang) for number, case in enumerate(cases, start=1)]


def case_name(number: int, reports: list[str], in_gang: dict[str, str]) -> str:
    """A case's name: the stored gang's id (``K001``) when ``scamnet run`` put all its reports in that one
    gang, so ``scamnet cases``, ``scamnet gang`` and the report name one group one way; else ``C0001``.

    >>> case_name(1, ["report:R1", "report:R2"], {"report:R1": "K002", "report:R2": "K002"})
    'K002'
    >>> case_name(3, ["report:R1", "report:R9"], {"report:R1": "K002"})
    'C0003'
    """
    gangs = {in_gang.get(r) for r in reports}
    only = gangs.pop() if len(gangs) == 1 else None
    return only or f"C{number:04d}"


def _case_row(number: int, case: Case, facts: dict[str, ReportFacts], in_gang: dict[str, str]) -> dict[str, Any]:
    known = [facts[r] for r in case.reports if r in facts]
    return {
        "case": case_name(number, case.reports, in_gang),
        "gangs": sorted({g for r in case.reports if (g := in_gang.get(r))}),
        "reports": [r.partition(":")[2] for r in case.reports],
        "loss": float(sum((f.loss for f in known if f.loss is not None), start=0)),
        "scam_types": sorted({f.scam_type for f in known}),
        "first_report": min((f.reported_at for f in known), default=None),
        "last_report": max((f.reported_at for f in known), default=None),
        "evidence": [
            {"entity": e.entity, "reports": [r.partition(":")[2] for r in e.reports],
             "how": "named by the victims" if e.named else "linked through strong ties"}
            for e in case.evidence
        ],
    }
