-- Per wallet that moved coins in the period, one row: its flows, how long coins stay, who it
-- deals with (crypto/wallet_flows, crypto/wallet_forwarding, crypto/wallet_links), and its
-- peel-chain shape: a wallet is a peel hop (peel_shape) when at least a quarter of its
-- receipts were peeled (crypto/wallet_forwarding: a small part off, most of
-- it passed on; a wallet reused by chains running side by side peels only some receipts cleanly,
-- as another chain's coins arrive before it pays on); peel_neighbours
-- counts its payers and payees of the same shape (a chain repeats the hop), peel_in_share the
-- share of its inflow that came from peel hops.
-- Every figure a DOUBLE; entity is wallet:<chain>:<address>; main_token, otc_trader and
-- hub_address are text for the reasons.
WITH f AS ({include:crypto/wallet_flows}),
q AS ({include:crypto/wallet_forwarding}),
k AS ({include:crypto/wallet_links}),
shape AS (
    SELECT chain, address, CASE WHEN peel_hops >= 1 AND peel_hops >= 0.25 * receipts THEN 1 ELSE 0 END AS peel_shape
    FROM q
),
edges AS (
    SELECT DISTINCT chain, from_address AS a, to_address AS b FROM chain_transfers
    WHERE {period:ts} AND from_address <> to_address
),
peel_links AS (
    SELECT e.chain, e.address, count(DISTINCT e.other) AS peel_neighbours FROM (
        SELECT chain, a AS address, b AS other FROM edges UNION ALL SELECT chain, b, a FROM edges
    ) AS e JOIN shape AS s ON s.chain = e.chain AND s.address = e.other AND s.peel_shape = 1
    GROUP BY e.chain, e.address
),
peel_fed AS (
    -- coins received from peel hops: the next hop, the peeled-off buyers, the chain's end
    SELECT c.chain, c.to_address AS address, sum(CAST(c.amount AS DOUBLE)) AS peel_in_amount
    FROM chain_transfers AS c JOIN shape AS s ON s.chain = c.chain AND s.address = c.from_address AND s.peel_shape = 1
    WHERE {period:c.ts} AND c.from_address <> c.to_address
    GROUP BY c.chain, c.to_address
)
SELECT
    'wallet:' || f.chain || ':' || f.address AS entity,
    f.main_token,
    CAST(f.in_count AS DOUBLE) AS in_count,
    CAST(f.out_count AS DOUBLE) AS out_count,
    CAST(f.in_counterparties AS DOUBLE) AS in_counterparties,
    CAST(f.out_counterparties AS DOUBLE) AS out_counterparties,
    CAST(f.in_amount AS DOUBLE) AS in_amount,
    CAST(f.out_amount AS DOUBLE) AS out_amount,
    CAST(f.max_in_amount AS DOUBLE) AS max_in_amount,
    CAST(f.max_out_amount AS DOUBLE) AS max_out_amount,
    CAST(f.min_out_amount AS DOUBLE) AS min_out_amount,
    CAST(greatest(f.in_amount - f.out_amount, 0) / nullif(f.in_amount, 0) AS DOUBLE) AS kept_share,
    CAST(f.active_hours AS DOUBLE) AS active_hours,
    CAST(f.age_hours_at_first_in AS DOUBLE) AS age_hours_at_first_in,
    CAST(q.forwarded_1h_share AS DOUBLE) AS forwarded_1h_share,
    CAST(q.forwarded_24h_share AS DOUBLE) AS forwarded_24h_share,
    CAST(coalesce(q.forwarded_receipts, 0) AS DOUBLE) AS forwarded_receipts,
    CAST(q.median_hold_minutes AS DOUBLE) AS median_hold_minutes,
    CAST(coalesce(q.receipts, 0) AS DOUBLE) AS receipts,
    CAST(coalesce(q.peel_hops, 0) AS DOUBLE) AS peel_hops,
    CAST(coalesce(s.peel_shape, 0) AS DOUBLE) AS peel_shape,
    CAST(coalesce(p.peel_neighbours, 0) AS DOUBLE) AS peel_neighbours,
    CAST(coalesce(pf.peel_in_amount / nullif(f.in_amount, 0), 0) AS DOUBLE) AS peel_in_share,
    CAST(k.otc_receipts AS DOUBLE) AS otc_receipts,
    CAST(k.otc_traders AS DOUBLE) AS otc_traders,
    CAST(coalesce(k.otc_amount / nullif(f.in_amount, 0), 0) AS DOUBLE) AS otc_in_share,
    k.otc_trader,
    CAST(k.otc_linked_payers AS DOUBLE) AS otc_linked_payers,
    CAST(coalesce(k.otc_linked_amount / nullif(f.in_amount, 0), 0) AS DOUBLE) AS otc_linked_in_share,
    CAST(k.named_in_reports AS DOUBLE) AS named_in_reports,
    CAST(k.watchlist_score AS DOUBLE) AS watchlist_score,
    CAST(k.scam_counterparties AS DOUBLE) AS scam_counterparties,
    CAST(coalesce(k.scam_in_amount / nullif(f.in_amount, 0), 0) AS DOUBLE) AS scam_in_share,
    CAST(coalesce(k.scam_out_amount / nullif(f.out_amount, 0), 0) AS DOUBLE) AS scam_out_share,
    CAST(k.is_hub AS DOUBLE) AS is_hub,
    CAST(coalesce(k.hub_amount / nullif(f.out_amount, 0), 0) AS DOUBLE) AS hub_out_share,
    k.hub_address
FROM f
JOIN k ON k.chain = f.chain AND k.address = f.address
LEFT JOIN q ON q.chain = f.chain AND q.address = f.address
LEFT JOIN shape AS s ON s.chain = f.chain AND s.address = f.address
LEFT JOIN peel_links AS p ON p.chain = f.chain AND p.address = f.address
LEFT JOIN peel_fed AS pf ON pf.chain = f.chain AND pf.address = f.address
ORDER BY entity
