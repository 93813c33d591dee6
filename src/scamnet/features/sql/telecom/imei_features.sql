-- Per device (IMEI of a handset or gateway), over the period: how many SIMs it carries, how it
-- calls, whether anyone calls its numbers or calls back, how static it is, and who it reaches.
-- A SIM bank that spoofs an IMEI per slot or per SIM is seen through its devices acting side by side
-- (telecom/bank_facts, a query of its own that number_features reads too): bank_imeis, bank_sims,
-- bank_peak_sims and bank_business_sims describe the device's bank, itself and the devices side by
-- side with it. How it calls (calls_out to peak_day_callees) is telecom/calling_rhythm's, a query of
-- its own that number_features reads too (a handset and its one number are one caller there).
-- One row per IMEI that made a call or sent a message.
-- Who called whom (telecom/call_pairs) and from which SIM and cell (telecom/call_footprint) are
-- queries of their own too, read by both: this query reads the period's calls through them only.
WITH m AS (
    SELECT sender, recipient, sent_at, text, sender_imsi, sender_imei, sender_cell
    FROM messages
    WHERE {period:sent_at} AND sender_imei IS NOT NULL
),
sent AS (
    SELECT sender_imei AS actor, * FROM m
),
footprint AS (
    -- each device's SIMs, numbers and cells, and when each SIM first called from it (a few rows per
    -- device): what the SIM lists, the SIM facts and the spread read
    SELECT caller_imei AS imei, caller_imsi AS imsi, caller AS number, caller_cell AS cell, first_at
    FROM ({include:telecom/call_footprint}) AS f WHERE caller_imei IS NOT NULL
),
pairs AS ({include:telecom/call_pairs}),
uses AS (
    -- which SIM (imsi, number) was seen in which device
    SELECT DISTINCT imei, imsi, number FROM footprint
    UNION
    SELECT sender_imei, sender_imsi, sender FROM m
),
sim_lists AS (
    SELECT
        imei,
        count(DISTINCT imsi) AS imsis,
        count(DISTINCT number) AS numbers,
        -- list_sort, not ORDER BY inside list(): sqlglot drops that ORDER BY for Spark
        list_sort(list(DISTINCT imsi) FILTER (WHERE imsi IS NOT NULL)) AS sims
    FROM uses
    GROUP BY imei
),
device_numbers AS (
    SELECT DISTINCT imei, number FROM uses
),
callers_in AS (
    -- who called the numbers used in each device, and how often: incoming and callers_back read it
    SELECT u.imei, p.caller AS contact, sum(p.n) AS calls_in
    FROM pairs AS p JOIN device_numbers AS u ON u.number = p.callee
    GROUP BY ALL
),
incoming AS (
    SELECT imei, CAST(sum(calls_in) AS BIGINT) AS calls_in FROM callers_in GROUP BY imei
),
rhythm AS ({include:telecom/calling_rhythm}),
bank_facts AS ({include:telecom/bank_facts}),
reached AS (
    SELECT caller_imei AS imei, callee AS contact, sum(n) AS n, min(first_at) AS first_at
    FROM pairs WHERE caller_imei IS NOT NULL GROUP BY ALL
),
spread AS (
    SELECT r.imei, r.callees, k.cells
    FROM (SELECT imei, count(*) AS callees FROM reached GROUP BY imei) AS r
    LEFT JOIN (
        SELECT imei, count(DISTINCT cell) AS cells FROM footprint GROUP BY imei
    ) AS k USING (imei)
),
callers_back AS (
    -- contacts who called any number used in the device
    SELECT imei, contact FROM callers_in
),
strangers AS (
    SELECT
        r.imei,
        avg(CASE WHEN b.contact IS NOT NULL THEN 1.0 ELSE 0.0 END) AS callback_share,
        avg(CASE WHEN r.n = 1 AND b.contact IS NULL THEN 1.0 ELSE 0.0 END) AS one_off_share
    FROM reached AS r
    LEFT JOIN callers_back AS b ON b.imei = r.imei AND b.contact = r.contact
    GROUP BY r.imei
),
contacts AS (
    SELECT imei AS actor, contact, min(first_at) AS first_at FROM (
        SELECT imei, contact, first_at FROM reached
        UNION ALL
        SELECT sender_imei, recipient, min(sent_at) FROM m GROUP BY ALL
    )
    GROUP BY imei, contact
),
{include:telecom/_contact_facts},
sim_facts AS (
    SELECT
        u.imei,
        min(date_diff('hour', s.activated_at, u.first_at) / 24.0) AS min_sim_age_days,
        avg(CASE WHEN s.plan = 'business' THEN 1.0 ELSE 0.0 END) AS business_share,
        avg(CASE WHEN s.holder_id IS NULL THEN 1.0 ELSE 0.0 END) AS unregistered_share
    FROM (
        SELECT imei, imsi, min(first_at) AS first_at FROM footprint GROUP BY ALL
        UNION ALL
        SELECT sender_imei, sender_imsi, min(sent_at) FROM m GROUP BY ALL
    ) AS u
    JOIN subscribers AS s ON s.imsi = u.imsi
    GROUP BY u.imei
)
SELECT
    'imei:' || l.imei AS entity,
    l.imsis,
    l.numbers,
    coalesce(o.calls_out, 0) AS calls_out,
    coalesce(i.calls_in, 0) AS calls_in,
    coalesce(sp.callees, 0) AS callees,
    coalesce(o.answered_share, 0.0) AS answered_share,
    coalesce(o.median_duration_s, 0.0) AS median_duration_s,
    coalesce(o.short_share, 0.0) AS short_share,
    coalesce(o.night_share, 0.0) AS night_share,
    coalesce(o.office_hours_share, 0.0) AS office_hours_share,
    coalesce(o.gap_cv, 1.0) AS gap_cv,
    coalesce(o.peak_hour_calls, 0) AS peak_hour_calls,
    coalesce(o.peak_day_callees, 0) AS peak_day_callees,
    coalesce(s.callback_share, 0.0) AS callback_share,
    coalesce(s.one_off_share, 0.0) AS one_off_share,
    coalesce(sp.cells, 0) AS cells,
    coalesce(t.sms_out, 0) AS sms_out,
    coalesce(t.sms_recipients, 0) AS sms_recipients,
    coalesce(t.sms_link_share, 0.0) AS sms_link_share,
    coalesce(e.elderly_share, 0.0) AS elderly_share,
    coalesce(rep.contacts_reporting, 0) AS contacts_reporting,
    CASE WHEN f.min_sim_age_days IS NOT NULL THEN greatest(f.min_sim_age_days, 0.0) END AS min_sim_age_days,
    coalesce(f.business_share, 0.0) AS business_share,
    coalesce(f.unregistered_share, 1.0) AS unregistered_share,
    coalesce(l.sims, []) AS sims,
    coalesce(b.bank_imeis, 1) AS bank_imeis,
    coalesce(b.bank_sims, l.imsis) AS bank_sims,
    coalesce(b.bank_peak_sims, l.imsis) AS bank_peak_sims,
    coalesce(b.bank_business_sims, 0) AS bank_business_sims,
    coalesce(b.own_sim_days, 0) AS own_sim_days,
    coalesce(b.period_days, 0) AS period_days
FROM sim_lists AS l
LEFT JOIN rhythm AS o ON o.imei = l.imei
LEFT JOIN incoming AS i ON i.imei = l.imei
LEFT JOIN spread AS sp ON sp.imei = l.imei
LEFT JOIN strangers AS s ON s.imei = l.imei
LEFT JOIN texts AS t ON t.actor = l.imei
LEFT JOIN elderly AS e ON e.actor = l.imei
LEFT JOIN reporting AS rep ON rep.actor = l.imei
LEFT JOIN sim_facts AS f ON f.imei = l.imei
LEFT JOIN bank_facts AS b ON b.imei = l.imei
ORDER BY entity
