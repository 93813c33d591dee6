-- Per account that moved money in the period: the money queries and the time-ordered
-- features joined into one row, every value a DOUBLE. An account missing from a part gets its
-- neutral value (0), except where "unknown" differs from 0 (no inflow, no payment out, no
-- opening date): kept_share, cashout_share, age_days_at_first_in and the pass-through figures
-- stay null. account_sequence is the table features/money_sequence.py computes in NumPy (see
-- its docstring for why), keyed by k = hash(account_id) as in money/account_events.
WITH f AS ({include:money/account_flows}),
d AS ({include:money/shared_devices}),
p AS ({include:money/flow_patterns}),
v AS ({include:money/victim_proximity}),
c AS ({include:money/payer_contacts}),
t AS (
    SELECT src_account, dst_account, sum(amount)::DOUBLE AS amount FROM transfers
    WHERE {period:ts} AND src_account IS NOT NULL AND dst_account IS NOT NULL AND src_account <> dst_account
    GROUP BY ALL
),
ring AS (
    -- accounts and money coming from, and going to, accounts that other holders' accounts share a device with
    SELECT account_id, sum(payers) AS ring_payers, sum(payees) AS ring_payees,
           sum(in_amount) AS ring_in_amount, sum(out_amount) AS ring_out_amount FROM (
        SELECT t.dst_account AS account_id, count(*) AS payers, 0 AS payees, sum(t.amount) AS in_amount, 0 AS out_amount
        FROM t JOIN d ON d.account_id = t.src_account WHERE d.device_holder_peers >= 2 GROUP BY 1
        UNION ALL
        SELECT t.src_account, 0, count(*), 0, sum(t.amount)
        FROM t JOIN d ON d.account_id = t.dst_account WHERE d.device_holder_peers >= 2 GROUP BY 1
    ) GROUP BY account_id
)
SELECT
    account_id,
    CAST(coalesce(f.in_count, 0) AS DOUBLE) AS in_count,
    CAST(coalesce(f.out_count, 0) AS DOUBLE) AS out_count,
    CAST(coalesce(f.in_counterparties, 0) AS DOUBLE) AS in_counterparties,
    CAST(coalesce(f.out_counterparties, 0) AS DOUBLE) AS out_counterparties,
    CAST(coalesce(f.in_amount, 0) AS DOUBLE) AS in_amount,
    CAST(coalesce(f.out_amount, 0) AS DOUBLE) AS out_amount,
    CAST(coalesce(f.max_in_amount, 0) AS DOUBLE) AS max_in_amount,
    CAST(f.kept_share AS DOUBLE) AS kept_share,
    CAST(f.cashout_share AS DOUBLE) AS cashout_share,
    CAST(coalesce(f.round_share, 0) AS DOUBLE) AS round_share,
    CAST(coalesce(f.just_under_limit_share, 0) AS DOUBLE) AS just_under_limit_share,
    CAST(coalesce(f.night_share, 0) AS DOUBLE) AS night_share,
    CAST(coalesce(f.one_off_counterparty_share, 0) AS DOUBLE) AS one_off_counterparty_share,
    CAST(f.age_days_at_first_in AS DOUBLE) AS age_days_at_first_in,
    CAST(coalesce(d.devices, 0) AS DOUBLE) AS devices,
    CAST(coalesce(d.device_peers, 0) AS DOUBLE) AS device_peers,
    CAST(coalesce(d.ips, 0) AS DOUBLE) AS ips,
    CAST(coalesce(d.ip_peers, 0) AS DOUBLE) AS ip_peers,
    CAST(coalesce(d.device_holder_peers, 0) AS DOUBLE) AS device_holder_peers,
    CAST(coalesce(d.ip_holder_peers, 0) AS DOUBLE) AS ip_holder_peers,
    CAST(coalesce(c.person_payers, 0) AS DOUBLE) AS person_payers,
    CAST(coalesce(c.groomed_payers, 0) AS DOUBLE) AS groomed_payers,
    CAST(coalesce(ring.ring_payers, 0) AS DOUBLE) AS ring_payers,
    CAST(coalesce(ring.ring_payees, 0) AS DOUBLE) AS ring_payees,
    CAST(coalesce(ring.ring_in_amount / nullif(f.in_amount, 0), 0) AS DOUBLE) AS ring_in_share,
    CAST(coalesce(ring.ring_out_amount / nullif(f.out_amount, 0), 0) AS DOUBLE) AS ring_out_share,
    CAST(coalesce(p.gather_scatter, 0) AS DOUBLE) AS gather_scatter,
    CAST(coalesce(p.scatter_gather, 0) AS DOUBLE) AS scatter_gather,
    CAST(coalesce(p.cycles_2, 0) AS DOUBLE) AS cycles_2,
    CAST(coalesce(p.cycles_3, 0) AS DOUBLE) AS cycles_3,
    CAST(coalesce(v.victim_payers, 0) AS DOUBLE) AS victim_payers,
    CAST(coalesce(v.victim_txns, 0) AS DOUBLE) AS victim_txns,
    CAST(coalesce(v.named_in_reports, 0) AS DOUBLE) AS named_in_reports,
    CAST(coalesce(v.second_hop_victims, 0) AS DOUBLE) AS second_hop_victims,
    CAST(coalesce(q.active_days, 0) AS DOUBLE) AS active_days,
    CAST(q.pass_through_1h AS DOUBLE) AS pass_through_1h,
    CAST(q.pass_through_24h AS DOUBLE) AS pass_through_24h,
    CAST(q.median_forward_minutes AS DOUBLE) AS median_forward_minutes,
    CAST(coalesce(q.max_day_passed_1h, 0) AS DOUBLE) AS max_day_passed_1h,
    CAST(q.busiest_day_pass_through AS DOUBLE) AS busiest_day_pass_through,
    CAST(coalesce(q.max_day_passed_24h, 0) AS DOUBLE) AS max_day_passed_24h,
    CAST(q.busiest_day_pass_through_24h AS DOUBLE) AS busiest_day_pass_through_24h,
    CAST(q.burst_ratio AS DOUBLE) AS burst_ratio,
    CAST(coalesce(q.longest_gap_days, 0) AS DOUBLE) AS longest_gap_days,
    CAST(coalesce(q.dormant_days_before_burst, 0) AS DOUBLE) AS dormant_days_before_burst,
    CAST(coalesce(q.busiest_24h_events, 0) AS DOUBLE) AS busiest_24h_events
FROM f
LEFT JOIN d USING (account_id)
LEFT JOIN p USING (account_id)
LEFT JOIN v USING (account_id)
LEFT JOIN c USING (account_id)
LEFT JOIN ring USING (account_id)
LEFT JOIN account_sequence AS q ON q.k = hash(f.account_id)
WHERE account_id IS NOT NULL
ORDER BY account_id
