"""Unsupervised mule evidence: each item turns features into a strength in [0, 1] with a weight,
and says in words what it saw. The score combines them as a noisy-OR (cubed: ``mule_score``), so
two strong signs or several weaker ones raise it, and no single everyday habit does.

A merchant's fan-in alone is no evidence: what marks a mule is money that passes straight
through — most of a day's inflow paid on within the hour — and signs around it (victims paying
in, devices shared with other accounts, a dormant or brand-new account waking up, cash-out).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scamnet.detect.evidence import Columns, Evidence, amount_rank, column, noisy_or, noisy_or_row, weighted_strengths

#: The strength of a single victim report naming the account (two or more: 1.0); weighted, 0.6 as before 2026-12-05.
ONE_REPORT = 0.75


def _passing(f: Columns, ref: np.ndarray) -> np.ndarray:
    # Within the hour is the classic mule; mules who hold the money for hours still pass it on that day.
    hour = column(f, "busiest_day_pass_through") * amount_rank(column(f, "max_day_passed_1h"), ref)
    day = column(f, "busiest_day_pass_through_24h") * amount_rank(column(f, "max_day_passed_24h"), ref)
    return np.maximum(hour, 0.8 * day)


def _fast(f: Columns, _: np.ndarray) -> np.ndarray:
    minutes = f["median_forward_minutes"].astype(float)
    return np.where(np.isnan(minutes), 0.0, np.exp(-np.nan_to_num(minutes) / 180.0))


def _named(f: Columns, _: np.ndarray) -> np.ndarray:
    # A victim's report naming the account, or a transfer into it: one report may be a slip of the victim's;
    # two different reports naming it are what an anti-fraud centre freezes an account on, and enough alone
    # (0.8, 0.51 after the cube). A report naming both the transfer and the account is one report: "different"
    # is read as the larger of the two counts, a floor on how many reports there are.
    times = column(f, "victim_txns") + column(f, "named_in_reports")
    reports = np.maximum(column(f, "victim_txns"), column(f, "named_in_reports"))
    return np.where(reports >= 2.0, 1.0, ONE_REPORT * np.minimum(1.0, times))


def _victim_share(f: Columns, _: np.ndarray) -> np.ndarray:
    payers = np.maximum(column(f, "in_counterparties"), 1.0)
    return np.minimum(1.0, (column(f, "victim_payers") + column(f, "second_hop_victims")) / payers)


def _devices(f: Columns, _: np.ndarray) -> np.ndarray:
    # Other people's accounts run from the same phone: a gang's operators, or holders paying on as
    # told from a phone the gang also uses. One holder with two accounts is no peer; a family phone
    # is one or two others, so the strength starts at two and is full at four other holders.
    # A small shared IP (a home router, a small office) adds at most one holder's worth.
    holders = column(f, "device_holder_peers") + np.minimum(1.0, column(f, "ip_holder_peers") / 8.0)
    return np.clip((holders - 1.0) / 3.0, 0.0, 1.0)


def _groomed(f: Columns, _: np.ndarray) -> np.ndarray:
    # Payers who had just been worked on by an unknown number: a share of the payers, and more than one.
    share = column(f, "groomed_payers") / np.maximum(column(f, "person_payers"), 1.0)
    return share * np.clip((column(f, "groomed_payers") - 1.0) / 2.0, 0.0, 1.0)


def _ring(f: Columns, ref: np.ndarray) -> np.ndarray:
    # Money from or to accounts run from a shared phone, passed on the same day: the next or the
    # previous layer of a chain whose other accounts gave themselves away. As a share of its money
    # (a shop that sold a mule a phone, a friend a mule paid back, is not in the chain); paying a
    # chain counts only where about as much came in (a victim pays from savings, a mule passes on).
    inflow, outflow = column(f, "in_amount"), column(f, "out_amount")
    matched = np.minimum(inflow, outflow) / np.maximum(np.maximum(inflow, outflow), 1e-9)
    ring = np.maximum(column(f, "ring_in_share"), column(f, "ring_out_share") * matched)
    return ring * column(f, "busiest_day_pass_through_24h") * amount_rank(column(f, "max_day_passed_24h"), ref)


def _waking(f: Columns, _: np.ndarray) -> np.ndarray:
    dormant = np.minimum(1.0, column(f, "dormant_days_before_burst") / 30.0)
    age = f["age_days_at_first_in"].astype(float)
    new = np.where(np.isnan(age), 0.0, np.clip(1.0 - np.nan_to_num(age) / 30.0, 0.0, 1.0))
    passing = np.maximum(column(f, "busiest_day_pass_through"), column(f, "busiest_day_pass_through_24h"))
    return np.maximum(dormant, new) * passing


def _cashout(f: Columns, _: np.ndarray) -> np.ndarray:
    return column(f, "cashout_share") * column(f, "pass_through_24h")


def _shapes(f: Columns, _: np.ndarray) -> np.ndarray:
    cycles = np.minimum(1.0, column(f, "cycles_2") + column(f, "cycles_3"))
    scatter = np.clip((column(f, "scatter_gather") - 1.0) / 3.0, 0.0, 1.0)
    return np.maximum(cycles, scatter)


def _habits(f: Columns, _: np.ndarray) -> np.ndarray:
    return np.maximum(column(f, "just_under_limit_share"), column(f, "night_share"))


def _pct(x: float) -> str:
    return f"{100 * (x or 0):.0f} %"


EVIDENCE: tuple[Evidence, ...] = (
    Evidence("pass_through", 0.7, _passing, lambda r: (
        f"passed {_pct(r['busiest_day_pass_through'])} of a day's inflow on within 1 h "
        f"({r['max_day_passed_1h']:,.2f} that day; {_pct(r['pass_through_1h'])} over the period)"
        if (r['busiest_day_pass_through'] or 0) >= 0.8 * (r['busiest_day_pass_through_24h'] or 0) else
        f"passed {_pct(r['busiest_day_pass_through_24h'])} of a day's inflow on within 24 h "
        f"({r['max_day_passed_24h']:,.2f} that day; {_pct(r['pass_through_24h'])} over the period)")),
    Evidence("fast_forward", 0.3, _fast, lambda r: (
        f"median {r['median_forward_minutes']:,.0f} min from money in to the next payment out")),
    Evidence("named_by_victims", 0.8, _named, lambda r: (
        f"named in {max(r['victim_txns'], r['named_in_reports']):.0f} different victim reports"
        if max(r['victim_txns'], r['named_in_reports']) >= 2 else
        f"named in {r['victim_txns'] + r['named_in_reports']:.0f} victim report(s)")),
    Evidence("victim_payers", 0.5, _victim_share, lambda r: (
        f"{r['victim_payers']:.0f} reported victim(s) paid in, {r['second_hop_victims']:.0f} more one hop "
        f"away, of {r['in_counterparties']:.0f} payers")),
    Evidence("shared_devices", 0.8, _devices, lambda r: (
        f"{r['device_peers']:.0f} other account(s) of {r['device_holder_peers']:.0f} other holder(s) use its devices, "
        f"{r['ip_peers']:.0f} its IPs")),
    Evidence("groomed_payers", 0.3, _groomed, lambda r: (
        f"{r['groomed_payers']:.0f} of {r['person_payers']:.0f} paying persons had just had repeated calls or "
        "messages from a number they never contacted")),
    Evidence("ring_neighbours", 0.6, _ring, lambda r: (
        f"paid by {r['ring_payers']:.0f} and paying {r['ring_payees']:.0f} account(s) run from phones shared by "
        f"several holders, {_pct(r['busiest_day_pass_through_24h'])} of a day's inflow passed on within 24 h")),
    Evidence("wakes_up", 0.3, _waking, lambda r: (
        f"quiet for {r['dormant_days_before_burst']:.0f} days before a burst of transfers"
        if (r['dormant_days_before_burst'] or 0) >= 7 else
        f"account {r['age_days_at_first_in'] or 0:.0f} days old when money first arrived")),
    Evidence("cash_out", 0.3, _cashout, lambda r: f"{_pct(r['cashout_share'])} of outflow cashed out (ATM, crypto, abroad)"),
    Evidence("laundering_shapes", 0.25, _shapes, lambda r: (
        f"{r['cycles_2'] + r['cycles_3']:.0f} short cycle(s), split over {r['scatter_gather']:.0f} parallel accounts")),
    Evidence("habits", 0.1, _habits, lambda r: (
        f"{_pct(r['just_under_limit_share'])} of amounts just under reporting limits, {_pct(r['night_share'])} at night")),
)


def evidence_strengths(features: Columns, reference: np.ndarray) -> np.ndarray:
    """An (accounts x evidence) array of weighted strengths, ``weight * strength``."""
    return weighted_strengths(EVIDENCE, features, reference)


def mule_score(weighted: np.ndarray) -> np.ndarray:
    """The unsupervised score: the noisy-OR, cubed.

    The signs are not independent (money passed on within the hour is also passed on fast, and
    on the busiest day), so the noisy-OR overstates; cubing keeps the order and asks for about
    two strong signs before a score reaches the 0.5 alert threshold (one strong sign: 0.34).
    On the baseline world, 2,499 of 30,448 normal accounts scored 0.5 or more before the cube,
    none at 0.8 (0.51 after it).

    >>> mule_score(np.array([[0.7, 0.0], [0.7, 0.4]])).round(2).tolist()
    [0.34, 0.55]
    """
    return noisy_or(weighted) ** 3


def mule_score_row(weighted: Sequence[float]) -> float:
    """``mule_score`` of one account's weighted strengths (``score_row``): the cube taken by NumPy on a one-value
    array, the loop the vectorised path runs (on some CPUs NumPy's SIMD ``power``, not the C library's ``pow``).

    >>> round(mule_score_row([0.7, 0.4]), 2)
    0.55
    """
    return (np.array([noisy_or_row(weighted)]) ** 3).item()
