from __future__ import annotations

import pytest

from scamnet.core.errors import ConfigError
from scamnet.online.windows import BUCKETS, parse_windows

HOUR_US = 3_600_000_000


def test_windows_come_shortest_first_without_repeats() -> None:
    assert [w.name for w in parse_windows("7d,1h,24h,1h")] == ["1h", "24h", "7d"]


def test_an_hour_window_reaches_back_an_hour_to_the_minute() -> None:
    (hour,) = parse_windows("1h")
    at = 10 * HOUR_US + 30 * 60_000_000 + 7
    assert at - HOUR_US < hour.start_us(at) <= at - HOUR_US + 60_000_000
    assert hour.width_us * BUCKETS == HOUR_US


@pytest.mark.parametrize("text", ["", "1w", "0h", "24 hours"])
def test_a_wrong_window_length_is_a_config_error_with_a_hint(text: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_windows(text)
    assert "1h" in error.value.hint or "24h" in error.value.hint
