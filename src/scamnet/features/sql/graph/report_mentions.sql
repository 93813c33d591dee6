-- What each report of the period names, as the victim wrote it; a named transfer also gives the
-- account that received it (dst_account), since the money's destination is the entity.
SELECT i.report_id, lower(i.kind) AS kind, i.value, r.reported_at, t.dst_account
FROM report_items AS i
LEFT JOIN reports AS r USING (report_id)
LEFT JOIN transfers AS t ON lower(i.kind) = 'txn' AND t.txn_id = i.value
WHERE {period:r.reported_at}
