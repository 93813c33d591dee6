"""What a service instance loaded at start and whether it can decide: what ``/readyz`` answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Readiness:
    """What the service loaded at start, and whether it can decide."""

    ready: bool = False
    rules: int = 0
    accounts: int = 0
    listed: int = 0
    events_replayed: int = 0
    ids_remembered: int = 0
    keys: int = 0
    journal_folded: int = 0
    journal_rejected: int = 0
    decisions_folded: int = 0
    state: str = "memory"
    #: the Redis at ``state_url`` lost the history it was filled with (``DecisionService.check_shared``)
    shared_state_lost: bool = False
    auth: str = "on"
    watchlist_checked_at: float | None = None
