"""Time-ordered money features, from one sort of every account's transfers.

How fast incoming money leaves again (pass-through within 1 h and 24 h, minutes to the next
payment out, the busiest day's share), and how activity is spread in time (longest quiet spell,
the quiet spell before a burst of 3+ transfers in 24 h). SQL window functions give the same
figures, but DuckDB sorts the events again for every window (measured: ~2 s per window per 1 M
transfers on 2 cores), so they are computed here in NumPy over one sort (``account_events.sql``).
Times are in whole seconds; a frame ``[t, t + 1 h]`` includes transfers at the same second.

This is the one money feature source that is not a SQL file (``docs/features.md`` lists every
source and its form): its events come from ``money/account_events`` and its table is joined in
``money/mule_features``, so on another engine only this step runs in Python.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.runner import run_feature

HOUR, DAY = 3600, 86400
_SPAN = DAY * (1 << 16)  # 179 years of seconds per account: keys of two accounts never overlap, days align

COLUMNS = ("active_days", "pass_through_1h", "pass_through_24h", "median_forward_minutes", "max_day_passed_1h",
           "busiest_day_pass_through", "max_day_passed_24h", "busiest_day_pass_through_24h", "burst_ratio", "longest_gap_days", "dormant_days_before_burst",
           "busiest_24h_events")


def sequence_features(data: Data) -> pa.Table:
    """One row per account hash ``k`` (``hash(account_id)`` in DuckDB) with the columns above."""
    return sequence_of_events(run_feature(data, "money/account_events"))


def sequence_of_events(ev: pa.Table) -> pa.Table:
    """The columns above from ``money/account_events`` rows sorted by account, time, money in first.

    Every account's events must be in ``ev`` (the Spark engine calls this per partition of accounts).
    """
    if ev.num_rows == 0:
        return pa.table({"k": pa.array([], ev.schema.field("k").type), **{c: pa.array([], pa.float64()) for c in COLUMNS}})
    k, s = ev["k"].to_numpy(), ev["s"].to_numpy()  # sorted by DuckDB: account, time, money in first
    amount, is_in = ev["amount"].to_numpy(), ev["dir"].to_numpy() > 0
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    since = s.min() // DAY * DAY  # a UTC midnight, so whole days of key are UTC days
    key = np.repeat(np.arange(len(starts), dtype=np.int64), np.diff(np.r_[starts, len(k)])) * _SPAN + (s - since)
    columns = _pass_through(key, amount, is_in, starts) | _rhythm(key, starts)
    return pa.table({"k": pa.array(k[starts], ev.schema.field("k").type), **{c: pa.array(columns[c], pa.float64()) for c in COLUMNS}})


def _pass_through(key: np.ndarray, amount: np.ndarray, is_in: np.ndarray, starts: np.ndarray) -> dict:
    first = np.searchsorted(key, key, side="left")  # first event at the same second
    cum_out = np.r_[0.0, np.cumsum(np.where(is_in, 0.0, amount))]
    passed = {w: np.minimum(amount, cum_out[np.searchsorted(key, key + w, side="right")] - cum_out[first])
              for w in (HOUR, DAY)}
    inflow = _sums(np.where(is_in, amount, 0.0), starts)
    share = {w: _sums(np.where(is_in, passed[w], 0.0), starts) / np.where(inflow > 0, inflow, np.nan)
             for w in (HOUR, DAY)}
    return {"pass_through_1h": share[HOUR], "pass_through_24h": share[DAY],
            "median_forward_minutes": _median_forward(key, is_in, first, starts)} | _days(key, amount, is_in, passed, starts)


def _median_forward(key: np.ndarray, is_in: np.ndarray, first: np.ndarray, starts: np.ndarray) -> np.ndarray:
    n = len(key)
    out_at = np.where(is_in, n, np.arange(n))
    next_out = np.minimum.accumulate(out_at[::-1])[::-1][first]
    account = key // _SPAN
    valid = is_in & (next_out < n)
    valid[valid] = account[next_out[valid]] == account[valid]
    minutes = (key[next_out[valid]] - key[valid]) / 60.0
    return _group_median(account[valid], minutes, len(starts))


def _group_median(group: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    out = np.full(groups, np.nan)
    if len(values) == 0:
        return out
    order = np.lexsort((values, group))
    group, values = group[order], values[order]
    lo = np.searchsorted(group, np.arange(groups), side="left")
    hi = np.searchsorted(group, np.arange(groups), side="right")
    has = hi > lo
    out[has] = (values[(lo[has] + hi[has] - 1) // 2] + values[(lo[has] + hi[has]) // 2]) / 2
    return out


def _days(key: np.ndarray, amount: np.ndarray, is_in: np.ndarray, passed: dict, starts: np.ndarray) -> dict:
    """Per account: the most money passed on within 1 h (24 h) in one day and that day's share, the
    burst ratio (the biggest day's inflow over an average day's) and the active days."""
    day = key // DAY  # the account sits in the high bits, so a day never spans two accounts
    day_starts = np.flatnonzero(np.r_[True, day[1:] != day[:-1]])
    owner = key[day_starts] // _SPAN
    day_in = _sums(np.where(is_in, amount, 0.0), day_starts)
    out = {"active_days": np.bincount(owner, minlength=len(starts)).astype(float)}
    inflow = np.bincount(owner, weights=day_in, minlength=len(starts))
    for window, suffix in ((HOUR, ""), (DAY, "_24h")):
        day_passed = _sums(np.where(is_in, passed[window], 0.0), day_starts)
        best = np.lexsort((day_passed, owner))  # the last day of each account is its busiest
        chosen = best[np.r_[owner[best][1:] != owner[best][:-1], True]]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"max_day_passed{suffix or '_1h'}"] = day_passed[chosen]
            share = np.where(day_in[chosen] > 0, day_passed[chosen] / day_in[chosen], 0.0)
            out[f"busiest_day_pass_through{suffix}"] = np.where(inflow > 0, share, np.nan)  # unknown without inflow
    days_with_in = np.bincount(owner, weights=day_in > 0, minlength=len(starts))
    max_day_in = np.zeros(len(starts))
    np.maximum.at(max_day_in, owner, day_in)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["burst_ratio"] = np.where(inflow > 0, max_day_in / (inflow / days_with_in), np.nan)
    return out


def _rhythm(key: np.ndarray, starts: np.ndarray) -> dict:
    first = np.searchsorted(key, key, side="left")
    next_day = np.searchsorted(key, key + DAY, side="right") - first
    gap = np.r_[0, np.diff(key)] / DAY
    gap[starts] = 0.0
    return {"longest_gap_days": _maxes(gap, starts), "dormant_days_before_burst": _maxes(np.where(next_day >= 3, gap, 0.0), starts),
            "busiest_24h_events": _maxes(next_day.astype(float), starts)}


def _sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.add.reduceat(values, starts) if len(starts) else np.zeros(0)


def _maxes(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.maximum.reduceat(values, starts) if len(starts) else np.zeros(0)
