-- Where a victim report's money can start, for finding the transfers its trace can reach: the
-- victim's own account at the report's time (its payments in the lookback before it), and the
-- paying account of every transfer the victim named, at that transfer's time (named).
SELECT victim_account AS account, reported_at AS at, FALSE AS named FROM reports WHERE victim_account IS NOT NULL
UNION ALL
SELECT t.src_account, t.ts, TRUE
FROM report_items i JOIN reports r ON r.report_id = i.report_id JOIN transfers t ON t.txn_id = i.value
WHERE i.kind = 'txn' AND t.src_account IS NOT NULL
