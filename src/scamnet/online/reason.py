"""Why a live decision is what it is: one reason per rule, listing or detector that spoke."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scamnet.core.enums import Action


@dataclass(frozen=True)
class Reason:
    """Why: the source kind (rule, watchlist, detector), its name, the action it asks, the evidence."""

    source: str
    name: str
    action: Action
    evidence: dict[str, Any]
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "name": self.name, "action": self.action.value,
                "evidence": self.evidence, "text": self.text}
