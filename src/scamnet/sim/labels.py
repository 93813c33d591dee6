"""Ground truth, collected while the world is generated and written once at the end.

A label names an entity (a typed id), its role, the gang it works for and the span of time it
played the role; marking the same entity and role again widens the span.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.schema import table
from scamnet.sim.columns import timestamps

LABELS = table("labels")


class LabelBook:
    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], list] = {}

    def mark(self, entity: str, role: LabelRole, gang: str | None = None,
             since_us: int | None = None, until_us: int | None = None) -> None:
        key = (entity, role.value)
        row = self._rows.get(key)
        if row is None:
            self._rows[key] = [gang, since_us, until_us]
            return
        row[1] = _widen(row[1], since_us, min)
        row[2] = _widen(row[2], until_us, max)

    def mark_many(self, entities: Iterable[str], role: LabelRole, gang: str | None = None,
                  since_us: Iterable[int] | int | None = None, until_us: Iterable[int] | int | None = None) -> None:
        entities = list(entities)
        since = _expand(since_us, len(entities))
        until = _expand(until_us, len(entities))
        for entity, s, u in zip(entities, since, until, strict=True):
            self.mark(entity, role, gang, s, u)

    def __len__(self) -> int:
        return len(self._rows)

    def table(self) -> pa.Table:
        keys = sorted(self._rows)
        rows = [self._rows[k] for k in keys]
        since = np.array([r[1] if r[1] is not None else 0 for r in rows], dtype=np.int64)
        until = np.array([r[2] if r[2] is not None else 0 for r in rows], dtype=np.int64)
        has_since = pa.array([r[1] is not None for r in rows])
        has_until = pa.array([r[2] is not None for r in rows])
        return pa.Table.from_arrays([
            pa.array([k[0] for k in keys], pa.string()), pa.array([k[1] for k in keys], pa.string()),
            pa.array([r[0] for r in rows], pa.string()),
            pa.compute.if_else(has_since, timestamps(since), pa.scalar(None, timestamps(since[:0]).type)),
            pa.compute.if_else(has_until, timestamps(until), pa.scalar(None, timestamps(until[:0]).type)),
        ], schema=LABELS.schema)


def _widen(current: int | None, new: int | None, pick) -> int | None:
    if current is None:
        return new
    return current if new is None else pick(current, new)


def _expand(value, n: int) -> list:
    if value is None or isinstance(value, int | np.integer):
        return [None if value is None else int(value)] * n
    return [int(v) for v in value]
