-- The rule vocabulary of every transfer (scamnet.rules.vocabulary), from what was known just before it:
-- windows over the accounts' earlier transfers ([ts - 1 h, ts), [ts - 24 h, ts), ever; transfers at
-- the very same instant are not "earlier"), the reference tables (accounts, persons) and the
-- watchlist (a table `watchlist(entity, score)` the caller registers). Live scoring updates the same
-- counts event by event, so a rule reads the same values in a back-test and live.
-- One row per transfer of the period; the history before the period counts too.
WITH t AS (
    SELECT txn_id, ts, src_account, dst_account, amount, currency, channel,
           count(*) OVER (PARTITION BY src_account, dst_account ORDER BY ts
                          RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS pair_before
    FROM transfers
    WHERE {upto:ts}
),
legs AS (
    SELECT txn_id, ts, src_account AS account, 'out' AS dir, dst_account AS counterpart, amount, FALSE AS first_pay
    FROM t WHERE src_account IS NOT NULL
    UNION ALL
    SELECT txn_id, ts, dst_account, 'in', src_account, amount, pair_before = 0 AND src_account IS NOT NULL
    FROM t WHERE dst_account IS NOT NULL
),
history AS (
    SELECT txn_id, account, dir,
        min(ts) OVER (PARTITION BY account) AS first_ts,
        count(*) FILTER (WHERE dir = 'out') OVER ever AS transfers_total,
        count(*) FILTER (WHERE dir = 'out') OVER h1 AS transfers_1h,
        count(*) FILTER (WHERE dir = 'out') OVER d1 AS transfers_24h,
        coalesce(sum(amount) FILTER (WHERE dir = 'out') OVER d1, 0) AS amount_24h,
        coalesce(sum(amount) FILTER (WHERE dir = 'in') OVER h1, 0) AS received_1h,
        coalesce(sum(amount) FILTER (WHERE dir = 'in') OVER d1, 0) AS received_24h,
        count(*) FILTER (WHERE dir = 'in') OVER h1 AS incoming_1h,
        count(DISTINCT counterpart) FILTER (WHERE dir = 'in') OVER h1 AS distinct_payers_1h,
        count(DISTINCT counterpart) FILTER (WHERE dir = 'in') OVER d1 AS distinct_payers_24h,
        count(DISTINCT counterpart) FILTER (WHERE dir = 'in' AND first_pay) OVER h1 AS new_payers_1h,
        count(DISTINCT counterpart) FILTER (WHERE dir = 'out') OVER d1 AS distinct_payees_24h
    FROM legs
    WINDOW ever AS (PARTITION BY account ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP),
           h1 AS (PARTITION BY account ORDER BY ts RANGE BETWEEN INTERVAL 1 HOUR PRECEDING AND CURRENT ROW EXCLUDE GROUP),
           d1 AS (PARTITION BY account ORDER BY ts RANGE BETWEEN INTERVAL 24 HOUR PRECEDING AND CURRENT ROW EXCLUDE GROUP)
),
listed AS (
    SELECT entity, max(score)::DOUBLE AS score FROM watchlist GROUP BY entity
),
side AS (
    SELECT h.txn_id, h.dir,
        epoch(x.ts - a.opened_at) / 86400.0 AS account_age_d,
        a.holder_type,
        CASE WHEN a.holder_type = 'person' THEN (year(x.ts) - p.birth_year)::DOUBLE END AS holder_age_y,
        CASE WHEN h.first_ts < x.ts THEN epoch(x.ts - h.first_ts) / 3600.0 END AS first_seen_age_h,
        h.transfers_total::DOUBLE AS transfers_total, h.transfers_1h::DOUBLE AS transfers_1h,
        h.transfers_24h::DOUBLE AS transfers_24h, h.amount_24h::DOUBLE AS amount_24h,
        h.received_1h::DOUBLE AS received_1h, h.received_24h::DOUBLE AS received_24h,
        h.incoming_1h::DOUBLE AS incoming_1h, h.distinct_payers_1h::DOUBLE AS distinct_payers_1h,
        h.distinct_payers_24h::DOUBLE AS distinct_payers_24h, h.new_payers_1h::DOUBLE AS new_payers_1h,
        h.distinct_payees_24h::DOUBLE AS distinct_payees_24h,
        w.entity IS NOT NULL AS on_watchlist, w.score AS mule_score
    FROM history h
    JOIN t x USING (txn_id)
    LEFT JOIN accounts a ON a.account_id = h.account
    LEFT JOIN persons p ON p.person_id = a.holder_id
    LEFT JOIN listed w ON w.entity = 'account:' || h.account
)
SELECT x.txn_id, x.ts,
    x.amount::DOUBLE AS "amount", x.currency AS "currency", x.channel AS "channel",
    floor(({local_s:x.ts} % 86400) / 3600)::DOUBLE AS "local_hour",
    CASE WHEN x.src_account IS NOT NULL AND x.dst_account IS NOT NULL THEN x.pair_before = 0 END AS "new_payee",
    o.account_age_d AS "payer.account_age_d", o.holder_type AS "payer.holder_type",
    o.holder_age_y AS "payer.holder_age_y", o.first_seen_age_h AS "payer.first_seen_age_h",
    o.transfers_total AS "payer.transfers_total", o.transfers_1h AS "payer.transfers_1h",
    o.transfers_24h AS "payer.transfers_24h", o.amount_24h AS "payer.amount_24h",
    o.received_1h AS "payer.received_1h", o.received_24h AS "payer.received_24h",
    o.incoming_1h AS "payer.incoming_1h", o.distinct_payers_1h AS "payer.distinct_payers_1h",
    o.distinct_payers_24h AS "payer.distinct_payers_24h", o.new_payers_1h AS "payer.new_payers_1h",
    o.distinct_payees_24h AS "payer.distinct_payees_24h", o.on_watchlist AS "payer.on_watchlist",
    o.mule_score AS "payer.mule_score",
    i.account_age_d AS "payee.account_age_d", i.holder_type AS "payee.holder_type",
    i.holder_age_y AS "payee.holder_age_y", i.first_seen_age_h AS "payee.first_seen_age_h",
    i.transfers_total AS "payee.transfers_total", i.transfers_1h AS "payee.transfers_1h",
    i.transfers_24h AS "payee.transfers_24h", i.amount_24h AS "payee.amount_24h",
    i.received_1h AS "payee.received_1h", i.received_24h AS "payee.received_24h",
    i.incoming_1h AS "payee.incoming_1h", i.distinct_payers_1h AS "payee.distinct_payers_1h",
    i.distinct_payers_24h AS "payee.distinct_payers_24h", i.new_payers_1h AS "payee.new_payers_1h",
    i.distinct_payees_24h AS "payee.distinct_payees_24h", i.on_watchlist AS "payee.on_watchlist",
    i.mule_score AS "payee.mule_score"
FROM t x
LEFT JOIN side o ON o.txn_id = x.txn_id AND o.dir = 'out'
LEFT JOIN side i ON i.txn_id = x.txn_id AND i.dir = 'in'
WHERE {period:x.ts}
ORDER BY x.ts, x.txn_id
