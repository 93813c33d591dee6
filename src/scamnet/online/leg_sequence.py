"""The time-ordered money figures of one account (``features/money_sequence.py``), in plain Python.

The batch run computes them with NumPy over every account at once. A live decision scores one
account of a few dozen legs, where NumPy's cost per call (about sixty calls and an Arrow table:
a millisecond) is most of the work; here the same definitions are walked over the account's
legs. Sums are taken in time order, where NumPy's reductions pair their terms, so a figure can
differ from ``money_sequence.py``'s in its last bits (``tests/online/test_leg_sequence.py``
holds the two to 1e-9 relative on random accounts; the live and batch figures agree to 1e-6).
Accounts with more than ``MAX_LEGS`` legs still go through ``money_sequence.py``.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

HOUR, DAY = 3600, 86400
#: Above this many legs an account's figures are NumPy's (its cost per leg is lower).
MAX_LEGS = 200
WINDOWS = ((HOUR, "_1h", ""), (DAY, "_24h", "_24h"))


def leg_sequence(legs: list[tuple[int, float, bool]]) -> dict[str, float]:
    """``money_sequence.COLUMNS`` of one account from its legs ``(whole seconds, amount, money in)``, sorted by
    time with money in first at the same second (as ``money/account_events`` orders them)."""
    since = legs[0][0] // DAY * DAY
    key = [s - since for s, _, _ in legs]
    first = [bisect_left(key, k) for k in key]
    cum_out = [0.0]
    for _, amount, inflow in legs:
        cum_out.append(cum_out[-1] + (0.0 if inflow else amount))
    passed = {w: [min(amount, cum_out[bisect_right(key, k + w)] - cum_out[f])
                  for (_, amount, _), k, f in zip(legs, key, first, strict=True)] for w, _, _ in WINDOWS}
    money_in = sum(amount for _, amount, inflow in legs if inflow)
    figures: dict[str, float] = {}
    for w, name, _ in WINDOWS:
        moved = sum(p for p, (_, _, i) in zip(passed[w], legs, strict=True) if i)
        figures[f"pass_through{name}"] = moved / money_in if money_in > 0 else math.nan
    figures["median_forward_minutes"] = _median_forward(legs, key, first)
    return figures | _days(legs, key, passed) | _rhythm(key, first)


def _median_forward(legs: list[tuple[int, float, bool]], key: list[int], first: list[int]) -> float:
    """The median minutes from money in to the next payment out (from the first event of its second on)."""
    n = len(legs)
    next_out = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_out[i] = i if not legs[i][2] else next_out[i + 1]
    minutes = sorted((key[next_out[f]] - k) / 60.0 for (_, _, inflow), k, f in zip(legs, key, first, strict=True)
                     if inflow and next_out[f] < n)
    if not minutes:
        return math.nan
    m = len(minutes)
    return (minutes[(m - 1) // 2] + minutes[m // 2]) / 2


def _days(legs: list[tuple[int, float, bool]], key: list[int], passed: dict[int, list[float]]) -> dict[str, float]:
    """The busiest day's money passed on (and its share), the burst ratio and the active days (UTC days)."""
    day_in: list[float] = []
    day_passed: dict[int, list[float]] = {w: [] for w in passed}
    last_day = None
    for i, ((_, amount, inflow), k) in enumerate(zip(legs, key, strict=True)):
        if k // DAY != last_day:
            last_day = k // DAY
            day_in.append(0.0)
            for sums in day_passed.values():
                sums.append(0.0)
        if inflow:
            day_in[-1] += amount
            for w, sums in day_passed.items():
                sums[-1] += passed[w][i]
    money_in = sum(day_in)
    found: dict[str, float] = {"active_days": float(len(day_in))}
    for w, name, suffix in WINDOWS:
        chosen = max(range(len(day_in)), key=lambda d: (day_passed[w][d], d))  # ties: the latest day, as NumPy's sort
        best, day = day_passed[w][chosen], day_in[chosen]
        found[f"max_day_passed{name}"] = best
        found[f"busiest_day_pass_through{suffix}"] = (best / day if day > 0 else 0.0) if money_in > 0 else math.nan
    with_in = sum(1 for d in day_in if d > 0)
    found["burst_ratio"] = max(0.0, *day_in) / (money_in / with_in) if money_in > 0 else math.nan
    return found


def _rhythm(key: list[int], first: list[int]) -> dict[str, float]:
    """The longest quiet spell, the quiet spell before a burst (3+ events in 24 h) and the busiest 24 h's events."""
    next_day = [bisect_right(key, k + DAY) - f for k, f in zip(key, first, strict=True)]
    gaps = [0.0] + [(b - a) / DAY for a, b in zip(key, key[1:], strict=False)]
    return {"longest_gap_days": max(gaps),
            "dormant_days_before_burst": max(g if n >= 3 else 0.0 for g, n in zip(gaps, next_day, strict=True)),
            "busiest_24h_events": float(max(next_day))}
