-- Per account: how close it sits to reported victims' money. victim_payers: reports whose victim
-- paid this account in the 3 days before reporting; victim_txns: reports naming a transfer into
-- it; named_in_reports: reports naming the account itself; second_hop_victims: reports whose
-- money reached it through one other account within a day. Reports up to the period's end count.
WITH r AS (
    SELECT report_id, reported_at, victim_account FROM reports WHERE {upto:reported_at}
),
t AS (
    SELECT txn_id, ts, src_account, dst_account FROM transfers WHERE {upto:ts} AND dst_account IS NOT NULL
),
first_hop AS (
    SELECT DISTINCT r.report_id, t.dst_account AS account_id, t.ts
    FROM r JOIN t ON t.src_account = r.victim_account
        AND t.ts >= r.reported_at - INTERVAL 3 DAY AND t.ts <= r.reported_at
),
named_txns AS (
    SELECT DISTINCT i.report_id, t.dst_account AS account_id
    FROM report_items AS i JOIN r USING (report_id)
    JOIN t ON t.txn_id = regexp_replace(i.value, '^txn:', '')
    WHERE i.kind = 'txn'
),
named_accounts AS (
    -- an account as the victim wrote it: any case, spaces or dashes, with or without "account:"
    SELECT DISTINCT i.report_id, a.account_id
    FROM report_items AS i JOIN r USING (report_id)
    JOIN (SELECT DISTINCT dst_account AS account_id FROM t) AS a
        ON regexp_replace(regexp_replace(upper(i.value), '^ACCOUNT:', ''), '[\s-]', '', 'g')
         = regexp_replace(upper(a.account_id), '[\s-]', '', 'g')
    WHERE i.kind = 'account'
),
second_hop AS (
    SELECT DISTINCT f.report_id, t.dst_account AS account_id
    FROM first_hop AS f
    JOIN t ON t.src_account = f.account_id AND t.ts > f.ts AND t.ts <= f.ts + INTERVAL 24 HOUR
),
tagged AS (
    SELECT account_id, report_id, 'payer' AS how FROM first_hop
    UNION ALL SELECT account_id, report_id, 'txn' FROM named_txns
    UNION ALL SELECT account_id, report_id, 'named' FROM named_accounts
    UNION ALL SELECT account_id, report_id, 'second' FROM second_hop
)
SELECT
    account_id,
    count(DISTINCT report_id) FILTER (WHERE how = 'payer') AS victim_payers,
    count(DISTINCT report_id) FILTER (WHERE how = 'txn') AS victim_txns,
    count(DISTINCT report_id) FILTER (WHERE how = 'named') AS named_in_reports,
    count(DISTINCT report_id) FILTER (WHERE how = 'second') AS second_hop_victims
FROM tagged
GROUP BY account_id
