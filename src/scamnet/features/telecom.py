"""The telecom feature queries, sharing one pass over the calls for the SIM-bank facts.

``telecom/imei_features`` and ``telecom/number_features`` both include ``telecom/bank_facts``
(devices acting side by side: a self-join of every device's busy cell-hours, the dearest part of
either). Run through ``telecom_features``, it is computed once per ``Data`` — one read of the
store: ``Store.data()`` makes a new one — and handed to both; run alone (``run_feature``), each
query includes it and computes it itself. The rows are the same either way.
"""

from __future__ import annotations

import weakref

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.runner import run_feature

#: The query both telecom feature queries include whole.
BANK_FACTS = "telecom/bank_facts"

_SHARED: dict[int, tuple[weakref.ref[Data], pa.Table]] = {}


def telecom_features(data: Data, name: str, *, utc_offset_hours: float = 0.0) -> pa.Table:
    """Feature query ``name`` over ``data``, reading the bank facts computed once for ``data``."""
    return run_feature(data, name, utc_offset_hours=utc_offset_hours, computed={BANK_FACTS: bank_facts(data)})


def bank_facts(data: Data) -> pa.Table:
    """``telecom/bank_facts`` over ``data``, computed on the first call for this ``Data`` object."""
    held = _SHARED.get(id(data))
    if held is not None and held[0]() is data:
        return held[1]
    rows = run_feature(data, BANK_FACTS)
    _SHARED[id(data)] = (weakref.ref(data), rows)
    weakref.finalize(data, _SHARED.pop, id(data), None)
    return rows
