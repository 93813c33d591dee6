"""What the analyst console reads that no other part of the store answers: one entity's events, links and reports,
prefix search, the store's time range and the overview's totals.

Every query is bounded (``LIMIT``) or aggregates one small table (alerts, gangs, traces, freeze requests), so a
page costs the same on a store of a thousand people and of a million.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from scamnet.store.db import Store
from scamnet.store.timeline import EVENTS, Event, indexed_events, newest_first, table_events


def newest_event_times(store: Store) -> dict[str, datetime | None]:
    """The newest event time of each event table (calls, messages, transfers, sessions)."""
    row = store.con.execute("SELECT (SELECT max(started_at) FROM calls), (SELECT max(sent_at) FROM messages), "
                            "(SELECT max(ts) FROM transfers), (SELECT max(ts) FROM sessions)").fetchall()[0]
    return dict(zip(("calls", "messages", "transfers", "sessions"), row, strict=True))


#: Days back from a table's newest event that an entity's timeline looks first; ``None``: every event.
TIMELINE_WINDOWS: tuple[int | None, ...] = (1, 7, None)


def entity_events(store: Store, entity: str, limit: int = 100,
                  newest: dict[str, datetime | None] | None = None) -> list[Event]:
    """The newest ``limit`` events (calls, messages, transfers, logins) that name ``entity``, newest first.

    Read from the index ``scamnet run`` keeps (``store.timeline``) while it covers the event tables; otherwise
    from the tables. There, with ``newest`` (each table's newest event time, or an earlier one) the tables are
    read back from their newest day, then week, then whole, until the window holds ``limit`` events: the tables
    are kept in time order, so a short window reads only its own row groups."""
    indexed = indexed_events(store, entity, limit)
    if indexed is not None:
        return indexed
    return table_timeline(store, entity, limit, newest)


def table_timeline(store: Store, entity: str, limit: int = 100,
                   newest: dict[str, datetime | None] | None = None) -> list[Event]:
    """``entity_events`` read from the event tables alone (no index)."""
    windows = TIMELINE_WINDOWS if newest else (None,)
    found: list[Event] = []
    for days in windows:
        found = [event for source in EVENTS.get(entity.partition(":")[0], [])
                 for event in table_events(store, entity, limit, source, _cutoff(newest, source[0], days))]
        if len(found) >= limit:
            break
    return newest_first(found, limit)


def _cutoff(newest: dict[str, datetime | None] | None, table: str, days: int | None) -> datetime | None:
    last = (newest or {}).get(table)
    return None if days is None or last is None else last - timedelta(days=days)


def messages_naming(store: Store, text: str, limit: int = 50) -> list[Event]:
    """Messages whose text holds ``text`` (a domain or a link): the first ``limit`` found."""
    rows = store.con.execute(
        "SELECT sent_at, msg_id, sender || ' → ' || recipient || ': ' || text, sender, recipient FROM messages "
        "WHERE contains(text, ?) LIMIT ?", [text, limit]).fetchall()
    return sorted((Event("message", t, i, s or "", (f"phone:{a}", f"phone:{b}")) for t, i, s, a, b in rows),
                  key=lambda e: e.ts, reverse=True)


def reports_naming(store: Store, entity: str, limit: int = 50) -> list[dict[str, Any]]:
    """Victim reports that name ``entity``: as an item the victim gave, or as the victim's own number or account."""
    kind, _, value = entity.partition(":")
    rows = store.con.execute(
        "SELECT report_id, reported_at, scam_type, loss_amount, currency, 'victim' AS how FROM reports "
        "WHERE (? = 'phone' AND victim_msisdn = ?) OR (? = 'account' AND victim_account = ?) "
        "   OR (? = 'person' AND victim_person = ?) "
        "UNION ALL "
        "SELECT r.report_id, r.reported_at, r.scam_type, r.loss_amount, r.currency, 'named by the victim' "
        "FROM report_items i JOIN reports r USING (report_id) "
        "WHERE i.kind = ? AND (i.value = ? OR replace(i.value, ' ', '') = ?) "
        "ORDER BY 2 DESC LIMIT ?",
        [kind, value, kind, value, kind, value, kind, value, value, limit]).fetchall()
    names = ("report_id", "reported_at", "scam_type", "loss_amount", "currency", "how")
    return [dict(zip(names, r, strict=True)) for r in rows]


def gangs_of(store: Store, entity: str) -> list[dict[str, Any]]:
    """The gangs ``entity`` is a member of, with its role and rank (1 = most central)."""
    rows = store.con.execute(
        "SELECT m.gang_id, m.role, m.centrality, g.members, g.total_loss, "
        "  (SELECT count(*) FROM gang_members o WHERE o.gang_id = m.gang_id AND o.centrality > m.centrality) + 1 "
        "FROM gang_members m JOIN gangs g USING (gang_id) WHERE m.entity = ? ORDER BY m.gang_id", [entity]).fetchall()
    names = ("gang_id", "role", "centrality", "members", "total_loss", "rank")
    return [dict(zip(names, r, strict=True)) for r in rows]


def linked_entities(store: Store, entity: str, limit: int = 40) -> list[dict[str, Any]]:
    """Entities the stored gang links tie to ``entity``, strongest first."""
    rows = store.con.execute(
        "SELECT CASE WHEN src = ? THEN dst ELSE src END, type, sum(count) FROM gang_links "
        "WHERE src = ? OR dst = ? GROUP BY ALL ORDER BY 3 DESC, 1 LIMIT ?", [entity, entity, entity, limit]).fetchall()
    return [{"entity": e, "type": t, "count": int(c)} for e, t, c in rows]


def holdings_of(store: Store, entity: str) -> list[str]:
    """A person's numbers and accounts; a number's or account's holder (as entities)."""
    kind, _, value = entity.partition(":")
    if kind == "person":
        rows = store.con.execute(
            "SELECT 'phone:' || msisdn FROM subscribers WHERE holder_id = ? "
            "UNION ALL SELECT 'account:' || account_id FROM accounts WHERE holder_id = ? LIMIT 50", [value, value]).fetchall()
    elif kind == "phone":
        rows = store.con.execute(
            "SELECT 'person:' || holder_id FROM subscribers WHERE msisdn = ? AND holder_id IS NOT NULL "
            "UNION SELECT 'account:' || account_id FROM accounts WHERE msisdn = ? LIMIT 50", [value, value]).fetchall()
    elif kind == "account":
        rows = store.con.execute(
            "SELECT 'person:' || holder_id FROM accounts WHERE account_id = ? AND holder_id IS NOT NULL "
            "UNION SELECT 'phone:' || msisdn FROM accounts WHERE account_id = ? AND msisdn IS NOT NULL",
            [value, value]).fetchall()
    else:
        rows = []
    return [r[0] for r in rows]


def partner_listings(store: Store, entity: str) -> list[dict[str, Any]]:
    """Partners' indicators naming ``entity`` (imported with ``scamnet share import``)."""
    kind, _, value = entity.partition(":")
    rows = store.con.execute(
        "SELECT source, confidence, scam_type, gang_id, first_seen, last_seen FROM indicators "
        "WHERE kind = ? AND value = ? AND NOT hashed ORDER BY confidence DESC LIMIT 20", [kind, value]).fetchall()
    names = ("source", "confidence", "scam_type", "gang_id", "first_seen", "last_seen")
    return [dict(zip(names, r, strict=True)) for r in rows]


def prefix_matches(store: Store, prefix: str, limit: int = 20) -> list[dict[str, str]]:
    """Phones, accounts, alerted entities (domains, links, wallets, ...) and report ids starting with ``prefix``."""
    rows = store.con.execute(
        "(SELECT 'phone:' || msisdn, 'subscriber' FROM subscribers WHERE starts_with(msisdn, ?) ORDER BY 1 LIMIT ?) "
        "UNION ALL (SELECT 'account:' || account_id, 'account at ' || coalesce(bank, '?') FROM accounts "
        "  WHERE starts_with(account_id, ?) ORDER BY 1 LIMIT ?) "
        "UNION ALL (SELECT DISTINCT entity, 'alerted' FROM alerts "
        "  WHERE starts_with(entity, ?) OR starts_with(split_part(entity, ':', 2), ?) ORDER BY 1 LIMIT ?) "
        "UNION ALL (SELECT 'report:' || report_id, 'victim report' FROM reports WHERE starts_with(report_id, ?) "
        "  ORDER BY 1 LIMIT ?) "
        "UNION ALL (SELECT DISTINCT kind || ':' || value, 'partner indicator' FROM indicators "
        "  WHERE NOT hashed AND starts_with(value, ?) ORDER BY 1 LIMIT ?)",
        [prefix, limit, prefix, limit, prefix, prefix, limit, prefix, limit, prefix, limit]).fetchall()
    seen: dict[str, str] = {}
    for entity, what in rows:
        seen.setdefault(entity, what)
    return [{"entity": e, "what": w} for e, w in seen.items()]


def time_range(store: Store) -> tuple[datetime | None, datetime | None]:
    """The first and last event the store holds (calls, messages, transfers)."""
    row = store.con.execute(
        "SELECT least((SELECT min(started_at) FROM calls), (SELECT min(sent_at) FROM messages), (SELECT min(ts) FROM transfers)), "
        "greatest((SELECT max(started_at) FROM calls), (SELECT max(sent_at) FROM messages), (SELECT max(ts) FROM transfers))"
    ).fetchall()[0]
    return row[0], row[1]


def alerts_by_day(store: Store) -> list[dict[str, Any]]:
    """Alerts per day raised, detector and tier."""
    rows = store.con.execute(
        "SELECT CAST(created_at AS DATE), detector, tier, count(*) FROM alerts GROUP BY ALL ORDER BY 1, 2, 3").fetchall()
    return [{"day": d, "detector": det, "tier": t, "alerts": n} for d, det, t, n in rows]


def alert_statuses(store: Store) -> dict[str, int]:
    rows = store.con.execute("SELECT status, count(*) FROM alerts GROUP BY 1").fetchall()
    return {s: n for s, n in rows}


def last_run(store: Store) -> datetime | None:
    """When ``scamnet run`` last stored alerts or gangs."""
    return store.con.execute(
        "SELECT greatest((SELECT max(created_at) FROM alerts), (SELECT max(created_at) FROM gangs))").fetchall()[0][0]


def freeze_totals(store: Store) -> dict[str, Decimal]:
    """Money held on the freeze lists, per request status."""
    rows = store.con.execute(
        "SELECT coalesce(status, 'proposed'), coalesce(sum(held_amount), 0) FROM freeze_requests GROUP BY 1").fetchall()
    return {s: Decimal(v) for s, v in rows}


def open_task_count(store: Store) -> int:
    return int(store.con.execute(
        "SELECT count(*) FROM (SELECT task_id, arg_max(status, coalesce(updated_at, created_at)) AS status "
        "FROM dissuasion_tasks GROUP BY 1) WHERE status NOT IN ('done', 'cancelled')").fetchall()[0][0])


def top_gangs(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    return _rows(store, "SELECT gang_id, members, reports, total_loss, first_seen, last_seen, scam_types, summary "
                        "FROM gangs ORDER BY total_loss DESC, gang_id LIMIT ?", [limit])


def traces_of_report(store: Store, report_id: str) -> list[dict[str, Any]]:
    """The stored traces of one report, one per policy."""
    return _rows(store, "SELECT trace_id, policy, as_of, max_hops, horizon_s, traced_amount, located_amount, "
                        "cashout_amount, created_at FROM traces WHERE report_id = ? ORDER BY policy", [report_id])


def freeze_rows(store: Store, trace_id: str) -> list[dict[str, Any]]:
    """The freeze list of one trace, with each request's status, in rank order."""
    return _rows(store, "SELECT account_id, bank, held_amount, rank, path, coalesce(status, 'proposed') AS status, "
                        "created_at FROM freeze_requests WHERE trace_id = ? ORDER BY rank", [trace_id])


def reports_sharing_items(store: Store, report_id: str, limit: int = 30) -> list[dict[str, Any]]:
    """Other reports naming a number, account, link or wallet this report names, most shared first."""
    return _rows(store, "SELECT o.report_id, r.reported_at, r.scam_type, r.loss_amount, "
                        "  list(DISTINCT o.kind || ':' || o.value ORDER BY o.kind || ':' || o.value) AS shared "
                        "FROM report_items i JOIN report_items o ON o.kind = i.kind AND o.value = i.value "
                        "  AND o.report_id <> i.report_id JOIN reports r ON r.report_id = o.report_id "
                        "WHERE i.report_id = ? AND i.kind <> 'txn' GROUP BY ALL ORDER BY len(shared) DESC, 1 LIMIT ?",
                 [report_id, limit])


def gang_of_report(store: Store, report_id: str) -> str | None:
    rows = store.con.execute("SELECT gang_id FROM gang_members WHERE entity = ? LIMIT 1", [f"report:{report_id}"]).fetchall()
    return rows[0][0] if rows else None


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def received_amounts(store: Store, accounts: list[str]) -> dict[str, Decimal]:
    """Per account of ``accounts``: the money it received (its amount at risk)."""
    rows = store.con.execute("SELECT dst_account, sum(amount) FROM transfers WHERE dst_account IN (SELECT unnest(?)) "
                             "GROUP BY 1", [accounts]).fetchall()
    return {a: Decimal(v) for a, v in rows}


def central_links(store: Store, gang_id: str, nodes: int) -> tuple[list[dict[str, Any]], int]:
    """The stored links among gang ``gang_id``'s ``nodes`` most central members (strongest first), and how many
    links the gang has in all."""
    rows = store.con.execute(
        "WITH top AS (SELECT entity FROM gang_members WHERE gang_id = ? ORDER BY centrality DESC, entity LIMIT ?) "
        "SELECT src, dst, type, count FROM gang_links WHERE gang_id = ? AND src IN (SELECT entity FROM top) "
        "AND dst IN (SELECT entity FROM top) ORDER BY count DESC, type, src, dst", [gang_id, nodes, gang_id]).fetchall()
    total = store.con.execute("SELECT count(*) FROM gang_links WHERE gang_id = ?", [gang_id]).fetchall()[0][0]
    return [{"src": s, "dst": d, "type": t, "count": c} for s, d, t, c in rows], int(total)
