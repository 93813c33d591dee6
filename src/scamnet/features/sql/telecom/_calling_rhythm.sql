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
    SELECT actor, t_s - lag(t_s) OVER (PARTITION BY actor ORDER BY t_s) AS gap_s
    FROM acts
),
regularity AS (
    SELECT actor, stddev_pop(gap_s) / nullif(avg(gap_s), 0) AS gap_cv
    FROM gaps
    WHERE gap_s IS NOT NULL AND gap_s < 3600  -- within a working session; the night's pause is no rhythm
    GROUP BY actor
    HAVING count(*) >= 3
),
hours AS (
    SELECT actor, floor(t_s / 3600) AS hour_at, count(*) AS n FROM acts GROUP BY ALL
),
days AS (
    -- DISTINCT in a subquery, not count(DISTINCT): much faster on DuckDB
    SELECT actor, day_at, count(*) AS n FROM (SELECT DISTINCT actor, local_day AS day_at, callee FROM acts) GROUP BY ALL
),
peaks AS (
    SELECT h.actor, h.peak_hour_calls, d.peak_day_callees
    FROM (SELECT actor, max(n) AS peak_hour_calls FROM hours GROUP BY actor) AS h
    JOIN (SELECT actor, max(n) AS peak_day_callees FROM days GROUP BY actor) AS d USING (actor)
)
