-- Per wallet that moved coins in the period: how many transfers in and out, from and to how many
-- counterparties, how much (all tokens summed; main_token is the token of most of its transfers,
-- the unit the reasons name), its largest and smallest payments, and when it was active: span
-- of its transfers and its age (since wallets.first_seen) when coins first arrived.
WITH {include:crypto/_chain_legs},
per_token AS (
    SELECT chain, address, token,
           row_number() OVER (PARTITION BY chain, address ORDER BY count(*) DESC, sum(amount) DESC, token) AS rank
    FROM legs GROUP BY chain, address, token
),
flows AS (
    SELECT chain, address,
           count(CASE WHEN dir = 1 THEN 1 END) AS in_count,
           count(CASE WHEN dir = -1 THEN 1 END) AS out_count,
           count(DISTINCT CASE WHEN dir = 1 THEN counterparty END) AS in_counterparties,
           count(DISTINCT CASE WHEN dir = -1 THEN counterparty END) AS out_counterparties,
           coalesce(sum(CASE WHEN dir = 1 THEN amount END), 0) AS in_amount,
           coalesce(sum(CASE WHEN dir = -1 THEN amount END), 0) AS out_amount,
           coalesce(max(CASE WHEN dir = 1 THEN amount END), 0) AS max_in_amount,
           coalesce(max(CASE WHEN dir = -1 THEN amount END), 0) AS max_out_amount,
           coalesce(min(CASE WHEN dir = -1 THEN amount END), 0) AS min_out_amount,
           min(ts) AS first_ts, max(ts) AS last_ts,
           min(CASE WHEN dir = 1 THEN ts END) AS first_in
    FROM legs GROUP BY chain, address
),
seen AS (
    SELECT chain, address, min(first_seen) AS first_seen FROM wallets GROUP BY chain, address
)
SELECT f.chain, f.address, p.token AS main_token,
       in_count, out_count, in_counterparties, out_counterparties,
       in_amount, out_amount, max_in_amount, max_out_amount, min_out_amount,
       (epoch(last_ts) - epoch(first_ts)) / 3600.0 AS active_hours,
       (epoch(first_in) - epoch(s.first_seen)) / 3600.0 AS age_hours_at_first_in
FROM flows AS f
JOIN per_token AS p ON p.chain = f.chain AND p.address = f.address AND p.rank = 1
LEFT JOIN seen AS s ON s.chain = f.chain AND s.address = f.address
