-- Per account, over the period: how many other accounts log in or pay from the same devices and
-- IPs. A gang runs many mule accounts from a few phones. An IP shared by more than 12 accounts
-- (a carrier NAT, a public Wi-Fi) says nothing, so such IPs are left out.
WITH uses AS (
    SELECT account_id, device_id, ip FROM sessions WHERE {period:ts}
    UNION
    SELECT src_account, src_device, src_ip FROM transfers WHERE {period:ts} AND src_account IS NOT NULL
),
devices AS (
    SELECT DISTINCT account_id, device_id FROM uses WHERE device_id IS NOT NULL
),
ips AS (
    SELECT DISTINCT account_id, ip FROM uses WHERE ip IS NOT NULL
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
)
SELECT
    coalesce(d.account_id, i.account_id) AS account_id,
    coalesce(d.devices, 0) AS devices,
    coalesce(d.device_peers, 0) AS device_peers,
    coalesce(i.ips, 0) AS ips,
    coalesce(i.ip_peers, 0) AS ip_peers
FROM per_device AS d
FULL JOIN per_ip AS i USING (account_id)
