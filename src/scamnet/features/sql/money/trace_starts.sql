-- Where a victim report's money can start, for finding the transfers its trace can reach: the
-- victim's own account, and the paying account of every transfer the victim named, each with the
-- report's time.
SELECT victim_account AS account, reported_at AS at FROM reports WHERE victim_account IS NOT NULL
UNION ALL
SELECT t.src_account, r.reported_at
FROM report_items i JOIN reports r ON r.report_id = i.report_id JOIN transfers t ON t.txn_id = i.value
WHERE i.kind = 'txn' AND t.src_account IS NOT NULL
