-- Every transfer as one event per account it touches (in: dir 1, out: dir -1), keyed by a 64-bit
-- hash of the account id, for the time-ordered features computed in features/money_sequence.py;
-- sorted by account, then time, money in before money out within one second.
WITH t AS (
    SELECT ts, src_account, dst_account, amount::DOUBLE AS amount
    FROM transfers
    WHERE {period:ts}
)
SELECT hash(dst_account) AS k, CAST(floor(epoch(ts)) AS BIGINT) AS s, amount, 1::TINYINT AS dir FROM t WHERE dst_account IS NOT NULL
UNION ALL
SELECT hash(src_account), CAST(floor(epoch(ts)) AS BIGINT), amount, -1::TINYINT FROM t WHERE src_account IS NOT NULL
ORDER BY k, s, dir DESC
