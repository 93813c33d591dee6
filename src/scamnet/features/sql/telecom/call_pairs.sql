-- Who called whom in the period, from which device: one row per calling number, device (NULL where
-- the call shows none) and callee, with the calls between them and when the first was. Both
-- telecom feature queries read their contacts from it (number_features: pairs, incoming calls;
-- imei_features: the callees a device reached, the callers of its numbers), one grouping of the
-- period's calls for both, where each grouped every call three ways. A number calls back and
-- forth with a few people, so there are far fewer rows here than calls. Both include it whole;
-- run through telecom_features it is computed once for both.
WITH {include:telecom/_calls_in_period}
SELECT caller, caller_imei, callee, count(*) AS n, min(started_at) AS first_at
FROM c
GROUP BY ALL
