"""The telecom feature queries, sharing what both compute: the SIM-bank facts, the calling rhythm,
who called whom and where each number called from.

``telecom/imei_features`` and ``telecom/number_features`` both include four whole queries:
``telecom/bank_facts`` (devices acting side by side: a self-join of every device's busy
cell-hours), ``telecom/calling_rhythm`` (how each number and each device calls: a window, a
median and per-day groupings over every call, once for a phone's number and its handset together),
``telecom/call_pairs`` (the calls per caller, device and callee) and ``telecom/call_footprint``
(each number's devices, SIMs and cells). Run through ``telecom_features``, each is computed once per
``Data`` — one read of the store: ``Store.data()`` makes a new one — and local clock, and handed
to both; run alone (``run_feature``), each query includes them and computes them itself. The rows
are the same either way.
"""

from __future__ import annotations

import weakref

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.runner import included_queries, run_feature

#: Queries both telecom feature queries include whole.
CALLING_RHYTHM = "telecom/calling_rhythm"
CALL_PAIRS = "telecom/call_pairs"
CALL_FOOTPRINT = "telecom/call_footprint"

_SHARED: dict[int, tuple[weakref.ref[Data], dict[tuple[str, float], pa.Table]]] = {}


def telecom_features(data: Data, name: str, *, utc_offset_hours: float = 0.0) -> pa.Table:
    """Feature query ``name`` over ``data``, reading the whole queries it includes computed once for ``data``."""
    computed = {query: shared_rows(data, query, utc_offset_hours=utc_offset_hours) for query in included_queries(name)}
    return run_feature(data, name, utc_offset_hours=utc_offset_hours, computed=computed)


def shared_rows(data: Data, query: str, *, utc_offset_hours: float = 0.0) -> pa.Table:
    """Whole query ``query`` over ``data`` and the local clock, computed on the first call for this ``Data`` object."""
    held = _SHARED.get(id(data))
    if held is None or held[0]() is not data:
        held = _SHARED[id(data)] = (weakref.ref(data), {})
        weakref.finalize(data, _SHARED.pop, id(data), None)
    rows = held[1].get((query, utc_offset_hours))
    if rows is None:
        rows = held[1][(query, utc_offset_hours)] = run_feature(data, query, utc_offset_hours=utc_offset_hours)
    return rows
