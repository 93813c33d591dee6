-- Per phone number (the MSISDN of a calling or texting SIM), over the period: how it calls and
-- texts, who answers and calls back, which devices and cells it uses, how old its SIM is, and
-- whether the people it reached later reported a scam. One row per number with outgoing activity.
WITH c AS (
    SELECT
        caller, callee, started_at, duration_s, answered, caller_imsi, caller_imei, caller_cell,
        epoch(started_at) AS t_s,
        -- local clock in plain seconds: hour, day and weekday by arithmetic (1970-01-01 was a Thursday)
        floor({local_s:started_at} % 86400 / 3600) AS local_hour,
        floor({local_s:started_at} / 86400) AS local_day,
        (floor({local_s:started_at} / 86400) + 3) % 7 + 1 AS local_isodow
    FROM calls
    WHERE {period:started_at}
),
m AS (
    SELECT sender, recipient, sent_at, text, sender_imsi, sender_imei, sender_cell
    FROM messages
    WHERE {period:sent_at} AND sender LIKE '+%'
),
numbers AS (
    SELECT caller AS number FROM c
    UNION
    SELECT sender FROM m
),
outgoing AS (
    SELECT
        caller AS number,
        count(*) AS calls_out,
        avg(CASE WHEN answered THEN 1.0 ELSE 0.0 END) AS answered_share,
        median(duration_s) FILTER (WHERE answered) AS median_duration_s,
        avg(CASE WHEN duration_s < 30 THEN 1.0 ELSE 0.0 END) FILTER (WHERE answered) AS short_share,
        avg(CASE WHEN local_hour < 6 THEN 1.0 ELSE 0.0 END) AS night_share,
        avg(CASE WHEN local_isodow <= 5 AND local_hour BETWEEN 9 AND 17 THEN 1.0 ELSE 0.0 END)
            AS office_hours_share,
        min(started_at) AS first_call_at
    FROM c
    GROUP BY caller
),
incoming AS (
    SELECT callee AS number, count(*) AS calls_in FROM c GROUP BY callee
),
gaps AS (
    SELECT caller, t_s - lag(t_s) OVER (PARTITION BY caller ORDER BY t_s) AS gap_s
    FROM c
),
regularity AS (
    SELECT caller AS number, stddev_pop(gap_s) / nullif(avg(gap_s), 0) AS gap_cv
    FROM gaps
    WHERE gap_s IS NOT NULL AND gap_s < 3600  -- within a working session; the night's pause is no rhythm
    GROUP BY caller
    HAVING count(*) >= 3
),
hours AS (
    SELECT caller, floor(t_s / 3600) AS hour_at, count(*) AS n FROM c GROUP BY ALL
),
days AS (
    -- DISTINCT in a subquery, not count(DISTINCT): much faster on DuckDB
    SELECT caller, day_at, count(*) AS n FROM (SELECT DISTINCT caller, local_day AS day_at, callee FROM c) GROUP BY ALL
),
peaks AS (
    SELECT h.number, h.peak_hour_calls, d.peak_day_callees
    FROM (SELECT caller AS number, max(n) AS peak_hour_calls FROM hours GROUP BY caller) AS h
    JOIN (SELECT caller AS number, max(n) AS peak_day_callees FROM days GROUP BY caller) AS d USING (number)
),
pairs AS (
    SELECT caller, callee, count(*) AS n, min(started_at) AS first_at FROM c GROUP BY caller, callee
),
spread AS (
    SELECT p.number, p.callees, k.cells, k.imeis
    FROM (SELECT caller AS number, count(*) AS callees FROM pairs GROUP BY caller) AS p
    LEFT JOIN (
        SELECT caller AS number, count(DISTINCT caller_cell) AS cells, count(DISTINCT caller_imei) AS imeis
        FROM (SELECT DISTINCT caller, caller_cell, caller_imei FROM c)
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
    SELECT number, contact, min(first_at) AS first_at FROM (
        SELECT caller AS number, callee AS contact, first_at FROM pairs
        UNION ALL
        SELECT sender, recipient, min(sent_at) FROM m GROUP BY sender, recipient
    )
    GROUP BY number, contact
),
elderly AS (
    SELECT k.number, avg(CASE WHEN floor(epoch(k.first_at) / 31556952) + 1970 - p.birth_year >= 60 THEN 1.0 ELSE 0.0 END) AS elderly_share
    FROM contacts AS k
    JOIN subscribers AS s ON s.msisdn = k.contact
    JOIN persons AS p ON p.person_id = s.holder_id
    GROUP BY k.number
),
victims AS (
    SELECT victim_msisdn AS msisdn, max(reported_at) AS reported_at
    FROM reports
    WHERE {upto:reported_at} AND victim_msisdn IS NOT NULL
    GROUP BY victim_msisdn
),
reporting AS (
    SELECT k.number, count(*) AS contacts_reporting
    FROM contacts AS k JOIN victims AS v ON v.msisdn = k.contact AND v.reported_at >= k.first_at
    GROUP BY k.number
),
named AS (
    SELECT i.value AS number, count(DISTINCT r.report_id) AS reports_naming
    FROM report_items AS i JOIN reports AS r ON r.report_id = i.report_id
    WHERE i.kind = 'phone' AND {upto:r.reported_at}
    GROUP BY i.value
),
texts AS (
    SELECT
        sender AS number,
        count(*) AS sms_out,
        count(DISTINCT recipient) AS sms_recipients,
        avg(CASE WHEN regexp_matches(lower(text), 'https?://|www\.|[a-z0-9-]+\.(com|cn|net|org|top|xyz|cc|vip|info|io|app|shop|site|online|link|me|co)(/|\b)')
            THEN 1.0 ELSE 0.0 END) AS sms_link_share,
        min(sent_at) AS first_sms_at
    FROM m
    GROUP BY sender
),
devices AS (
    SELECT imei, count(DISTINCT imsi) AS imsis FROM (
        SELECT caller_imei AS imei, caller_imsi AS imsi FROM c
        UNION ALL
        SELECT sender_imei, sender_imsi FROM m
    )
    WHERE imei IS NOT NULL
    GROUP BY imei
),
shared_devices AS (
    SELECT u.number, max(d.imsis) AS imsis_on_device
    FROM (SELECT DISTINCT caller AS number, caller_imei AS imei FROM c
          UNION SELECT sender, sender_imei FROM m) AS u
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
    coalesce(r.gap_cv, 1.0) AS gap_cv,
    coalesce(p.peak_hour_calls, 0) AS peak_hour_calls,
    coalesce(p.peak_day_callees, 0) AS peak_day_callees,
    coalesce(s.callback_share, 0.0) AS callback_share,
    coalesce(s.one_off_share, 0.0) AS one_off_share,
    coalesce(sp.cells, 0) AS cells,
    coalesce(sp.imeis, 0) AS imeis,
    coalesce(sd.imsis_on_device, 0) AS imsis_on_device,
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
LEFT JOIN outgoing AS o ON o.number = n.number
LEFT JOIN incoming AS i ON i.number = n.number
LEFT JOIN spread AS sp ON sp.number = n.number
LEFT JOIN regularity AS r ON r.number = n.number
LEFT JOIN peaks AS p ON p.number = n.number
LEFT JOIN strangers AS s ON s.number = n.number
LEFT JOIN texts AS t ON t.number = n.number
LEFT JOIN elderly AS e ON e.number = n.number
LEFT JOIN reporting AS rep ON rep.number = n.number
LEFT JOIN named AS nm ON nm.number = n.number
LEFT JOIN shared_devices AS sd ON sd.number = n.number
LEFT JOIN sims AS sim ON sim.msisdn = n.number
ORDER BY entity
