-- 0012: the entity timeline index (store/timeline.py). scamnet run writes one row per event and entity the
-- event names, in runs sorted by the entity's key, so that the console reads one entity's calls, messages,
-- transfers and logins from a row group or two rather than scanning every event; timeline_sources says how
-- many rows of each event table the run indexed, the newest time among them and how many came after since
-- (a day before it), so that events ingested after the run (up to a day late) are read from the event
-- tables after that time, and a store changed otherwise is read without the index;
-- probe is the key of a fixed text, which tells a DuckDB that hashes otherwise that the keys are not its own.

CREATE TABLE entity_events (
    key UBIGINT NOT NULL,
    entity VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    source VARCHAR NOT NULL,
    event_id VARCHAR,
    p1 VARCHAR,
    p2 VARCHAR,
    p3 VARCHAR,
    duration_s INTEGER,
    answered BOOLEAN,
    text VARCHAR,
    amount DECIMAL(18,2),
    currency VARCHAR,
    channel VARCHAR
);

CREATE TABLE timeline_sources (
    source VARCHAR NOT NULL,
    rows BIGINT NOT NULL,
    newest TIMESTAMPTZ,
    built_at TIMESTAMPTZ NOT NULL,
    probe UBIGINT NOT NULL,
    since TIMESTAMPTZ,
    recent BIGINT NOT NULL
);
