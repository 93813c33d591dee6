-- Per wallet that received coins in the period: how long they stay, and how they leave.
-- - For each transfer in, the time to the wallet's next transfer out of the same token (at the
--   same instant or later), and the amount of that token it sent out within 1 h and 24 h after
--   it, capped at what came in. The sums over receipts are capped at the wallet's outflow of the
--   token, so two receipts passed on by one payment count once. A wallet that never pays the
--   token on holds it: no hold time.
-- - Peel hops: a receipt whose payments out (up to the next receipt) are two or three, within
--   24 h, one of at most 30 % of it peeled off and one of at least 60 % passed on, together at
--   least 90 % of it. peel_hops counts such receipts, receipts all of them.
WITH {include:crypto/_chain_legs},
ordered AS (
    SELECT chain, address, token, ts, amount, dir,
           min(CASE WHEN dir = -1 THEN ts END) OVER (
               PARTITION BY chain, address, token ORDER BY ts, dir DESC
               ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_out,
           sum(CASE WHEN dir = 1 THEN 1 ELSE 0 END) OVER (
               PARTITION BY chain, address, token ORDER BY ts, dir DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS receipt_no,
           coalesce(sum(CASE WHEN dir = -1 THEN amount END) OVER (
               PARTITION BY chain, address, token ORDER BY ts
               RANGE BETWEEN CURRENT ROW AND INTERVAL 1 HOUR FOLLOWING), 0) AS out_next_1h,
           coalesce(sum(CASE WHEN dir = -1 THEN amount END) OVER (
               PARTITION BY chain, address, token ORDER BY ts
               RANGE BETWEEN CURRENT ROW AND INTERVAL 24 HOUR FOLLOWING), 0) AS out_next_24h
    FROM legs
),
receipts AS (
    SELECT chain, address, token, amount,
           (epoch(next_out) - epoch(ts)) / 60.0 AS hold_minutes,
           least(amount, out_next_1h) AS passed_1h,
           least(amount, out_next_24h) AS passed_24h
    FROM ordered WHERE dir = 1
),
hops AS (
    SELECT chain, address, token, receipt_no,
           max(CASE WHEN dir = 1 THEN amount END) AS got,
           count(CASE WHEN dir = -1 THEN 1 END) AS outs,
           sum(CASE WHEN dir = -1 THEN amount END) AS paid,
           max(CASE WHEN dir = -1 THEN amount END) AS biggest,
           min(CASE WHEN dir = -1 THEN amount END) AS smallest,
           (epoch(max(ts)) - epoch(min(ts))) / 3600.0 AS hours
    FROM ordered WHERE receipt_no >= 1
    GROUP BY chain, address, token, receipt_no
),
peels AS (
    SELECT chain, address, count(*) AS receipts,
           count(CASE WHEN outs BETWEEN 2 AND 3 AND hours <= 24 AND biggest >= 0.6 * got
                           AND smallest <= 0.3 * got AND paid >= 0.9 * got THEN 1 END) AS peel_hops
    FROM hops GROUP BY chain, address
),
per_token AS (
    SELECT r.chain, r.address, r.token, sum(r.amount) AS received,
           least(sum(r.passed_1h), o.sent) AS passed_1h, least(sum(r.passed_24h), o.sent) AS passed_24h,
           count(CASE WHEN r.passed_24h >= 0.5 * r.amount THEN 1 END) AS forwarded_receipts
    FROM receipts AS r
    JOIN (SELECT chain, address, token, sum(amount) AS sent FROM legs WHERE dir = -1 GROUP BY chain, address, token) AS o
      ON o.chain = r.chain AND o.address = r.address AND o.token = r.token
    GROUP BY r.chain, r.address, r.token, o.sent
),
holds AS (
    SELECT chain, address, percentile_cont(0.5) WITHIN GROUP (ORDER BY hold_minutes) AS median_hold_minutes
    FROM receipts WHERE hold_minutes IS NOT NULL GROUP BY chain, address
),
totals AS (
    SELECT chain, address, sum(amount) AS received FROM receipts GROUP BY chain, address
)
SELECT a.chain, a.address,
       coalesce(sum(p.passed_1h), 0) / a.received AS forwarded_1h_share,
       coalesce(sum(p.passed_24h), 0) / a.received AS forwarded_24h_share,
       coalesce(sum(p.forwarded_receipts), 0) AS forwarded_receipts,
       max(h.median_hold_minutes) AS median_hold_minutes,
       max(e.receipts) AS receipts, max(e.peel_hops) AS peel_hops
FROM totals AS a
LEFT JOIN per_token AS p ON p.chain = a.chain AND p.address = a.address
LEFT JOIN holds AS h ON h.chain = a.chain AND h.address = a.address
LEFT JOIN peels AS e ON e.chain = a.chain AND e.address = a.address
WHERE a.received > 0
GROUP BY a.chain, a.address, a.received
