-- Per phone number (the MSISDN of a calling or texting SIM), over the period: how it calls and
-- texts, who answers and calls back, which devices and cells it uses, how old its SIM is, and
-- whether the people it reached later reported a scam. bank_sims_taking_turns: of the SIMs in the
-- SIM bank its devices act in (telecom/bank_facts, a query of its own that imei_features reads too:
-- devices side by side over all their calls and messages), those never in use on the same day as
-- the rest. How it calls (calls_out to peak_day_callees) is telecom/calling_rhythm's, a query of its
-- own that imei_features reads too (a phone's number and its handset are one caller there, computed
-- once). One row per number with outgoing activity.
-- Who called whom (telecom/call_pairs) and from which SIM and cell (telecom/call_footprint) are
-- queries of their own too, read by both: this query reads the period's calls through them only.
WITH m AS (
    SELECT sender, recipient, sent_at, text, sender_imsi, sender_imei, sender_cell
    FROM messages
    WHERE {period:sent_at} AND sender LIKE '+%'
),
sent AS (
    SELECT sender AS actor, * FROM m
),
footprint AS (
    -- each number's devices, cells and SIMs (a few rows per number): what spread, the devices'
    -- numbers and their SIMs read
    SELECT caller, caller_imei, caller_cell, caller_imsi FROM ({include:telecom/call_footprint}) AS f
),
calls_between AS ({include:telecom/call_pairs}),
numbers AS (
    SELECT caller AS number FROM footprint
    UNION
    SELECT sender FROM m
),
incoming AS (
    SELECT callee AS number, CAST(sum(n) AS BIGINT) AS calls_in FROM calls_between GROUP BY callee
),
rhythm AS ({include:telecom/calling_rhythm}),
pairs AS (
    SELECT caller, callee, sum(n) AS n, min(first_at) AS first_at FROM calls_between GROUP BY caller, callee
),
spread AS (
    SELECT p.number, p.callees, k.cells, k.imeis
    FROM (SELECT caller AS number, count(*) AS callees FROM pairs GROUP BY caller) AS p
    LEFT JOIN (
        SELECT caller AS number, count(DISTINCT caller_cell) AS cells, count(DISTINCT caller_imei) AS imeis
        FROM footprint
        GROUP BY caller
    ) AS k USING (number)
),
known AS (
    -- pairs in touch before the period, in either direction
    SELECT caller AS a, callee AS b FROM calls WHERE {before:started_at}
    UNION
    SELECT callee, caller FROM calls WHERE {before:started_at}
),
strangers AS (
    SELECT
        p.caller AS number,
        avg(CASE WHEN back.caller IS NOT NULL THEN 1.0 ELSE 0.0 END) AS callback_share,
        avg(CASE WHEN p.n = 1 AND back.caller IS NULL AND known.a IS NULL THEN 1.0 ELSE 0.0 END) AS one_off_share
    FROM pairs AS p
    LEFT JOIN pairs AS back ON back.caller = p.callee AND back.callee = p.caller
    LEFT JOIN known ON known.a = p.caller AND known.b = p.callee
    GROUP BY p.caller
),
contacts AS (
    SELECT number AS actor, contact, min(first_at) AS first_at FROM (
        SELECT caller AS number, callee AS contact, first_at FROM pairs
        UNION ALL
        SELECT sender, recipient, min(sent_at) FROM m GROUP BY sender, recipient
    )
    GROUP BY number, contact
),
{include:telecom/_contact_facts},
bank_facts AS ({include:telecom/bank_facts}),
number_devices AS (
    SELECT caller AS number, caller_imei AS imei FROM footprint
    UNION
    SELECT sender, sender_imei FROM m
),
turns AS (
    -- only where the device's own SIMs came or went too (seen in it, over the history up to the period's
    -- end, for a span at least two days shorter than the period): an office or a resident beside a SIM
    -- bank is no SIM bank
    SELECT u.number, max(CASE WHEN b.own_sim_days <= b.period_days - 2
        THEN (b.bank_sims - b.bank_peak_sims) * (1.0 - b.bank_business_sims / b.bank_sims) ELSE 0.0 END) AS bank_sims_taking_turns
    FROM number_devices AS u
    JOIN bank_facts AS b ON b.imei = u.imei
    GROUP BY u.number
),
named AS (
    SELECT i.value AS number, count(DISTINCT r.report_id) AS reports_naming
    FROM report_items AS i JOIN reports AS r ON r.report_id = i.report_id
    WHERE i.kind = 'phone' AND {upto:r.reported_at}
    GROUP BY i.value
),
devices AS (
    SELECT imei, count(DISTINCT imsi) AS imsis FROM (
        SELECT caller_imei AS imei, caller_imsi AS imsi FROM footprint
        UNION ALL
        SELECT sender_imei, sender_imsi FROM m
    )
    WHERE imei IS NOT NULL
    GROUP BY imei
),
shared_devices AS (
    SELECT u.number, max(d.imsis) AS imsis_on_device
    FROM number_devices AS u
    JOIN devices AS d ON d.imei = u.imei
    GROUP BY u.number
),
sims AS (
    SELECT
        msisdn,
        max(activated_at) AS activated_at,
        bool_or(plan = 'business') AS business_plan,
        bool_or(holder_id IS NULL) AS unregistered
    FROM subscribers
    GROUP BY msisdn
)
SELECT
    'phone:' || n.number AS entity,
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
    coalesce(sp.imeis, 0) AS imeis,
    coalesce(sd.imsis_on_device, 0) AS imsis_on_device,
    coalesce(tu.bank_sims_taking_turns, 0.0) AS bank_sims_taking_turns,
    coalesce(t.sms_out, 0) AS sms_out,
    coalesce(t.sms_recipients, 0) AS sms_recipients,
    coalesce(t.sms_link_share, 0.0) AS sms_link_share,
    coalesce(e.elderly_share, 0.0) AS elderly_share,
    coalesce(rep.contacts_reporting, 0) AS contacts_reporting,
    coalesce(nm.reports_naming, 0) AS reports_naming,
    -- greatest() skips NULLs: an unknown SIM must stay unknown, not look brand new
    CASE WHEN sim.activated_at IS NOT NULL
        THEN greatest(date_diff('hour', sim.activated_at, least(o.first_call_at, t.first_sms_at)) / 24.0, 0.0)
    END AS sim_age_days,
    coalesce(sim.business_plan, FALSE) AS business_plan,
    coalesce(sim.unregistered, TRUE) AS unregistered
FROM numbers AS n
LEFT JOIN rhythm AS o ON o.number = n.number
LEFT JOIN incoming AS i ON i.number = n.number
LEFT JOIN spread AS sp ON sp.number = n.number
LEFT JOIN strangers AS s ON s.number = n.number
LEFT JOIN texts AS t ON t.actor = n.number
LEFT JOIN elderly AS e ON e.actor = n.number
LEFT JOIN reporting AS rep ON rep.actor = n.number
LEFT JOIN named AS nm ON nm.number = n.number
LEFT JOIN shared_devices AS sd ON sd.number = n.number
LEFT JOIN sims AS sim ON sim.msisdn = n.number
LEFT JOIN turns AS tu ON tu.number = n.number
ORDER BY entity
