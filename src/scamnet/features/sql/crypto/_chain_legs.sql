-- Fragment (CTEs after WITH): the period's chain transfers between two different addresses (t),
-- and each of them seen from both ends (legs: dir 1 = in, -1 = out). Amounts as DOUBLE in the
-- token's own units; a transfer without a token symbol is the chain's native coin.
t AS (
    SELECT chain, tx_hash, ts, from_address, to_address,
           coalesce(token_symbol, 'native') AS token, CAST(amount AS DOUBLE) AS amount
    FROM chain_transfers
    WHERE {period:ts} AND from_address IS NOT NULL AND to_address IS NOT NULL AND from_address <> to_address
),
legs AS (
    SELECT chain, to_address AS address, ts, token, amount, from_address AS counterparty, 1 AS dir FROM t
    UNION ALL
    SELECT chain, from_address AS address, ts, token, amount, to_address AS counterparty, -1 AS dir FROM t
)
