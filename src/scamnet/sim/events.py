"""Arrow tables of events in the canonical schemas, from columns the generators computed.

Every generator call passes a distinct ``stream`` number; ids are drawn from it, so two
generators never make the same id and the ids carry no hint of which generator made them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from scamnet.schema import table
from scamnet.sim.columns import event_ids, money, timestamps

CALLS, MESSAGES, TRANSFERS, SESSIONS = table("calls"), table("messages"), table("transfers"), table("sessions")
REPORTS, REPORT_ITEMS, LABELS = table("reports"), table("report_items"), table("labels")
LINK_VISITS = table("link_visits")
_SCHEMAS = {spec.name: spec.schema for spec in (CALLS, MESSAGES, TRANSFERS, SESSIONS, LINK_VISITS)}
#: Event tables streamed day by day, each with its time column.
STREAMED = {"calls": "started_at", "messages": "sent_at", "transfers": "ts", "sessions": "ts", "reports": "reported_at",
            "chain_transfers": "ts", "otc_trades": "ts", "link_visits": "ts"}


@dataclass(frozen=True)
class Ids:
    """Where the ids of one generator call come from."""

    key: int
    stream: int

    def take(self, prefix: str, count: int) -> pa.Array:
        return event_ids(prefix, self.stream, count, self.key)


def _column(value, n: int, type_: pa.DataType) -> pa.Array:
    if value is None:
        return pa.nulls(n, type_)
    if isinstance(value, str):
        return pa.repeat(pa.scalar(value, type_), n)
    if isinstance(value, pa.ChunkedArray):
        value = value.combine_chunks()
    if isinstance(value, pa.Array):
        return value if value.type == type_ else value.cast(type_)
    return pa.array(np.asarray(value) if not isinstance(value, list) else value, type=type_)


def _table(spec, n: int, values: dict) -> pa.Table:
    schema = _SCHEMAS[spec.name]
    arrays = [_column(values.get(f.name), n, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def calls(ids: Ids, started_us, duration_s, caller, callee, imsi, imei, cell, answered) -> pa.Table:
    n = len(started_us)
    return _table(CALLS, n, {
        "call_id": ids.take("c", n), "started_at": timestamps(started_us),
        "duration_s": np.asarray(duration_s, dtype=np.int32), "caller": caller, "callee": callee,
        "caller_imsi": imsi, "caller_imei": imei, "caller_cell": cell, "answered": np.asarray(answered, dtype=bool),
    })


def messages(ids: Ids, sent_us, sender, recipient, channel, text, imsi=None, imei=None, cell=None,
             msg_id: pa.Array | None = None) -> pa.Table:
    n = len(sent_us)
    return _table(MESSAGES, n, {
        "msg_id": msg_id if msg_id is not None else ids.take("m", n), "sent_at": timestamps(sent_us),
        "sender": sender, "recipient": recipient, "channel": channel, "text": text,
        "sender_imsi": imsi, "sender_imei": imei, "sender_cell": cell,
    })


def transfers(ids: Ids | None, ts_us, src, dst, cents, currency: str, channel, device=None, ip=None, memo=None,
              txn_id: pa.Array | None = None) -> pa.Table:
    n = len(ts_us)
    return _table(TRANSFERS, n, {
        "txn_id": txn_id if txn_id is not None else ids.take("t", n), "ts": timestamps(ts_us),
        "src_account": src, "dst_account": dst, "amount": money(cents),
        "currency": pa.array([currency] * n, pa.string()) if n else None, "channel": channel,
        "src_device": device, "src_ip": ip, "memo": memo,
    })


def sessions(ts_us, account, device, ip, remote_access=None) -> pa.Table:
    """Logins; ``remote_access``: True where the bank app saw a screen-sharing app, null (not reported) elsewhere."""
    return _table(SESSIONS, len(ts_us), {"account_id": account, "ts": timestamps(ts_us), "device_id": device, "ip": ip,
                                         "remote_access": remote_access})


def link_visits(ids: Ids, ts_us, msisdn, url, domain, source) -> pa.Table:
    n = len(ts_us)
    return _table(LINK_VISITS, n, {"visit_id": ids.take("v", n), "ts": timestamps(ts_us), "msisdn": msisdn,
                                   "url": url, "domain": domain, "source": source})


def concat(tables: Sequence[pa.Table], spec) -> pa.Table:
    present = [t for t in tables if t is not None and t.num_rows]
    return pa.concat_tables(present).combine_chunks() if present else spec.empty()
