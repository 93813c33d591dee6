-- Links and domains victims named in reports of the period, as written (kind is url or domain).
SELECT i.kind, i.value
FROM report_items AS i JOIN reports AS r USING (report_id)
WHERE i.kind IN ('url', 'domain') AND {period:r.reported_at}
ORDER BY i.report_id, i.value
