-- When each of the given reports ($reports: entity ids report:<id>) was made, the scam type and
-- the loss, for gang profiles; not limited to a period.
SELECT 'report:' || report_id AS report, reported_at, scam_type, loss_amount
FROM reports
WHERE 'report:' || report_id IN (SELECT unnest($reports))
