-- Per account, over the period: how much money comes in and goes out, from and to how many
-- counterparties, how much of it stays, what the amounts look like (round, just under reporting
-- limits), when it moves (local night, UTC+8), how old the account is when money first arrives,
-- and whether a long quiet spell ends in a burst. One row per account with a transfer.
WITH t AS (
    SELECT ts, src_account, dst_account, amount::DOUBLE AS amount, channel
    FROM transfers
    WHERE {period:ts}
),
ev AS (
    SELECT dst_account AS account_id, ts, amount, src_account AS counterparty, 1 AS dir, channel
    FROM t WHERE dst_account IS NOT NULL
    UNION ALL
    SELECT src_account, ts, amount, dst_account, -1, channel
    FROM t WHERE src_account IS NOT NULL
),
timed AS (
    SELECT
        *,
        epoch(ts - lag(ts) OVER (PARTITION BY account_id ORDER BY ts)) / 86400.0 AS gap_days,
        count(*) OVER (PARTITION BY account_id ORDER BY ts
                       RANGE BETWEEN CURRENT ROW AND INTERVAL 24 HOUR FOLLOWING) AS next_24h_events,
        count(*) OVER (PARTITION BY account_id, counterparty) AS pair_events
    FROM ev
)
SELECT
    e.account_id,
    count(*) FILTER (WHERE dir = 1) AS in_count,
    count(*) FILTER (WHERE dir = -1) AS out_count,
    count(DISTINCT counterparty) FILTER (WHERE dir = 1) AS in_counterparties,
    count(DISTINCT counterparty) FILTER (WHERE dir = -1) AS out_counterparties,
    coalesce(sum(amount) FILTER (WHERE dir = 1), 0) AS in_amount,
    coalesce(sum(amount) FILTER (WHERE dir = -1), 0) AS out_amount,
    coalesce(max(amount) FILTER (WHERE dir = 1), 0) AS max_in_amount,
    greatest(coalesce(sum(amount) FILTER (WHERE dir = 1), 0) - coalesce(sum(amount) FILTER (WHERE dir = -1), 0), 0)
        / nullif(sum(amount) FILTER (WHERE dir = 1), 0) AS kept_share,
    coalesce(sum(amount) FILTER (WHERE dir = -1 AND channel IN ('atm', 'crypto_otc', 'wire_abroad')), 0)
        / nullif(sum(amount) FILTER (WHERE dir = -1), 0) AS cashout_share,
    avg(CASE WHEN amount >= 100 AND amount % 100 = 0 THEN 1.0 ELSE 0.0 END) AS round_share,
    avg(CASE WHEN (amount >= 4500 AND amount < 5000) OR (amount >= 9000 AND amount < 10000)
              OR (amount >= 45000 AND amount < 50000) THEN 1.0 ELSE 0.0 END) AS just_under_limit_share,
    avg(CASE WHEN hour(ts + INTERVAL 8 HOUR) < 6 THEN 1.0 ELSE 0.0 END) AS night_share,
    avg(CASE WHEN pair_events = 1 THEN 1.0 ELSE 0.0 END) AS one_off_counterparty_share,
    count(DISTINCT date_trunc('day', ts)) AS active_days,
    coalesce(max(gap_days), 0) AS longest_gap_days,
    coalesce(max(gap_days) FILTER (WHERE next_24h_events >= 3), 0) AS dormant_days_before_burst,
    max(next_24h_events) AS busiest_24h_events,
    epoch(min(e.ts) FILTER (WHERE dir = 1) - any_value(a.opened_at)) / 86400.0 AS age_days_at_first_in
FROM timed AS e
LEFT JOIN accounts AS a ON a.account_id = e.account_id
GROUP BY e.account_id
