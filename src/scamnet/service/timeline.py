"""``scamnet run``'s last step: the entity timeline index the console reads (``store.timeline``)."""

from __future__ import annotations

from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.store import Store
from scamnet.store.timeline import rebuild_index


def run_timeline(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Rebuild ``entity_events`` from the events as they stand; the rows indexed per event table and in all."""
    return rebuild_index(store, clock.now())
