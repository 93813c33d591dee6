-- The SIM banks of the period seen through their devices (_side_by_side), one row per device in
-- one: bank_imeis, bank_sims, bank_peak_sims, bank_business_sims, own_sim_days and period_days,
-- keyed by imei. Both telecom feature queries read it (imei_features per device, number_features
-- per number through its devices): one pass over the calls and the devices' messages, however
-- the caller then shares it (run once and handed to both, or included in each).
WITH c AS (
    -- the period's calls as the fragment reads them: the device, its SIM, the cell and the time, and
    -- who called whom as the call shows it (the fragment looks up the calling SIM's own number only
    -- for the few calls where it needs it, not for every call)
    SELECT caller, callee, caller_imei, caller_imsi, caller_cell, epoch(started_at) AS t_s
    FROM calls
    WHERE {period:started_at}
),
m AS (
    SELECT sender, recipient, sent_at, sender_imsi, sender_imei, sender_cell
    FROM messages
    WHERE {period:sent_at} AND sender_imei IS NOT NULL
),
{include:telecom/_side_by_side}
SELECT imei, bank_imeis, bank_sims, bank_business_sims, bank_peak_sims, own_sim_days, period_days
FROM bank_facts
