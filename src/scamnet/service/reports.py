"""Finding victim reports in a store: by date, victim, loss and whether they were traced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.store import open_store
from scamnet.store.reports import ReportQuery, report_listing


def list_reports(db: Path, query: ReportQuery) -> list[dict[str, Any]]:
    """The reports of the store at ``db`` matching ``query``, newest first."""
    with open_store(db, read_only=True) as store:
        return report_listing(store, query)
