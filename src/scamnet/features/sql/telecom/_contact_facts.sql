-- Fragment: what an actor's texts and contacts say, over the CTEs sent (the period's messages
-- with the sending actor as actor) and contacts (actor, contact, first_at: when the actor first
-- reached the contact). Defines texts, elderly and reporting, keyed by actor.
texts AS (
    SELECT
        actor,
        count(*) AS sms_out,
        count(DISTINCT recipient) AS sms_recipients,
        avg(CASE WHEN regexp_matches(lower(text), 'https?://|www\.|[a-z0-9-]+\.(com|cn|net|org|top|xyz|cc|vip|info|io|app|shop|site|online|link|me|co)(/|\b)')
            THEN 1.0 ELSE 0.0 END) AS sms_link_share,
        min(sent_at) AS first_sms_at
    FROM sent
    GROUP BY actor
),
elderly AS (
    SELECT k.actor, avg(CASE WHEN floor(epoch(k.first_at) / 31556952) + 1970 - p.birth_year >= 60 THEN 1.0 ELSE 0.0 END) AS elderly_share
    FROM contacts AS k
    JOIN subscribers AS s ON s.msisdn = k.contact
    JOIN persons AS p ON p.person_id = s.holder_id
    GROUP BY k.actor
),
victims AS (
    SELECT victim_msisdn AS msisdn, max(reported_at) AS reported_at
    FROM reports
    WHERE {upto:reported_at} AND victim_msisdn IS NOT NULL
    GROUP BY victim_msisdn
),
reporting AS (
    SELECT k.actor, count(*) AS contacts_reporting
    FROM contacts AS k JOIN victims AS v ON v.msisdn = k.contact AND v.reported_at >= k.first_at
    GROUP BY k.actor
)
