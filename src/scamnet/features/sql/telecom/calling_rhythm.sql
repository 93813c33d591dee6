-- How each number and each device calls (the _calling_rhythm fragment: outgoing, regularity and
-- peaks), in one pass over the period's calls for both kinds of actor. Most phones are one SIM in
-- one handset: a number that called from one device only, a device no other number called from.
-- Such a number and its device made exactly the same calls, so here they are one actor, grouped,
-- windowed and sorted once, where each telecom feature query did it for its own kind. Every other
-- number (several devices, or calls that show none) and every other device (a gateway, a shared
-- phone) is an actor of its own over its own calls, as before.
-- One row per actor with a call: number (the calling SIM's own number where the operator knows the
-- SIM, as in _calls_in_period; NULL for a device alone), imei (NULL for a number alone), and the
-- fragment's columns; gap_cv is NULL where the fragment has no regularity row. Both telecom feature
-- queries include it whole; run through telecom_features it is computed once for both.
WITH {include:telecom/_calls_in_period},
uses AS (
    -- each number with each device it called from (NULL: calls that show none)
    SELECT caller AS number, caller_imei AS imei FROM c GROUP BY ALL
),
actors AS (
    -- an integer per actor, what the calls are grouped and sorted on: numbers count up from 1,
    -- devices of their own down from -1, and a device alone with its number takes the number's
    SELECT
        number, imei, paired,
        dense_rank() OVER (ORDER BY number) AS number_actor,
        CASE WHEN paired THEN dense_rank() OVER (ORDER BY number)
            WHEN imei IS NOT NULL THEN -dense_rank() OVER (ORDER BY imei) END AS device_actor
    FROM (
        SELECT number, imei,
            imei IS NOT NULL AND count(*) OVER (PARTITION BY number) = 1
                AND count(*) OVER (PARTITION BY imei) = 1 AS paired
        FROM uses
    ) AS u
),
use_actors AS (
    -- the actors each use of a device by a number counts for: its number's, and its device's
    -- unless the two are one actor
    SELECT number, imei, number_actor AS actor FROM actors
    UNION ALL
    SELECT number, imei, device_actor FROM actors WHERE device_actor < 0
),
acts AS (
    -- each call once for its number, and once more for its device unless the two are one actor
    SELECT a.actor, k.*
    FROM c AS k JOIN use_actors AS a ON a.number = k.caller AND a.imei IS NOT DISTINCT FROM k.caller_imei
),
{include:telecom/_calling_rhythm},
keys AS (
    SELECT DISTINCT number_actor AS actor, number, CASE WHEN paired THEN imei END AS imei FROM actors
    UNION ALL
    SELECT DISTINCT device_actor, CAST(NULL AS VARCHAR), imei FROM actors WHERE device_actor < 0
)
SELECT
    k.number, k.imei, o.calls_out, o.answered_share, o.median_duration_s, o.short_share, o.night_share,
    o.office_hours_share, o.first_call_at, r.gap_cv, p.peak_hour_calls, p.peak_day_callees
FROM outgoing AS o
JOIN keys AS k ON k.actor = o.actor
LEFT JOIN regularity AS r ON r.actor = o.actor
LEFT JOIN peaks AS p ON p.actor = o.actor
