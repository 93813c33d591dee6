"""The live state a service instance opens, and its rebuild from the store's history on restart.

>>> from scamnet.core.settings import Settings
>>> type(live_state(Settings())).__name__
'MemoryState'
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from scamnet.core.errors import ConfigError
from scamnet.core.settings import Settings
from scamnet.online.context import History, PayHistory
from scamnet.online.events import events_from_tables, newest_us, seen_between, split_at
from scamnet.online.state import LiveState, MemoryState
from scamnet.online.windows import parse_windows


def live_state(settings: Settings) -> LiveState:
    """In-process state, or the Redis one that ``state_url`` names (shared by every instance)."""
    windows = parse_windows(settings.state_windows)
    if not settings.state_url:
        return MemoryState(windows)
    if not settings.state_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"state_url {settings.state_url!r} is not a Redis URL",
                          hint="leave it empty for in-process state, or write redis://host:port/db")
    from scamnet.online.redis_state import RedisState  # the redis client is an optional extra

    return RedisState(windows, settings.state_url)


def pay_history(settings: Settings) -> History:
    """The transfers' pay history the rules read: in-process, or in the Redis that ``state_url`` names."""
    if not settings.state_url:
        return PayHistory()
    live_state(settings).close()  # the same checks of the URL
    from scamnet.online.redis_history import RedisPayHistory

    return RedisPayHistory(settings.state_url)


def rebuild(state: LiveState, tables: Mapping[str, pa.Table]) -> int:
    """Feed the store's event tables (calls, messages, transfers, sessions) to ``state`` in time order.

    Returns how many events it took in. Updates commute, so a state that already holds some of
    these events must be empty first (a restart starts from an empty one). An in-process state
    replays only the events of its horizon (``MemoryState.horizon_us``: the longest window and one
    shortest window for late events, back from the newest event); from the older events it takes
    each entity's first and last time, in one columnar pass. Its figures at any time from the newest
    event less one shortest window on are those of a replay of everything.
    """
    if not isinstance(state, MemoryState):
        return state.update_many(events_from_tables(tables))
    newest = newest_us(tables)
    if newest is None:
        return 0
    before, since = split_at(tables, newest - state.horizon_us())
    state.seed_seen(seen_between(before))
    return sum(rows.num_rows for rows in before.values()) + state.update_many(events_from_tables(since))
