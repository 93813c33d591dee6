-- Per wallet that moved coins in the period: who it deals with.
-- - OTC: otc_trades names the chain transfer of each trade, which runs from the trader to a buyer
--   or from a seller to the trader; the trader's end is the one in more OTC transfers. otc_*
--   counts what a wallet bought (received straight from a trader); otc_linked_* what it received
--   from wallets passing bought coins on within a day (the fan-in of a consolidation wallet; a
--   buyer who pays a shop weeks later is no link).
-- - Scam wallets: a wallet on the watchlist (a table watchlist(entity, score) the caller
--   registers; entity wallet:<chain>:<address> or wallet:<address>) or named by a victim's
--   report (report_items kind 'wallet', reports made before the period ends). scam_* counts the
--   counterparties of a wallet that are such wallets, and its money from and to them.
-- - Hubs: wallets paid by at least $hub_min_payers different senders (exchange hot wallets,
--   large services). hub_* is what a wallet sent to a hub; hub_address names one.
WITH {include:crypto/_chain_legs},
otc_txs AS (
    SELECT t.* FROM t JOIN (SELECT DISTINCT chain, tx_hash FROM otc_trades WHERE tx_hash IS NOT NULL) AS o
      ON o.chain = t.chain AND o.tx_hash = t.tx_hash
),
otc_ends AS (
    -- how many OTC transfers each address is an end of: a trader's wallet is in many
    SELECT chain, address, count(*) AS trades FROM (
        SELECT chain, from_address AS address FROM otc_txs UNION ALL SELECT chain, to_address FROM otc_txs
    ) AS e GROUP BY chain, address
),
otc_legs AS (
    -- each OTC transfer with its trader's end: the end in more OTC transfers (the sender on a tie)
    SELECT x.*, CASE WHEN f.trades >= r.trades THEN x.from_address ELSE x.to_address END AS trader_wallet
    FROM otc_txs AS x
    JOIN otc_ends AS f ON f.chain = x.chain AND f.address = x.from_address
    JOIN otc_ends AS r ON r.chain = x.chain AND r.address = x.to_address
),
traders AS (
    SELECT DISTINCT chain, trader_wallet AS address FROM otc_legs
),
otc_in AS (
    -- purchases: coins a trader sent to a customer's wallet
    SELECT chain, to_address AS address, count(*) AS otc_receipts, count(DISTINCT from_address) AS otc_traders,
           sum(amount) AS otc_amount, min(from_address) AS otc_trader
    FROM otc_legs WHERE from_address = trader_wallet GROUP BY chain, to_address
),
otc_linked AS (
    -- payments of OTC coins passed on: the payer had bought coins of the token from a trader
    -- within the 24 h before (traders' own payments are no such link)
    SELECT t.chain, t.to_address AS address, count(DISTINCT t.from_address) AS otc_linked_payers,
           sum(t.amount) AS otc_linked_amount
    FROM t
    WHERE EXISTS (SELECT 1 FROM otc_legs AS x WHERE x.chain = t.chain AND x.to_address = t.from_address
                    AND x.from_address = x.trader_wallet AND x.token = t.token
                    AND x.ts <= t.ts AND x.ts >= t.ts - INTERVAL 24 HOUR)
      AND NOT EXISTS (SELECT 1 FROM traders AS y WHERE y.chain = t.chain AND y.address = t.from_address)
    GROUP BY t.chain, t.to_address
),
reported AS (
    SELECT CASE WHEN lower(i.value) LIKE '0x%' THEN lower(i.value) ELSE i.value END AS address,
           count(DISTINCT i.report_id) AS reports
    FROM report_items AS i JOIN reports AS r ON r.report_id = i.report_id
    WHERE i.kind = 'wallet' AND {upto:r.reported_at}
    GROUP BY 1
),
listed AS (
    SELECT entity, max(score) AS score FROM watchlist GROUP BY entity
),
wallet_ids AS (
    SELECT DISTINCT chain, address FROM legs
),
flagged AS (
    SELECT w.chain, w.address, coalesce(r.reports, 0) AS named_in_reports,
           coalesce(l1.score, l2.score) AS watchlist_score
    FROM wallet_ids AS w
    LEFT JOIN reported AS r
      ON r.address = CASE WHEN lower(w.address) LIKE '0x%' THEN lower(w.address) ELSE w.address END
    LEFT JOIN listed AS l1 ON l1.entity = 'wallet:' || w.chain || ':' || w.address
    LEFT JOIN listed AS l2 ON l2.entity = 'wallet:' || w.address
    WHERE r.reports IS NOT NULL OR l1.score IS NOT NULL OR l2.score IS NOT NULL
),
scam_links AS (
    SELECT l.chain, l.address, count(DISTINCT l.counterparty) AS scam_counterparties,
           coalesce(sum(CASE WHEN l.dir = 1 THEN l.amount END), 0) AS scam_in_amount,
           coalesce(sum(CASE WHEN l.dir = -1 THEN l.amount END), 0) AS scam_out_amount
    FROM legs AS l JOIN flagged AS f ON f.chain = l.chain AND f.address = l.counterparty
    GROUP BY l.chain, l.address
),
hubs AS (
    SELECT chain, to_address AS address FROM t GROUP BY chain, to_address
    HAVING count(DISTINCT from_address) >= $hub_min_payers
),
to_hubs AS (
    SELECT t.chain, t.from_address AS address, sum(t.amount) AS hub_amount, min(t.to_address) AS hub_address
    FROM t JOIN hubs AS h ON h.chain = t.chain AND h.address = t.to_address
    GROUP BY t.chain, t.from_address
)
SELECT w.chain, w.address,
       coalesce(o.otc_receipts, 0) AS otc_receipts, coalesce(o.otc_traders, 0) AS otc_traders,
       coalesce(o.otc_amount, 0) AS otc_amount, o.otc_trader,
       coalesce(k.otc_linked_payers, 0) AS otc_linked_payers, coalesce(k.otc_linked_amount, 0) AS otc_linked_amount,
       coalesce(f.named_in_reports, 0) AS named_in_reports, f.watchlist_score,
       coalesce(s.scam_counterparties, 0) AS scam_counterparties,
       coalesce(s.scam_in_amount, 0) AS scam_in_amount, coalesce(s.scam_out_amount, 0) AS scam_out_amount,
       CASE WHEN h.address IS NULL THEN 0 ELSE 1 END AS is_hub,
       coalesce(th.hub_amount, 0) AS hub_amount, th.hub_address
FROM wallet_ids AS w
LEFT JOIN otc_in AS o ON o.chain = w.chain AND o.address = w.address
LEFT JOIN otc_linked AS k ON k.chain = w.chain AND k.address = w.address
LEFT JOIN flagged AS f ON f.chain = w.chain AND f.address = w.address
LEFT JOIN scam_links AS s ON s.chain = w.chain AND s.address = w.address
LEFT JOIN hubs AS h ON h.chain = w.chain AND h.address = w.address
LEFT JOIN to_hubs AS th ON th.chain = w.chain AND th.address = w.address
