-- Links of the chain leg (docs/crypto.md): wallet to wallet by token transfers, and the bank
-- account that paid an OTC trader to the wallet that got the coins. Wallet ids are
-- wallet:<chain>:<address> (Ethereum and bech32 addresses lower case). Transfers from or to an
-- address with an attribution tag (an exchange hot wallet, a payment processor) tie nobody
-- together: they are services with huge fan-in, so they are left out; so are the wallets OTC
-- traders sell from (the senders of traded coins), which serve gangs and honest buyers alike.
WITH w AS (
    SELECT chain, tx_hash, ts, from_address, to_address,
        'wallet:' || chain || ':' || CASE WHEN chain = 'ethereum' OR lower(from_address) LIKE 'bc1%'
            THEN lower(from_address) ELSE from_address END AS src,
        'wallet:' || chain || ':' || CASE WHEN chain = 'ethereum' OR lower(to_address) LIKE 'bc1%'
            THEN lower(to_address) ELSE to_address END AS dst
    FROM chain_transfers WHERE {period:ts}
),
tagged AS (
    SELECT chain, address FROM wallets WHERE owner IS NOT NULL
    UNION SELECT c.chain, c.from_address FROM otc_trades o JOIN chain_transfers c ON c.chain = o.chain AND c.tx_hash = o.tx_hash
)
SELECT src, dst, 'chain_transfer' AS type, count(*) AS count, min(ts) AS first_seen, max(ts) AS last_seen
    FROM w
    WHERE NOT EXISTS (SELECT 1 FROM tagged t WHERE t.chain = w.chain AND t.address IN (w.from_address, w.to_address))
    GROUP BY ALL
UNION ALL SELECT 'account:' || b.src_account, w.dst, 'otc_trade', count(*), min(w.ts), max(w.ts)
    FROM otc_trades o JOIN transfers b ON b.txn_id = o.bank_txn_id
    JOIN w ON w.chain = o.chain AND w.tx_hash = o.tx_hash
    WHERE b.src_account IS NOT NULL GROUP BY ALL
