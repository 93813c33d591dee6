"""Gangs as the store holds them: the gangs, their members by role, the links among them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa

from scamnet.core.errors import NotFoundError
from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import records, replace_rows

GANGS, GANG_MEMBERS, GANG_LINKS = table("gangs"), table("gang_members"), table("gang_links")


@dataclass(frozen=True)
class GangMember:
    gang_id: str
    entity: str
    role: str
    centrality: float


@dataclass(frozen=True)
class GangLink:
    """A link of the entity graph with both ends in one gang."""

    gang_id: str
    src: str
    dst: str
    type: str
    count: int
    first_seen: datetime | None
    last_seen: datetime | None


def gangs(store: Store) -> list[dict[str, Any]]:
    """Every ``gangs`` row, largest loss first."""
    return records(store, "gangs", order="total_loss DESC, gang_id")


def gang(store: Store, gang_id: str) -> dict[str, Any]:
    """The ``gangs`` row of ``gang_id``; ``NotFoundError`` naming some known gangs when absent."""
    found = records(store, "gangs", "gang_id = ?", [gang_id])
    if not found:
        known = [r[0] for r in store.con.execute("SELECT gang_id FROM gangs ORDER BY gang_id LIMIT 10").fetchall()]
        raise NotFoundError(
            f"no gang {gang_id!r} in {store.path}",
            hint=f"known gangs: {', '.join(known)}" if known else "run scamnet run first: it finds the gangs",
        )
    return found[0]


def gang_members(store: Store, gang_id: str | None = None) -> list[GangMember]:
    """Members (of ``gang_id``, or of every gang), by gang, most central first."""
    where, params = ("WHERE gang_id = ?", [gang_id]) if gang_id else ("", [])
    rows = store.con.execute(
        f"SELECT gang_id, entity, role, centrality FROM gang_members {where} ORDER BY gang_id, centrality DESC, entity",
        params,
    ).fetchall()
    return [GangMember(*r) for r in rows]


def gang_links(store: Store, gang_id: str | None = None) -> list[GangLink]:
    """Links among the members (of ``gang_id``, or of every gang), by gang, strongest first."""
    where, params = ("WHERE gang_id = ?", [gang_id]) if gang_id else ("", [])
    rows = store.con.execute(
        f"SELECT gang_id, src, dst, type, count, first_seen, last_seen FROM gang_links {where} "
        "ORDER BY gang_id, count DESC, type, src, dst",
        params,
    ).fetchall()
    return [GangLink(*r) for r in rows]


def gang_totals(store: Store) -> tuple[int, Decimal]:
    """How many gangs, and their reported loss together."""
    count, loss = store.con.execute("SELECT count(*), coalesce(sum(total_loss), 0) FROM gangs").fetchall()[0]
    return count, Decimal(loss)


def replace_gangs(store: Store, gangs_rows: pa.Table, members: pa.Table, links: pa.Table) -> None:
    """Replace every gang, member and link in one transaction."""
    with store.transaction() as con:
        for spec, rows in ((GANGS, gangs_rows), (GANG_MEMBERS, members), (GANG_LINKS, links)):
            replace_rows(con, spec, rows)


def report_gangs(store: Store) -> dict[str, str]:
    """The gang of each report entity (``report:R1``) a gang holds as a member."""
    return dict(store.con.execute(
        "SELECT entity, min(gang_id) FROM gang_members WHERE starts_with(entity, 'report:') GROUP BY entity").fetchall())
