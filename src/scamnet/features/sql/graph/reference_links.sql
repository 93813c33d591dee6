-- Links the reference tables state (who holds which number and account, which SIM has which
-- number), dated by when the SIM was activated or the account opened; not limited to a period.
SELECT 'person:' || holder_id AS src, 'phone:' || msisdn AS dst, 'owns_phone' AS type, 1 AS count,
        min(activated_at) AS first_seen, min(activated_at) AS last_seen
    FROM subscribers WHERE holder_id IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'imsi:' || imsi, 'phone:' || msisdn, 'sim_number', 1, min(activated_at), min(activated_at)
    FROM subscribers GROUP BY ALL
UNION ALL SELECT 'person:' || holder_id, 'account:' || account_id, 'owns_account', 1, min(opened_at), min(opened_at)
    FROM accounts WHERE holder_id IS NOT NULL AND holder_type = 'person' GROUP BY ALL
UNION ALL SELECT 'account:' || account_id, 'phone:' || msisdn, 'account_phone', 1, min(opened_at), min(opened_at)
    FROM accounts WHERE msisdn IS NOT NULL GROUP BY ALL
