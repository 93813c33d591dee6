"""What the unsupervised mule evidence makes of signs that stay true of a patient rented account."""

from __future__ import annotations

import numpy as np

from scamnet.detect.money.evidence import EVIDENCE, evidence_strengths, mule_score
from scamnet.features.money_sequence import COLUMNS

ALERT = 0.5
REFERENCE = np.array([100.0, 1000.0, 10_000.0])


def score(**values: float) -> float:
    names = {"in_count", "out_count", "in_counterparties", "out_counterparties", "in_amount", "out_amount", "cashout_share",
             "just_under_limit_share", "night_share", "age_days_at_first_in", "device_peers", "ip_peers",
             "device_holder_peers", "ip_holder_peers", "person_payers", "groomed_payers", "ring_in_share",
             "ring_out_share", "scatter_gather", "cycles_2", "cycles_3", "victim_payers", "victim_txns",
             "named_in_reports", "second_hop_victims", *COLUMNS}
    columns = {n: np.array([values.get(n, 0.0)]) for n in names}
    columns["age_days_at_first_in"] = np.array([values.get("age_days_at_first_in", np.nan)])
    columns["median_forward_minutes"] = np.array([values.get("median_forward_minutes", np.nan)])
    return float(mule_score(evidence_strengths(columns, REFERENCE))[0])


def test_a_phone_running_four_other_peoples_accounts_alerts_alone_a_family_phone_does_not() -> None:
    assert score(device_peers=4, device_holder_peers=4) >= ALERT
    assert score(device_peers=1, device_holder_peers=1) < 0.05
    # one person's three accounts on their own phone: no other holder
    assert score(device_peers=2, device_holder_peers=0) == 0.0


def test_a_busy_home_router_is_not_a_shared_gang_phone() -> None:
    assert score(ip_peers=11, ip_holder_peers=11) == 0.0


def test_money_passed_on_from_a_chain_is_evidence_a_victim_paying_a_chain_from_savings_is_not() -> None:
    passing = {"busiest_day_pass_through_24h": 1.0, "max_day_passed_24h": 5000.0}
    mule = score(ring_in_share=1.0, in_amount=5000, out_amount=4900, **passing)
    victim = score(ring_out_share=1.0, in_amount=300, out_amount=20_000, **passing)
    layer_one = score(ring_out_share=1.0, in_amount=5000, out_amount=4900, **passing)
    assert victim < mule and victim < layer_one
    assert mule > score(in_amount=5000, out_amount=4900, **passing)


def test_every_evidence_item_has_a_distinct_name() -> None:
    assert len({e.name for e in EVIDENCE}) == len(EVIDENCE)


def test_two_different_victim_reports_naming_an_account_alert_alone_one_does_not() -> None:
    # one report may be a victim's slip; a second victim naming the same account is what gets it frozen
    assert score(named_in_reports=1) < ALERT
    assert score(named_in_reports=2) >= ALERT
    assert score(victim_txns=2) >= ALERT
    # one report that names both the transfer and the account is still one report
    assert score(victim_txns=1, named_in_reports=1) < ALERT
    # one report beside money passed straight on is a mule, as it was before
    passing = {"busiest_day_pass_through": 1.0, "max_day_passed_1h": 10_000.0}
    assert score(named_in_reports=1, **passing) >= ALERT
