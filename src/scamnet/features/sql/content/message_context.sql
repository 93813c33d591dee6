-- Every message with a text in the period, with who sent it to whom and whether the two had been in touch
-- before (a call either way, or an earlier message either way): campaigns reach strangers.
WITH contacts AS (
    SELECT sender AS a, recipient AS b, sent_at AS contact_at FROM messages WHERE {upto:sent_at}
    UNION ALL
    SELECT recipient, sender, sent_at FROM messages WHERE {upto:sent_at}
    UNION ALL
    SELECT caller, callee, started_at FROM calls WHERE {upto:started_at}
    UNION ALL
    SELECT callee, caller, started_at FROM calls WHERE {upto:started_at}
),
first_contact AS (
    SELECT a, b, min(contact_at) AS first_at FROM contacts GROUP BY a, b
)
SELECT m.msg_id, m.sent_at, m.sender, m.recipient, m.text,
       coalesce(f.first_at >= m.sent_at, TRUE) AS stranger
FROM messages AS m
LEFT JOIN first_contact AS f ON f.a = m.sender AND f.b = m.recipient
WHERE m.text IS NOT NULL AND {period:m.sent_at}
ORDER BY m.msg_id
