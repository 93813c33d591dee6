"""The links among one gang's members, for its network picture."""

from __future__ import annotations

from typing import Any

from scamnet.store import Store

# Pairs of typed entities that events in the store tie together.
_LINKS_SQL = """
WITH m AS (SELECT entity, role FROM gang_members WHERE gang_id = ?),
links AS (
    SELECT 'phone:' || caller AS a, 'phone:' || callee AS b, 'call' AS kind, count(*) AS n FROM calls GROUP BY ALL
    UNION ALL
    SELECT 'imei:' || caller_imei, 'phone:' || caller, 'uses', count(*) FROM calls
        WHERE caller_imei IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT 'account:' || src_account, 'account:' || dst_account, 'transfer', count(*) FROM transfers
        WHERE src_account IS NOT NULL AND dst_account IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT 'report:' || report_id, lower(kind) || ':' || value, 'mentions', 1 FROM report_items
)
SELECT a, b, kind, sum(n) FROM links
WHERE a IN (SELECT entity FROM m) AND b IN (SELECT entity FROM m) AND a <> b
GROUP BY ALL ORDER BY 4 DESC, 1, 2 LIMIT 400
"""


def gang_network(store: Store, gang_id: str) -> dict[str, Any]:
    """Members (with roles) and the weighted links among them."""
    nodes = store.con.execute(
        "SELECT entity, role, centrality FROM gang_members WHERE gang_id = ? ORDER BY centrality DESC, entity LIMIT 150",
        [gang_id],
    ).fetchall()
    edges = store.con.execute(_LINKS_SQL, [gang_id]).fetchall()
    shown = {n[0] for n in nodes}
    return {
        "nodes": [{"entity": e, "role": r, "centrality": c} for e, r, c in nodes],
        "edges": [{"a": a, "b": b, "kind": k, "count": int(n)} for a, b, k, n in edges if a in shown and b in shown],
    }
