-- Where each number called from in the period: one row per calling number, device (NULL where the
-- call shows none), SIM and cell, with when the first call of that combination was. Both telecom
-- feature queries read a number's devices, cells and SIMs and a device's numbers, SIMs and cells
-- from it (a few rows per number), one grouping of the period's calls for both. Both include it
-- whole; run through telecom_features it is computed once for both.
WITH {include:telecom/_calls_in_period}
SELECT caller, caller_imei, caller_imsi, caller_cell, min(started_at) AS first_at
FROM c
GROUP BY ALL
