-- Every message with a text in the period, with who sent it to whom and whether the two had been in touch
-- before (a call either way, or an earlier message either way): campaigns reach strangers.
-- Being in touch goes both ways, so a contact is one row under its two ends, the smaller first: the
-- same first contact as a row for each direction, from half the rows to group.
WITH contacts AS (
    SELECT least(sender, recipient) AS lo, greatest(sender, recipient) AS hi, sent_at AS contact_at
    FROM messages WHERE {upto:sent_at}
    UNION ALL
    SELECT least(caller, callee), greatest(caller, callee), started_at FROM calls WHERE {upto:started_at}
),
first_contact AS (
    SELECT lo, hi, min(contact_at) AS first_at FROM contacts GROUP BY lo, hi
)
SELECT m.msg_id, m.sent_at, m.sender, m.recipient, m.text,
       coalesce(f.first_at >= m.sent_at, TRUE) AS stranger
FROM messages AS m
LEFT JOIN first_contact AS f ON f.lo = least(m.sender, m.recipient) AND f.hi = greatest(m.sender, m.recipient)
WHERE m.text IS NOT NULL AND {period:m.sent_at}
ORDER BY m.msg_id
