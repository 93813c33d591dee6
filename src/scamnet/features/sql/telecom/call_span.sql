-- When the period's first and last call were made (both null without calls): the period's
-- length when it is open at either end.
SELECT min(started_at) AS first_at, max(started_at) AS last_at
FROM calls
WHERE {period:started_at}
