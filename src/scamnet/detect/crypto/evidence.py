"""Unsupervised wallet-risk evidence: each item turns wallet features into a strength in [0, 1]
with a weight, and says in words what it saw. The score combines them as a noisy-OR, squared
(``wallet_score``), so one sign alone stays below the alert threshold and two raise it.

What marks a laundering wallet is coins that do not stay — passed on within the hour, again and
again, to few counterparties — and where they come from and go: OTC traders' coins bought with
mule money, peel-chain hops, reported scam wallets, an exchange deposit fed by many wallets.
Services pass coins on too (an exchange's hot wallet, a payment processor), but to and from
hundreds of counterparties: breadth beyond ten weakens the forwarding and OTC signs.
"""

from __future__ import annotations

import numpy as np

from scamnet.detect.evidence import Columns, Evidence, amount_rank, column, noisy_or, weighted_strengths


def _ramp(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """0 at or below ``low``, 1 at or above ``high``, linear between."""
    return np.clip((x - low) / (high - low), 0.0, 1.0)


def narrow(f: Columns) -> np.ndarray:
    """1 for a wallet dealing with up to ten counterparties each way, falling to 0 at a thousand (a service).

    >>> narrow({"in_counterparties": np.array([1.0, 10.0, 100.0, 1000.0]), "out_counterparties": np.array([1.0, 2.0, 5.0, 5.0])}).round(2).tolist()
    [1.0, 1.0, 0.5, 0.0]
    """
    widest = np.maximum(np.maximum(column(f, "in_counterparties"), column(f, "out_counterparties")), 10.0)
    return np.clip(1.0 - np.log10(widest / 10.0) / 2.0, 0.0, 1.0)


def _forwarding(f: Columns, ref: np.ndarray) -> np.ndarray:
    # within the hour is the laundering hop; an exchange deposit address sweeps within hours, so a day counts less
    share = np.maximum(column(f, "forwarded_1h_share"), 0.5 * column(f, "forwarded_24h_share"))
    repeated = _ramp(column(f, "forwarded_receipts"), 0.0, 3.0)
    size = 0.5 + 0.5 * amount_rank(column(f, "in_amount"), ref)
    return share * repeated * size * narrow(f)


def _otc(f: Columns, _: np.ndarray) -> np.ndarray:
    # a buyer of USDT buys once or twice; a gang's collection wallet buys again and again, from several traders
    direct = column(f, "otc_in_share") * _ramp(column(f, "otc_receipts"), 2.0, 6.0) * (0.5 + 0.5 * _ramp(column(f, "otc_traders"), 1.0, 2.0))
    linked = column(f, "otc_linked_in_share") * _ramp(column(f, "otc_linked_payers"), 1.0, 3.0)
    return np.maximum(direct, linked) * narrow(f)


def _peel(f: Columns, _: np.ndarray) -> np.ndarray:
    # a wallet reused by several chains peels only some of its receipts cleanly: half of them is a full sign
    peeled = np.minimum(1.0, column(f, "peel_hops") / np.maximum(column(f, "receipts"), 1.0) / 0.5)
    hop = column(f, "peel_shape") * peeled * (0.5 + 0.5 * np.minimum(1.0, column(f, "peel_neighbours")))
    # the chain's next hop or end: most of its coins from peel hops, passed on (a peeled-off buyer holds)
    fed = column(f, "peel_in_share") * np.maximum(column(f, "forwarded_1h_share"), column(f, "forwarded_24h_share"))
    return np.maximum(hop, 0.8 * fed)


def _listed(f: Columns, _: np.ndarray) -> np.ndarray:
    return np.maximum(np.minimum(1.0, column(f, "named_in_reports")), column(f, "watchlist_score"))


def _scam_links(f: Columns, _: np.ndarray) -> np.ndarray:
    return np.maximum(column(f, "scam_in_share"), column(f, "scam_out_share"))


def _deposit(f: Columns, _: np.ndarray) -> np.ndarray:
    # an exchange deposit address is one customer's: many different senders into one is a collection point
    return column(f, "hub_out_share") * _ramp(column(f, "in_counterparties"), 2.0, 10.0) * (1.0 - column(f, "is_hub"))


def _burner(f: Columns, _: np.ndarray) -> np.ndarray:
    brief = 1.0 - _ramp(column(f, "active_hours"), 24.0, 72.0)
    age = f["age_hours_at_first_in"].astype(float)
    new = np.where(np.isnan(age), 0.0, 1.0 - _ramp(np.nan_to_num(age), 1.0, 24.0))
    return brief * new * (1.0 - column(f, "kept_share")) * _ramp(column(f, "out_count"), 0.0, 1.0)


def _pct(x: float | None) -> str:
    return f"{100 * (x or 0):.0f} %"


def _money(amount: float | None, token: str | None) -> str:
    return f"{amount or 0:,.2f} {token or ''}".rstrip()


def _forward_reason(r: dict) -> str:
    hold = r["median_hold_minutes"]
    held = f", median {hold:,.0f} min held" if hold is not None else ""
    if (r["forwarded_1h_share"] or 0) >= 0.5 * (r["forwarded_24h_share"] or 0):
        return f"forwarded {_pct(r['forwarded_1h_share'])} of {_money(r['in_amount'], r['main_token'])} within 1 h{held}"
    return f"forwarded {_pct(r['forwarded_24h_share'])} of {_money(r['in_amount'], r['main_token'])} within 24 h{held}"


def _otc_reason(r: dict) -> str:
    parts = []
    if r["otc_receipts"]:
        parts.append(f"received {r['otc_receipts']:.0f} OTC trade(s) from {r['otc_traders']:.0f} OTC trader wallet(s), "
                     f"e.g. {r['otc_trader']} ({_pct(r['otc_in_share'])} of its inflow)")
    if r["otc_linked_payers"]:
        parts.append(f"fan-in from {r['otc_linked_payers']:.0f} wallet(s) passing on OTC traders' coins within a day "
                     f"({_pct(r['otc_linked_in_share'])} of its inflow)")
    return "; ".join(parts)


def _peel_reason(r: dict) -> str:
    if r["peel_shape"]:
        return (f"peel-chain hop: {r['peel_hops']:.0f} of {r['receipts']:.0f} receipt(s) split into a small part peeled "
                f"off and the rest passed on; {r['peel_neighbours']:.0f} neighbouring wallet(s) of the same shape")
    return f"{_pct(r['peel_in_share'])} of its inflow came from peel-chain hops and was passed on"


def _listed_reason(r: dict) -> str:
    parts = []
    if r["named_in_reports"]:
        parts.append(f"named in {r['named_in_reports']:.0f} scam report(s)")
    if r["watchlist_score"] is not None:
        parts.append(f"on the watchlist (score {r['watchlist_score']:.2f})")
    return "; ".join(parts)


EVIDENCE: tuple[Evidence, ...] = (
    Evidence("fast_forwarding", 0.6, _forwarding, _forward_reason),
    Evidence("otc_fan_in", 0.5, _otc, _otc_reason),
    Evidence("peel_chain", 0.7, _peel, _peel_reason),
    Evidence("listed_or_reported", 0.9, _listed, _listed_reason),
    Evidence("scam_wallet_links", 0.5, _scam_links, lambda r: (
        f"{r['scam_counterparties']:.0f} counterpart(ies) are watch-listed or reported scam wallets "
        f"({_pct(r['scam_in_share'])} of its inflow, {_pct(r['scam_out_share'])} of its outflow)")),
    Evidence("exchange_deposit", 0.4, _deposit, lambda r: (
        f"{r['in_counterparties']:.0f} different senders, {_pct(r['hub_out_share'])} swept to high fan-in wallet "
        f"{r['hub_address']}")),
    Evidence("burner", 0.2, _burner, lambda r: (
        f"first funded {r['age_hours_at_first_in'] or 0:,.0f} h after it appeared, active {r['active_hours']:,.0f} h, "
        f"kept {_pct(r['kept_share'])} of what it received")),
)


def evidence_strengths(features: Columns, reference: np.ndarray) -> np.ndarray:
    """A (wallets x evidence) array of weighted strengths, ``weight * strength``."""
    return weighted_strengths(EVIDENCE, features, reference)


def wallet_score(weighted: np.ndarray) -> np.ndarray:
    """The unsupervised score: the noisy-OR of the weighted strengths, squared.

    Squaring keeps the order and asks for more than one sign before the 0.5 alert threshold:
    one full sign of weight 0.6 scores 0.36; two of 0.5 score 0.56. Only a wallet named in a
    scam report or listed (weight 0.9) is flagged on that alone (0.81).

    >>> wallet_score(np.array([[0.6, 0.0], [0.5, 0.5]])).round(2).tolist()
    [0.36, 0.56]
    """
    return noisy_or(weighted) ** 2
