-- Per account, over the period: how fast incoming money leaves again. For each payment in, the
-- money paid out in the next hour (and day), capped at the payment; summed over the account and
-- for its busiest day. Mules pass most of their inflow on within the hour; merchants and savers
-- keep it. busiest_day_pass_through is that share on the day the most money passed: an everyday
-- account used as a mule for a day still shows it. One row per account that received money.
WITH t AS (
    SELECT ts, src_account, dst_account, amount::DOUBLE AS amount
    FROM transfers
    WHERE {period:ts}
),
ev AS (
    SELECT dst_account AS account_id, ts, amount, 1 AS dir FROM t WHERE dst_account IS NOT NULL
    UNION ALL
    SELECT src_account, ts, amount, -1 FROM t WHERE src_account IS NOT NULL
),
flows AS (
    SELECT
        account_id, ts, dir, amount,
        sum(CASE WHEN dir = -1 THEN amount ELSE 0 END) OVER (PARTITION BY account_id ORDER BY ts
            RANGE BETWEEN CURRENT ROW AND INTERVAL 1 HOUR FOLLOWING) AS out_1h,
        sum(CASE WHEN dir = -1 THEN amount ELSE 0 END) OVER (PARTITION BY account_id ORDER BY ts
            RANGE BETWEEN CURRENT ROW AND INTERVAL 24 HOUR FOLLOWING) AS out_24h,
        min(CASE WHEN dir = -1 THEN ts END) OVER (PARTITION BY account_id ORDER BY ts
            RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_out
    FROM ev
),
incoming AS (
    SELECT account_id, ts, amount, least(amount, out_1h) AS passed_1h, least(amount, out_24h) AS passed_24h,
           epoch(next_out - ts) / 60.0 AS forward_minutes
    FROM flows
    WHERE dir = 1
),
daily AS (
    SELECT account_id, date_trunc('day', ts) AS day, sum(amount) AS day_in, sum(passed_1h) AS day_passed_1h
    FROM incoming
    GROUP BY ALL
)
SELECT
    i.account_id,
    sum(passed_1h) / nullif(sum(amount), 0) AS pass_through_1h,
    sum(passed_24h) / nullif(sum(amount), 0) AS pass_through_24h,
    median(forward_minutes) AS median_forward_minutes,
    any_value(d.max_day_passed_1h) AS max_day_passed_1h,
    any_value(d.busiest_day_pass_through) AS busiest_day_pass_through,
    any_value(d.max_day_in) / nullif(sum(amount) / any_value(d.days), 0) AS burst_ratio
FROM incoming AS i
JOIN (
    SELECT account_id, max(day_passed_1h) AS max_day_passed_1h, max(day_in) AS max_day_in, count(*) AS days,
           arg_max(day_passed_1h / nullif(day_in, 0), day_passed_1h) AS busiest_day_pass_through
    FROM daily GROUP BY account_id
) AS d USING (account_id)
GROUP BY i.account_id
