-- Per account, over the period: how many other accounts log in or pay from the same devices and
-- IPs, and how many other holders those accounts belong to. A gang runs many people's accounts
-- from a few phones; one person with two accounts on their phone is one holder, and a family
-- tablet is two or three. An IP shared by more than 12 accounts (a carrier NAT, a public Wi-Fi)
-- says nothing, so such IPs are left out.
WITH uses AS (
    SELECT account_id, device_id, ip FROM sessions WHERE {period:ts}
    UNION
    SELECT src_account, src_device, src_ip FROM transfers WHERE {period:ts} AND src_account IS NOT NULL
),
holders AS (
    SELECT account_id, min(holder_id) AS holder_id FROM accounts GROUP BY account_id
),
devices AS (
    SELECT DISTINCT u.account_id, u.device_id, coalesce(h.holder_id, u.account_id) AS holder_id
    FROM uses AS u LEFT JOIN holders AS h USING (account_id) WHERE u.device_id IS NOT NULL
),
ips AS (
    SELECT DISTINCT u.account_id, u.ip, coalesce(h.holder_id, u.account_id) AS holder_id
    FROM uses AS u LEFT JOIN holders AS h USING (account_id) WHERE u.ip IS NOT NULL
),
device_sizes AS (
    SELECT device_id, count(*) AS accounts FROM devices GROUP BY device_id
),
ip_sizes AS (
    SELECT ip, count(*) AS accounts FROM ips GROUP BY ip
),
per_device AS (
    SELECT d.account_id, count(*) AS devices, sum(s.accounts - 1) AS device_peers
    FROM devices AS d JOIN device_sizes AS s USING (device_id)
    GROUP BY d.account_id
),
per_ip AS (
    SELECT i.account_id, count(*) AS ips, sum(s.accounts - 1) FILTER (WHERE s.accounts <= 12) AS ip_peers
    FROM ips AS i JOIN ip_sizes AS s USING (ip)
    GROUP BY i.account_id
),
device_holders AS (
    -- other holders whose accounts share a device with this account
    SELECT a.account_id, count(DISTINCT b.holder_id) AS device_holder_peers
    FROM devices AS a JOIN devices AS b ON b.device_id = a.device_id AND b.holder_id <> a.holder_id
    WHERE a.device_id IN (SELECT device_id FROM device_sizes WHERE accounts BETWEEN 2 AND 200)
    GROUP BY a.account_id
),
ip_holders AS (
    SELECT a.account_id, count(DISTINCT b.holder_id) AS ip_holder_peers
    FROM ips AS a JOIN ips AS b ON b.ip = a.ip AND b.holder_id <> a.holder_id
    WHERE a.ip IN (SELECT ip FROM ip_sizes WHERE accounts BETWEEN 2 AND 12)
    GROUP BY a.account_id
)
SELECT
    coalesce(d.account_id, i.account_id) AS account_id,
    coalesce(d.devices, 0) AS devices,
    coalesce(d.device_peers, 0) AS device_peers,
    coalesce(i.ips, 0) AS ips,
    coalesce(i.ip_peers, 0) AS ip_peers,
    coalesce(dh.device_holder_peers, 0) AS device_holder_peers,
    coalesce(ih.ip_holder_peers, 0) AS ip_holder_peers
FROM per_device AS d
FULL JOIN per_ip AS i USING (account_id)
LEFT JOIN device_holders AS dh ON dh.account_id = coalesce(d.account_id, i.account_id)
LEFT JOIN ip_holders AS ih ON ih.account_id = coalesce(d.account_id, i.account_id)
