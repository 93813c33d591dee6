-- Fragment: the period's calls, with the local clock in plain seconds (hour, day and weekday by
-- arithmetic; 1970-01-01 was a Thursday). Defines the CTE c.
-- caller is the calling SIM's own number where the operator knows the SIM (its IMSI in subscribers):
-- a spoofed caller id (a bank's hotline, a stranger's number) shown on the call is not whom the call
-- came from, and counting it there would flag the innocent number and hide the SIM's own.
c AS (
    SELECT
        coalesce(s.msisdn, k.caller) AS caller, k.callee, k.started_at, k.duration_s, k.answered, k.caller_imsi,
        k.caller_imei, k.caller_cell,
        epoch(k.started_at) AS t_s,
        floor({local_s:k.started_at} % 86400 / 3600) AS local_hour,
        floor({local_s:k.started_at} / 86400) AS local_day,
        (floor({local_s:k.started_at} / 86400) + 3) % 7 + 1 AS local_isodow
    FROM calls AS k
    LEFT JOIN subscribers AS s ON s.imsi = k.caller_imsi
    WHERE {period:k.started_at}
)
