-- Messages received by the holders of the accounts in ``wanted`` (account_id), up to the end of the period:
-- at the number the bank holds for the account and at every number registered to its holder. Recruiters
-- reach future mules by message (card renting, jobs abroad); their offers become reasons on mule alerts.
WITH numbers AS (
    SELECT a.account_id, a.msisdn
    FROM accounts AS a JOIN wanted AS w ON w.account_id = a.account_id
    WHERE a.msisdn IS NOT NULL
    UNION
    SELECT a.account_id, s.msisdn
    FROM accounts AS a
    JOIN wanted AS w ON w.account_id = a.account_id
    JOIN subscribers AS s ON s.holder_id = a.holder_id
)
SELECT n.account_id, m.msg_id, m.sent_at, m.sender, m.text
FROM numbers AS n
JOIN messages AS m ON m.recipient = n.msisdn
WHERE m.text IS NOT NULL AND {upto:m.sent_at}
ORDER BY n.account_id, m.sent_at, m.msg_id
