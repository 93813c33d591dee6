-- Per account, over the period: the laundering shapes it takes part in within 24 hours.
-- gather_scatter: most transfers both in and out in one day (money fans in, then out again);
-- scatter_gather: most parallel accounts it shares with one (source, sink) pair (money split
-- over several accounts and merged again); cycles_2 / cycles_3: money returning to where it came
-- from in two or three hops. A two-hop path counts only where the second payment carries at
-- least a fifth of the first and no more than it (the money moves on; a coffee bought after
-- payday is not a path). Accounts whose transfers in x out in a day exceed 100,000 (payment
-- hubs) are not expanded as middle hops, which keeps the two-hop join bounded.
WITH t AS (
    SELECT ts, src_account AS s, dst_account AS d, amount::DOUBLE AS amount
    FROM transfers
    WHERE {period:ts} AND src_account IS NOT NULL AND dst_account IS NOT NULL AND src_account <> dst_account
),
daily AS (
    -- days as whole UTC days since the epoch: integer arithmetic, no calendar needed
    SELECT account_id, day, count(*) FILTER (WHERE dir = 1) AS ins, count(*) FILTER (WHERE dir = -1) AS outs
    FROM (
        SELECT d AS account_id, CAST(floor(epoch(ts) / 86400) AS BIGINT) AS day, 1 AS dir FROM t
        UNION ALL
        SELECT s, CAST(floor(epoch(ts) / 86400) AS BIGINT), -1 FROM t
    )
    GROUP BY ALL
),
hubs AS (
    SELECT DISTINCT account_id FROM daily WHERE ins * outs > 100000
),
paths AS (
    SELECT a.s AS src, a.d AS mid, b.d AS dst, a.ts AS t1, b.ts AS t2
    FROM t AS a
    JOIN t AS b ON b.s = a.d AND b.ts > a.ts AND b.ts <= a.ts + INTERVAL 24 HOUR
        AND b.amount >= 0.2 * a.amount AND b.amount <= a.amount
    WHERE a.d NOT IN (SELECT account_id FROM hubs)
),
fans AS (
    SELECT src, dst, count(DISTINCT mid) AS mids
    FROM paths WHERE src <> dst
    GROUP BY ALL HAVING count(DISTINCT mid) >= 2
),
scatter AS (
    SELECT p.mid AS account_id, max(f.mids) AS scatter_gather
    FROM (SELECT DISTINCT src, mid, dst FROM paths WHERE src <> dst) AS p
    JOIN fans AS f USING (src, dst)
    GROUP BY p.mid
),
cycle_members AS (
    SELECT src AS account_id, 2 AS len FROM paths WHERE src = dst
    UNION ALL
    SELECT mid, 2 FROM paths WHERE src = dst
    UNION ALL
    SELECT unnest([p.src, p.mid, p.dst]), 3
    FROM paths AS p
    JOIN t AS c ON c.s = p.dst AND c.d = p.src AND c.ts > p.t2 AND c.ts <= p.t1 + INTERVAL 24 HOUR
    WHERE p.src <> p.dst
),
cycles AS (
    SELECT account_id, count(*) FILTER (WHERE len = 2) AS cycles_2, count(*) FILTER (WHERE len = 3) AS cycles_3
    FROM cycle_members GROUP BY account_id
)
SELECT
    g.account_id,
    g.gather_scatter,
    coalesce(s.scatter_gather, 0) AS scatter_gather,
    coalesce(c.cycles_2, 0) AS cycles_2,
    coalesce(c.cycles_3, 0) AS cycles_3
FROM (SELECT account_id, max(least(ins, outs)) AS gather_scatter FROM daily GROUP BY account_id) AS g
LEFT JOIN scatter AS s USING (account_id)
LEFT JOIN cycles AS c USING (account_id)
