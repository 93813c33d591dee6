"""Sliding windows of the live state, counted in buckets of event time.

Each window is cut into ``BUCKETS`` buckets of equal width; the window at time ``at`` starts
with the bucket ``BUCKETS - 1`` before the one holding ``at``. So a window's far edge is exact
to one bucket (1/60 of its length: one minute of a 1 h window), and an update only adds to
buckets, in any order: two instances that split a stream add the same numbers to the same
buckets.

>>> [(w.name, w.width_us // 1_000_000) for w in parse_windows("1h, 24h,7d")]
[('1h', 60), ('24h', 1440), ('7d', 10080)]
>>> parse_windows("1h")[0].first_bucket(2 * 3_600_000_000)
61
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scamnet.core.errors import ConfigError

BUCKETS = 60
_UNIT_US = {"s": 1_000_000, "m": 60_000_000, "h": 3_600_000_000, "d": 86_400_000_000}
_LENGTH = re.compile(r"^([1-9][0-9]*)([smhd])$")


@dataclass(frozen=True)
class Window:
    """One sliding window: its name in feature names (``1h``) and its bucket width."""

    name: str
    length_us: int

    @property
    def width_us(self) -> int:
        return self.length_us // BUCKETS

    def bucket(self, at_us: int) -> int:
        return at_us // self.width_us

    def first_bucket(self, at_us: int) -> int:
        """The oldest bucket of the window that ends at ``at_us``."""
        return self.bucket(at_us) - BUCKETS + 1

    def start_us(self, at_us: int) -> int:
        """The oldest event time the window that ends at ``at_us`` covers."""
        return self.first_bucket(at_us) * self.width_us

def parse_windows(text: str) -> tuple[Window, ...]:
    """Windows from the ``state_windows`` setting, shortest first."""
    names = [part.strip() for part in text.split(",") if part.strip()]
    windows = sorted({_window(name) for name in names}, key=lambda w: w.length_us)
    if not windows:
        raise ConfigError("state_windows names no window", hint="write lengths such as 1h,24h,7d")
    return tuple(windows)


def _window(name: str) -> Window:
    match = _LENGTH.match(name)
    if match is None:
        raise ConfigError(f"{name!r} is not a window length", hint="write a number then s, m, h or d, such as 24h")
    return Window(name, int(match.group(1)) * _UNIT_US[match.group(2)])
