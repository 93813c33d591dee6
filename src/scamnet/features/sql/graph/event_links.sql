-- Links made by events in the period (calls, SMS, transfers, sessions), one row per
-- (src, dst, type) with how many events made it and when it was first and last seen.
SELECT 'phone:' || caller AS src, 'phone:' || callee AS dst, 'call' AS type, count(*) AS count,
        min(started_at) AS first_seen, max(started_at) AS last_seen
    FROM calls WHERE {period:started_at} GROUP BY ALL
UNION ALL SELECT 'imei:' || caller_imei, 'imsi:' || caller_imsi, 'device_sim', count(*), min(started_at), max(started_at)
    FROM calls WHERE caller_imei IS NOT NULL AND caller_imsi IS NOT NULL AND {period:started_at} GROUP BY ALL
UNION ALL SELECT 'imsi:' || caller_imsi, 'phone:' || caller, 'sim_number', count(*), min(started_at), max(started_at)
    FROM calls WHERE caller_imsi IS NOT NULL AND {period:started_at} GROUP BY ALL
UNION ALL SELECT 'phone:' || sender, 'phone:' || recipient, 'sms', count(*), min(sent_at), max(sent_at)
    FROM messages WHERE sender LIKE '+%' AND {period:sent_at} GROUP BY ALL
UNION ALL SELECT 'imei:' || sender_imei, 'imsi:' || sender_imsi, 'device_sim', count(*), min(sent_at), max(sent_at)
    FROM messages WHERE sender_imei IS NOT NULL AND sender_imsi IS NOT NULL AND {period:sent_at} GROUP BY ALL
UNION ALL SELECT 'imsi:' || sender_imsi, 'phone:' || sender, 'sim_number', count(*), min(sent_at), max(sent_at)
    FROM messages WHERE sender_imsi IS NOT NULL AND sender LIKE '+%' AND {period:sent_at} GROUP BY ALL
UNION ALL SELECT 'account:' || src_account, 'account:' || dst_account, 'transfer', count(*), min(ts), max(ts)
    FROM transfers WHERE src_account IS NOT NULL AND dst_account IS NOT NULL AND {period:ts} GROUP BY ALL
UNION ALL SELECT 'account:' || src_account, 'device:' || src_device, 'account_device', count(*), min(ts), max(ts)
    FROM transfers WHERE src_account IS NOT NULL AND src_device IS NOT NULL AND {period:ts} GROUP BY ALL
UNION ALL SELECT 'account:' || src_account, 'ip:' || src_ip, 'account_ip', count(*), min(ts), max(ts)
    FROM transfers WHERE src_account IS NOT NULL AND src_ip IS NOT NULL AND {period:ts} GROUP BY ALL
UNION ALL SELECT 'account:' || account_id, 'device:' || device_id, 'account_device', count(*), min(ts), max(ts)
    FROM sessions WHERE {period:ts} GROUP BY ALL
UNION ALL SELECT 'account:' || account_id, 'ip:' || ip, 'account_ip', count(*), min(ts), max(ts)
    FROM sessions WHERE ip IS NOT NULL AND {period:ts} GROUP BY ALL
