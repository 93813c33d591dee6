-- Fragment: how an actor (a number or a device) calls, over the CTE acts (the period's calls
-- with the calling actor as the column actor). Defines outgoing, regularity and peaks, keyed by actor.
outgoing AS (
    SELECT
        actor,
        count(*) AS calls_out,
        avg(CASE WHEN answered THEN 1.0 ELSE 0.0 END) AS answered_share,
        median(duration_s) FILTER (WHERE answered) AS median_duration_s,
        avg(CASE WHEN duration_s < 30 THEN 1.0 ELSE 0.0 END) FILTER (WHERE answered) AS short_share,
        avg(CASE WHEN local_hour < 6 THEN 1.0 ELSE 0.0 END) AS night_share,
        avg(CASE WHEN local_isodow <= 5 AND local_hour BETWEEN 9 AND 17 THEN 1.0 ELSE 0.0 END)
            AS office_hours_share,
        min(started_at) AS first_call_at
    FROM acts
    GROUP BY actor
),
gaps AS (
    -- each call with the actor's call before it: the rhythm of the gaps, and the busiest hour
    SELECT actor, t_s, lag(t_s) OVER (PARTITION BY actor ORDER BY t_s) AS before_s
    FROM acts
),
regularity AS (
    SELECT actor, stddev_pop(t_s - before_s) / nullif(avg(t_s - before_s), 0) AS gap_cv
    FROM gaps
    -- within a working session; the night's pause is no rhythm
    WHERE before_s IS NOT NULL AND t_s - before_s < 3600
    GROUP BY actor
    HAVING count(*) >= 3
),
bursts AS (
    -- the calls of an hour after its first (the call before was in the same clock hour): an hour of
    -- k calls counts k - 1 here, so the calls in it are that plus one; hours of a single call, most
    -- hours, are no row here, where a count per actor and hour grouped every call
    SELECT actor, floor(t_s / 3600) AS hour_at, count(*) + 1 AS n
    FROM gaps
    WHERE floor(before_s / 3600) = floor(t_s / 3600)
    GROUP BY ALL
),
days AS (
    -- DISTINCT in a subquery, not count(DISTINCT): much faster on DuckDB
    SELECT actor, day_at, count(*) AS n FROM (SELECT DISTINCT actor, local_day AS day_at, callee FROM acts) GROUP BY ALL
),
peaks AS (
    -- every actor with a call has a busiest hour: one call at least
    SELECT o.actor, coalesce(h.peak_hour_calls, 1) AS peak_hour_calls, d.peak_day_callees
    FROM outgoing AS o
    LEFT JOIN (SELECT actor, max(n) AS peak_hour_calls FROM bursts GROUP BY actor) AS h ON h.actor = o.actor
    JOIN (SELECT actor, max(n) AS peak_day_callees FROM days GROUP BY actor) AS d ON d.actor = o.actor
)
