"""The typed links between entities, read from the canonical tables as one Arrow table.

Each row is one link ``(src, dst, type)`` between typed entity ids, with how many events made
it (``count``) and when it was ``first_seen`` / ``last_seen``. Event links (calls, SMS,
transfers) keep their direction in ``src``/``dst``; the graph built from them is undirected.

Values a victim typed into a report (``report_items``) or a message's text are normalised with
``scamnet.schema.entities`` so that ``0086 138-1234-5678`` in a report meets ``+8613812345678``
in the call records.
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import EntityKind
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.schema.entities import EntityError, domain_id, normalise

EDGES_SCHEMA = pa.schema(
    [
        pa.field("src", pa.string(), nullable=False),
        pa.field("dst", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("count", pa.int64(), nullable=False),
        pa.field("first_seen", pa.timestamp("us", tz="UTC")),
        pa.field("last_seen", pa.timestamp("us", tz="UTC")),
    ]
)

#: Link types and how strongly each ties two entities to one operation (gang weights).
#: Calls and SMS are weak: a victim is called by strangers; a SIM in a gateway is not a stranger.
EDGE_WEIGHTS: dict[str, float] = {
    "call": 0.5,
    "sms": 0.5,
    "transfer": 2.0,
    "device_sim": 3.0,
    "sim_number": 3.0,
    "owns_phone": 2.0,
    "owns_account": 2.0,
    "account_phone": 2.0,
    "account_device": 2.5,
    "account_ip": 1.0,
    "report_mentions": 3.0,
    "message_sender": 2.0,
    "message_mentions": 2.0,
    "url_domain": 2.0,
    # the chain leg (docs/crypto.md): coins between wallets, and the account that paid a trader for them
    "chain_transfer": 2.0,
    "otc_trade": 2.0,
}

#: Links made by contact between two parties, where repeated contact means a closer tie.
CONTACT_TYPES = frozenset({"call", "sms", "transfer", "chain_transfer"})

#: Links that tie entities into one operation, as opposed to contact with strangers.
STRONG_TYPES = frozenset(EDGE_WEIGHTS) - {"call", "sms", "account_ip"}

_KINDS = frozenset(k.value for k in EntityKind)
_URL_PATTERN = r"(?:https?://|www\.)[^\s，。、“”<>\"']+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/[^\s，。、“”<>\"']*"
_PHONE_PATTERN = r"\+[1-9][0-9]{7,14}|\b1[3-9][0-9]{9}\b"
#: The parameters of ``graph/message_mentions``.
MENTION_PATTERNS = {"url": _URL_PATTERN, "phone": _PHONE_PATTERN}


def entity_edges(data: Data, region: str = "CN") -> pa.Table:
    """Every typed link the canonical tables hold, aggregated per ``(src, dst, type)``.

    >>> from datetime import datetime, UTC
    >>> calls = pa.table({"call_id": ["c1", "c2"], "started_at": [datetime(2026, 3, 1, tzinfo=UTC)] * 2,
    ...     "duration_s": [30, 40], "caller": ["+8617000000001"] * 2, "callee": ["+8613900000002"] * 2,
    ...     "caller_imsi": ["460001"] * 2, "caller_imei": ["8600001"] * 2, "answered": [True, True]})
    >>> edges = entity_edges(Data.from_tables(calls=calls))
    >>> sorted((e["src"], e["type"], e["count"]) for e in edges.to_pylist())
    [('imei:8600001', 'device_sim', 2), ('imsi:460001', 'sim_number', 2), ('phone:+8617000000001', 'call', 2)]
    """
    parts = [
        _links(data, "graph/event_links"),
        _links(data, "graph/reference_links"),
        _links(data, "graph/chain_links"),
        report_edges(data, region),
        message_mention_edges(data, region),
    ]
    edges = pa.concat_tables(parts)
    return pa.concat_tables([edges, url_domain_edges(edges)])


def _links(data: Data, query: str) -> pa.Table:
    result = run_feature(data, query)
    return pa.Table.from_arrays(result.columns, schema=EDGES_SCHEMA) if result.num_rows else EDGES_SCHEMA.empty_table()


def report_edges(data: Data, region: str = "CN") -> pa.Table:
    """``report:<id>`` to each entity its victim named; a named transfer points at its receiving account."""
    return report_mention_edges(run_feature(data, "graph/report_mentions"), region)


def report_mention_edges(mentions: pa.Table, region: str = "CN") -> pa.Table:
    """``report_edges`` of the rows of ``graph/report_mentions`` (computed by any engine)."""
    rows = _rows(mentions)
    out = []
    for report_id, kind, value, at, txn_dst in rows:
        target = f"account:{txn_dst}" if kind == "txn" and txn_dst else named_entity(kind, value, region)
        if target:
            out.append((f"report:{report_id}", target, "report_mentions", 1, at, at))
    return edge_rows(out)


def named_entity(kind: str, value: str, region: str = "CN") -> str | None:
    """The entity id of a value a person wrote as ``kind``; ``None`` when it cannot be read.

    >>> named_entity("phone", "0086 138-1234-5678")
    'phone:+8613812345678'
    >>> named_entity("phone", "not a number") is None
    True
    """
    return _named_entity(kind, value, region)


@lru_cache(maxsize=200_000)
def _named_entity(kind: str, value: str, region: str) -> str | None:
    if kind not in _KINDS or kind == "txn":
        return None
    try:
        return normalise(kind, value, region)
    except (EntityError, ValueError):
        return None


def message_mention_edges(data: Data, region: str = "CN") -> pa.Table:
    """``msg:<id>`` to its sender and to the links and numbers its text mentions."""
    return mention_edges(run_feature(data, "graph/message_mentions", params=MENTION_PATTERNS), region)


def mention_edges(mentions: pa.Table, region: str = "CN") -> pa.Table:
    """``message_mention_edges`` of the rows of ``graph/message_mentions`` (computed by any engine)."""
    rows = _rows(mentions)
    out = []
    for msg_id, at, sender, urls, phones in rows:
        node = f"msg:{msg_id}"
        if sender.startswith("+"):
            out.append((node, f"phone:{sender}", "message_sender", 1, at, at))
        named = {_named_entity("url", u, region) for u in urls} | {_named_entity("phone", p, region) for p in phones}
        out += [(node, m, "message_mentions", 1, at, at) for m in sorted(n for n in named if n is not None)]
    return edge_rows(out)


def _rows(table: pa.Table) -> list[tuple]:
    return list(zip(*(column.to_pylist() for column in table.columns), strict=True))


def url_domain_edges(edges: pa.Table) -> pa.Table:
    """Each URL node to its registrable domain, so links on one domain meet."""
    urls: set[str] = set()
    for col in ("src", "dst"):
        values = edges[col]
        urls.update(pc.unique(values.filter(pc.starts_with(values, "url:"))).to_pylist())
    out = []
    for url in sorted(urls):
        try:
            out.append((url, domain_id(url[4:]), "url_domain", 1, None, None))
        except EntityError:
            continue
    return edge_rows(out)


def edge_rows(rows: list[tuple]) -> pa.Table:
    if not rows:
        return EDGES_SCHEMA.empty_table()
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays([pa.array(c, f.type) for c, f in zip(columns, EDGES_SCHEMA, strict=True)], schema=EDGES_SCHEMA)
