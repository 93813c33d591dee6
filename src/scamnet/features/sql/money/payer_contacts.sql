-- Per account, over the period: who pays it in, as the phone network sees them (no victim report
-- needed). person_payers: paying accounts whose holder has a phone number; groomed_payers: those
-- who, in the 14 days before paying, had two or more conversations (a call of 2 minutes or more,
-- a message) started by a mobile number they never called or wrote to themselves — the follow-ups
-- of a scam; short cold calls (telemarketers, couriers) do not count.
-- Only counts leave this query: no one's contacts are kept.
WITH holders AS (
    SELECT account_id, min(holder_id) AS holder_id FROM accounts GROUP BY account_id
),
pay AS (
    SELECT t.dst_account AS account_id, t.src_account, s.holder_id AS payer, min(t.ts) AS ts
    FROM transfers AS t JOIN holders AS s ON s.account_id = t.src_account
    WHERE {period:t.ts} AND t.dst_account IS NOT NULL AND t.src_account <> t.dst_account
    GROUP BY ALL
),
phones AS (
    SELECT DISTINCT holder_id, msisdn FROM subscribers WHERE holder_id IS NOT NULL
),
touch AS (
    SELECT caller AS a, callee AS b, started_at AS ts, duration_s >= 120 AS talk FROM calls WHERE {upto:started_at}
    UNION ALL
    SELECT sender, recipient, sent_at, TRUE FROM messages WHERE {upto:sent_at} AND sender LIKE '+%'
),
pairs AS (
    SELECT a, b, count(*) FILTER (WHERE talk) AS talks, min(ts) FILTER (WHERE talk) AS first_ts FROM touch GROUP BY a, b
),
unsolicited AS (
    SELECT p.b AS msisdn, p.first_ts
    FROM pairs AS p ANTI JOIN pairs AS r ON r.a = p.b AND r.b = p.a
    WHERE p.talks >= 2 AND p.a LIKE '+%'
),
payer_phones AS (
    SELECT pay.account_id, pay.src_account, pay.ts, ph.msisdn
    FROM pay JOIN phones AS ph ON ph.holder_id = pay.payer
),
groomed AS (
    SELECT DISTINCT p.account_id, p.src_account
    FROM payer_phones AS p JOIN unsolicited AS u ON u.msisdn = p.msisdn
    WHERE u.first_ts <= p.ts AND u.first_ts >= p.ts - INTERVAL 14 DAY
),
payers AS (
    SELECT account_id, count(DISTINCT src_account) AS person_payers FROM payer_phones GROUP BY account_id
)
SELECT p.account_id, p.person_payers, coalesce(g.groomed_payers, 0) AS groomed_payers
FROM payers AS p
LEFT JOIN (SELECT account_id, count(*) AS groomed_payers FROM groomed GROUP BY account_id) AS g USING (account_id)
