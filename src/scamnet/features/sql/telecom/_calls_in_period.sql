-- Fragment: the period's calls, with the local clock in plain seconds (hour, day and weekday by
-- arithmetic; 1970-01-01 was a Thursday). Defines the CTE c.
c AS (
    SELECT
        caller, callee, started_at, duration_s, answered, caller_imsi, caller_imei, caller_cell,
        epoch(started_at) AS t_s,
        floor({local_s:started_at} % 86400 / 3600) AS local_hour,
        floor({local_s:started_at} / 86400) AS local_day,
        (floor({local_s:started_at} / 86400) + 3) % 7 + 1 AS local_isodow
    FROM calls
    WHERE {period:started_at}
)
