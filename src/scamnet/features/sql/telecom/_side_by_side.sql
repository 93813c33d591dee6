-- Fragment: SIM banks seen through their IMEIs, over the CTEs c (calls, with t_s; caller as the call
-- shows it: the calling SIM's own number is looked up in subscribers here, for the few calls that
-- need it) and m (messages, with sender_cell), and the history in calls and messages up to the
-- period's end. A SIM bank that spoofs an IMEI per slot or per SIM still cannot hide that its
-- devices act side by side, hour after hour in the same cell, and that its SIMs take turns: each
-- lives a few days and is replaced, while an office's or a person's SIMs are there all along.
--
-- Two IMEIs are side by side when, on their busy days (4 or more cell-hours with a call or SMS),
-- they acted in the same cell in the same hour at least 3 times and in at least 15 % of the
-- cell-hours either acted in on the days both were busy (a Jaccard share: two IMEIs of one box in 3
-- cells reach about a fifth; a person in a crowded cell next to a busy device stays near a tenth).
-- A device's bank is the chain of devices side by side, one with the next. A device that never
-- stood side by side with anyone and lived under 3 days (a SIM that made a few calls or texts on a
-- day or two, in an IMEI of its own) joins the bank whose cell-hours hold at least 2 and at least
-- half of its own: a short-lived IMEI acting where and when a bank acts. Only if at most a quarter
-- of the people it reached ever called one of its numbers: a person's new phone calls people who
-- call back, a SIM bank's IMEI reaches strangers.
--
-- Defines bank_facts, keyed by imei: bank_imeis (devices in the bank), bank_sims (SIMs seen in
-- them over the period), bank_peak_sims (most of those SIMs alive on one day, alive from the first
-- to the last day a SIM was seen), bank_business_sims (those on registered business lines),
-- own_sim_days (the longest any of the device's own SIMs was seen in it, over the history up to the
-- period's end) and period_days.
windows AS (
    -- UNION keeps each row once: a DISTINCT on either side would be a second pass for nothing
    SELECT caller_imei AS imei, caller_cell AS cell, floor(t_s / 3600) AS hour_at
    FROM c WHERE caller_imei IS NOT NULL AND caller_cell IS NOT NULL
    UNION
    SELECT sender_imei, sender_cell, floor(epoch(sent_at) / 3600)
    FROM m WHERE sender_imei IS NOT NULL AND sender_cell IS NOT NULL
),
busy_days AS (
    SELECT imei, floor(hour_at / 24) AS day_at, count(*) AS n FROM windows GROUP BY ALL HAVING count(*) >= 4
),
busy_devices AS (
    -- the busy devices numbered in the IMEIs' order: the self-join below pairs and counts these
    -- integers, not the IMEIs' strings (its rows are as many as devices meeting in a cell-hour, squared)
    SELECT imei, row_number() OVER (ORDER BY imei) AS device FROM (SELECT DISTINCT imei FROM busy_days) AS d
),
busy AS (
    SELECT k.device, w.cell, w.hour_at
    FROM windows AS w
    JOIN busy_days AS d ON d.imei = w.imei AND d.day_at = floor(w.hour_at / 24)
    JOIN busy_devices AS k ON k.imei = w.imei
),
busy_pairs AS (
    -- each pair of devices once, the smaller first (numbers and IMEIs sort alike): the count is the
    -- same either way round, so the self-join and its count run on half
    SELECT a.device, b.device AS peer, count(*) AS shared
    FROM busy AS a JOIN busy AS b ON a.cell = b.cell AND a.hour_at = b.hour_at AND a.device < b.device
    GROUP BY ALL
    HAVING count(*) >= 3
),
together AS (
    SELECT ka.imei, kb.imei AS peer, p.shared
    FROM busy_pairs AS p
    JOIN busy_devices AS ka ON ka.device = p.device
    JOIN busy_devices AS kb ON kb.device = p.peer
),
both_busy AS (
    SELECT t.imei, t.peer, sum(da.n + db.n) AS both_n
    FROM together AS t
    JOIN busy_days AS da ON da.imei = t.imei
    JOIN busy_days AS db ON db.imei = t.peer AND db.day_at = da.day_at
    GROUP BY ALL
),
acted AS (
    -- each device's SIMs, day by day over the period, and when each was first and last seen that
    -- day: sim_days and the period's part of lives read it (one pass over the calls, not two)
    SELECT imei, imsi, floor(t_s / 86400) AS day_at, min(t_s) AS first_s, max(t_s) AS last_s FROM (
        SELECT caller_imei AS imei, caller_imsi AS imsi, t_s FROM c WHERE caller_imei IS NOT NULL
        UNION ALL
        SELECT sender_imei, sender_imsi, epoch(sent_at) FROM m
    ) AS a
    GROUP BY ALL
),
sim_days AS (
    SELECT imei, imsi, day_at FROM acted WHERE imsi IS NOT NULL
),
sim_spans AS (
    -- each device's SIMs, from the first to the last day seen in it: what a bank's SIMs and their
    -- spans read (a row per SIM and device, not per day)
    SELECT imei, imsi, min(day_at) AS first_day, max(day_at) AS last_day FROM sim_days GROUP BY imei, imsi
),
linked AS (
    SELECT t.imei, t.peer
    FROM together AS t JOIN both_busy AS k ON k.imei = t.imei AND k.peer = t.peer
    WHERE t.shared >= 0.15 * (k.both_n - t.shared)
),
links AS (
    -- both ways round: each device's peers
    SELECT imei, peer FROM linked
    UNION ALL
    SELECT peer, imei FROM linked
),
-- a bank is a chain of devices side by side (a SIM that lives a few days meets the next ones):
-- the smallest IMEI reachable in six steps names it
label0 AS (
    SELECT DISTINCT imei, imei AS bank_id FROM links
),
label1 AS (
    SELECT l.imei, least(min(l.bank_id), coalesce(min(p.bank_id), min(l.bank_id))) AS bank_id
    FROM label0 AS l LEFT JOIN links AS k ON k.imei = l.imei LEFT JOIN label0 AS p ON p.imei = k.peer
    GROUP BY l.imei
),
label2 AS (
    SELECT l.imei, least(min(l.bank_id), coalesce(min(p.bank_id), min(l.bank_id))) AS bank_id
    FROM label1 AS l LEFT JOIN links AS k ON k.imei = l.imei LEFT JOIN label1 AS p ON p.imei = k.peer
    GROUP BY l.imei
),
label3 AS (
    SELECT l.imei, least(min(l.bank_id), coalesce(min(p.bank_id), min(l.bank_id))) AS bank_id
    FROM label2 AS l LEFT JOIN links AS k ON k.imei = l.imei LEFT JOIN label2 AS p ON p.imei = k.peer
    GROUP BY l.imei
),
label4 AS (
    SELECT l.imei, least(min(l.bank_id), coalesce(min(p.bank_id), min(l.bank_id))) AS bank_id
    FROM label3 AS l LEFT JOIN links AS k ON k.imei = l.imei LEFT JOIN label3 AS p ON p.imei = k.peer
    GROUP BY l.imei
),
label5 AS (
    SELECT l.imei, least(min(l.bank_id), coalesce(min(p.bank_id), min(l.bank_id))) AS bank_id
    FROM label4 AS l LEFT JOIN links AS k ON k.imei = l.imei LEFT JOIN label4 AS p ON p.imei = k.peer
    GROUP BY l.imei
),
label6 AS (
    SELECT l.imei, least(min(l.bank_id), coalesce(min(p.bank_id), min(l.bank_id))) AS bank_id
    FROM label5 AS l LEFT JOIN links AS k ON k.imei = l.imei LEFT JOIN label5 AS p ON p.imei = k.peer
    GROUP BY l.imei
),
-- a device that acted too little to stand side by side with anyone (a SIM that made a few calls or
-- texts on a day or two, in an IMEI of its own) and lived only days, over all the history up to the
-- period's end, joins the bank whose cell-hours hold its own
lives AS (
    -- each device's SIMs, first and last seen in it, over the history up to the period's end: the
    -- period's calls and messages (acted, already read) and those before it
    SELECT imei, imsi, min(first_s) AS first_s, max(last_s) AS last_s FROM (
        SELECT imei, imsi, first_s, last_s FROM acted
        UNION ALL
        SELECT caller_imei, caller_imsi, epoch(started_at), epoch(started_at)
        FROM calls WHERE {before:started_at} AND caller_imei IS NOT NULL
        UNION ALL
        SELECT sender_imei, sender_imsi, epoch(sent_at), epoch(sent_at)
        FROM messages WHERE {before:sent_at} AND sender_imei IS NOT NULL
    ) AS a
    GROUP BY imei, imsi
),
life AS (
    SELECT imei, (max(last_s) - min(first_s)) / 86400.0 AS life_days FROM lives GROUP BY imei
),
bank_hours AS (
    SELECT DISTINCT l.bank_id, w.cell, w.hour_at FROM label6 AS l JOIN windows AS w ON w.imei = l.imei
),
short_lived AS (
    SELECT w.imei, count(*) AS hours_n
    FROM windows AS w
    JOIN life AS f ON f.imei = w.imei
    LEFT JOIN label6 AS l ON l.imei = w.imei
    -- lived under 3 days of a history of a week or more: in a shorter one anybody's phone looks short-lived
    WHERE l.imei IS NULL AND f.life_days < 3
        AND (SELECT (max(last_s) - min(first_s)) / 86400.0 FROM lives) >= 7
    GROUP BY w.imei
),
short_hours AS (
    -- the short-lived devices' cell-hours, grouped (they are distinct already) so that the join with
    -- bank_hours starts from these few: joined the other way round, every device's cell-hours met
    -- every bank's first (40 M rows at 10 M calls, to keep none)
    SELECT w.imei, w.cell, w.hour_at, max(s.hours_n) AS hours_n
    FROM short_lived AS s JOIN windows AS w ON w.imei = s.imei
    GROUP BY w.imei, w.cell, w.hour_at
),
joined AS (
    SELECT s.imei, h.bank_id, count(*) AS shared, max(s.hours_n) AS hours_n
    FROM short_hours AS s
    JOIN bank_hours AS h ON h.cell = s.cell AND h.hour_at = s.hour_at
    GROUP BY ALL
),
reached AS (
    -- whom each short-lived device reached from the numbers it used
    -- (a call's number is the calling SIM's own where the operator knows the SIM, as everywhere)
    SELECT DISTINCT s.imei, k.number, k.contact
    FROM short_lived AS s
    JOIN (
        SELECT k.caller_imei AS imei, coalesce(sub.msisdn, k.caller) AS number, k.callee AS contact
        FROM c AS k JOIN short_lived AS d ON d.imei = k.caller_imei
        LEFT JOIN subscribers AS sub ON sub.imsi = k.caller_imsi
        UNION ALL
        SELECT sender_imei, sender, recipient FROM m
    ) AS k ON k.imei = s.imei
),
one_way AS (
    -- a person's new phone reaches people who call its number; a SIM bank's IMEI reaches strangers
    SELECT r.imei, count(DISTINCT r.contact) AS contacts, count(DISTINCT b.caller) AS called_back
    FROM (SELECT DISTINCT imei, contact FROM reached) AS r
    LEFT JOIN (
        SELECT DISTINCT n.imei, coalesce(sub.msisdn, k.caller) AS caller
        FROM c AS k JOIN (SELECT DISTINCT imei, number FROM reached) AS n ON n.number = k.callee
        LEFT JOIN subscribers AS sub ON sub.imsi = k.caller_imsi
    ) AS b ON b.imei = r.imei AND b.caller = r.contact
    GROUP BY r.imei
),
attached AS (
    SELECT imei, bank_id FROM (
        SELECT j.imei, j.bank_id, row_number() OVER (PARTITION BY j.imei ORDER BY j.shared DESC, j.bank_id) AS r
        FROM joined AS j
        JOIN one_way AS o ON o.imei = j.imei
        WHERE j.shared >= 2 AND j.shared >= 0.5 * j.hours_n AND o.called_back <= 0.25 * o.contacts
    ) AS a
    WHERE r = 1
),
bank AS (
    SELECT DISTINCT imei, imei AS member FROM sim_spans
    UNION
    SELECT a.imei, b.imei FROM label6 AS a JOIN label6 AS b ON a.bank_id = b.bank_id
    UNION
    SELECT j.imei, b.imei FROM attached AS j JOIN label6 AS b ON b.bank_id = j.bank_id
),
bank_spans AS (
    -- each SIM of the bank from the first to the last day it was seen in it
    SELECT b.imei, d.imsi, min(d.first_day) AS first_day, max(d.last_day) AS last_day
    FROM bank AS b JOIN sim_spans AS d ON d.imei = b.member
    GROUP BY ALL
),
bank_days AS (
    SELECT k.imei, a.day_at, count(*) AS sims
    FROM bank_spans AS k
    JOIN (SELECT DISTINCT day_at FROM sim_days) AS a ON a.day_at BETWEEN k.first_day AND k.last_day
    GROUP BY ALL
),
own_spans AS (
    -- the longest any of the device's own SIMs was seen in it (in days, over the history up to the
    -- period's end: a person's phone seen for weeks before is no SIM taking its turn), and the period's days
    SELECT d.imei, max(floor(v.last_s / 86400) - floor(v.first_s / 86400) + 1) AS own_sim_days,
        (SELECT max(day_at) - min(day_at) + 1 FROM sim_days) AS period_days
    FROM (SELECT DISTINCT imei FROM sim_spans) AS d
    JOIN lives AS v ON v.imei = d.imei AND v.imsi IS NOT NULL
    GROUP BY d.imei
),
bank_facts AS (
    SELECT s.imei, s.bank_imeis, s.bank_sims, s.bank_business_sims, p.bank_peak_sims, o.own_sim_days, o.period_days
    FROM (
        SELECT b.imei, count(DISTINCT b.member) AS bank_imeis, count(DISTINCT d.imsi) AS bank_sims,
            count(DISTINCT CASE WHEN sub.plan = 'business' THEN d.imsi END) AS bank_business_sims
        FROM bank AS b
        JOIN sim_spans AS d ON d.imei = b.member
        LEFT JOIN subscribers AS sub ON sub.imsi = d.imsi
        GROUP BY b.imei
    ) AS s
    JOIN (SELECT imei, max(sims) AS bank_peak_sims FROM bank_days GROUP BY imei) AS p USING (imei)
    JOIN own_spans AS o USING (imei)
)
