-- Per account, over the period: how much money comes in and goes out, from and to how many
-- counterparties, how much of it stays, what the amounts look like (round, just under reporting
-- limits), when it moves (local night, 00-06 on the utc_offset_hours clock), how often its counterparties are one-offs (one
-- transfer in that direction), and how old the account is when money first arrives. One row per
-- account with a transfer.
-- (Time-ordered features — pass-through, quiet spells, bursts — are in features/money_sequence.py.)
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
pairs AS (
    -- one row per account, counterparty and direction (null counterparty: cash in or out)
    SELECT account_id, counterparty, dir, count(*) AS n FROM ev GROUP BY ALL
),
counterparties AS (
    SELECT account_id,
           count(counterparty) FILTER (WHERE dir = 1) AS in_counterparties,
           count(counterparty) FILTER (WHERE dir = -1) AS out_counterparties,
           sum(n) FILTER (WHERE n = 1) AS one_off_events
    FROM pairs GROUP BY account_id
),
flows AS (
    SELECT
        account_id,
        count(*) FILTER (WHERE dir = 1) AS in_count,
        count(*) FILTER (WHERE dir = -1) AS out_count,
        coalesce(sum(amount) FILTER (WHERE dir = 1), 0) AS in_amount,
        coalesce(sum(amount) FILTER (WHERE dir = -1), 0) AS out_amount,
        coalesce(max(amount) FILTER (WHERE dir = 1), 0) AS max_in_amount,
        coalesce(sum(amount) FILTER (WHERE dir = -1 AND channel IN ('atm', 'crypto_otc', 'wire_abroad')), 0)
            AS cashout_amount,
        avg(CASE WHEN amount >= 100 AND amount % 100 = 0 THEN 1.0 ELSE 0.0 END) AS round_share,
        avg(CASE WHEN (amount >= 4500 AND amount < 5000) OR (amount >= 9000 AND amount < 10000)
                  OR (amount >= 45000 AND amount < 50000) THEN 1.0 ELSE 0.0 END) AS just_under_limit_share,
        avg(CASE WHEN {local_s:ts} % 86400 < 6 * 3600 THEN 1.0 ELSE 0.0 END) AS night_share,
        count(*) AS events,
        min(ts) FILTER (WHERE dir = 1) AS first_in
    FROM ev
    GROUP BY account_id
)
SELECT
    f.account_id, in_count, out_count, coalesce(in_counterparties, 0) AS in_counterparties,
    coalesce(out_counterparties, 0) AS out_counterparties, in_amount, out_amount, max_in_amount,
    greatest(in_amount - out_amount, 0) / nullif(in_amount, 0) AS kept_share,
    cashout_amount / nullif(out_amount, 0) AS cashout_share,
    round_share, just_under_limit_share, night_share,
    coalesce(p.one_off_events, 0) / events AS one_off_counterparty_share,
    (epoch(first_in) - epoch(a.opened_at)) / 86400.0 AS age_days_at_first_in
FROM flows AS f
LEFT JOIN counterparties AS p USING (account_id)
LEFT JOIN (SELECT account_id, min(opened_at) AS opened_at FROM accounts GROUP BY account_id) AS a USING (account_id)
