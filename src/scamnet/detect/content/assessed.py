"""What the content detectors share: one judged item per scored entity, and example messages.

``scam_text`` and ``url_risk`` keep an assessment (score, reasons) per entity of their last
``score``; ``explain`` reads it back. Their conformance examples are a handful of messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import ClassVar, Generic, Protocol, TypeVar

import pyarrow as pa

from scamnet.detect.base import not_scored_error, scores_table


class Judged(Protocol):
    @property
    def score(self) -> float: ...

    def reasons(self) -> list[str]: ...


J = TypeVar("J", bound=Judged)


class AssessedMixin(Generic[J]):
    """``assessment`` and ``explain`` over ``self._assessed``, filled by the detector's ``score``."""

    name: ClassVar[str]
    #: the judged items of the last ``score`` by entity; empty before a first ``score``
    _assessed: Mapping[str, J] = MappingProxyType({})

    def scored(self, assessed: Mapping[str, J]) -> pa.Table:
        """Keep ``assessed`` (entity → judged item) as the last ``score``; its ``(entity, score)`` table.

        ``score`` judges the data's items and calls this; the Spark engine judges them per
        partition and hands the collected items here.
        """
        self._assessed = dict(assessed)
        return scores_table(list(self._assessed), [a.score for a in self._assessed.values()])

    def assessment(self, entity: str) -> J | None:
        return self._assessed.get(entity)

    def explain(self, entity: str) -> list[str]:
        judged = self._assessed.get(entity)
        if judged is None:
            raise not_scored_error(self.name, entity)
        return judged.reasons()


def message_table(texts: tuple[str, ...], seed: int, id_prefix: str) -> pa.Table:
    """``texts`` as SMS of one sender, in a seed-dependent order, in the canonical schema."""
    order = sorted(range(len(texts)), key=lambda i: (i * 7919 + seed) % len(texts))
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    rows = [
        {"msg_id": f"{id_prefix}{i}", "sent_at": at, "sender": "+8613800000001", "recipient": "+8613900000002",
         "channel": "sms", "text": texts[i]}
        for i in order
    ]
    return pa.Table.from_pylist(rows)
