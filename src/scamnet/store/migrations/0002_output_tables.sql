-- 0002: the output tables (alerts, decisions, traces, freeze requests, gangs, tasks, indicators)
-- Written once from scamnet.schema at this version; later changes get new numbered files.

CREATE TABLE alerts (
    entity VARCHAR NOT NULL,
    detector VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    tier VARCHAR NOT NULL,
    reasons VARCHAR[] NOT NULL,
    status VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE decisions (
    decision_id VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    event_kind VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    entity VARCHAR,
    action VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    reasons VARCHAR[] NOT NULL,
    rules VARCHAR[] NOT NULL,
    latency_ms DOUBLE NOT NULL,
    error VARCHAR
);

CREATE TABLE traces (
    trace_id VARCHAR NOT NULL,
    report_id VARCHAR,
    policy VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    as_of TIMESTAMPTZ NOT NULL,
    max_hops INTEGER NOT NULL,
    horizon_s BIGINT NOT NULL,
    min_amount DECIMAL(18,2) NOT NULL,
    traced_amount DECIMAL(18,2) NOT NULL,
    located_amount DECIMAL(18,2) NOT NULL,
    cashout_amount DECIMAL(18,2) NOT NULL
);

CREATE TABLE trace_edges (
    trace_id VARCHAR NOT NULL,
    txn_id VARCHAR NOT NULL,
    hop INTEGER NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    src_account VARCHAR,
    dst_account VARCHAR,
    channel VARCHAR NOT NULL,
    amount DECIMAL(18,2) NOT NULL,
    traced_amount DECIMAL(18,2) NOT NULL
);

CREATE TABLE freeze_requests (
    trace_id VARCHAR NOT NULL,
    account_id VARCHAR NOT NULL,
    bank VARCHAR,
    held_amount DECIMAL(18,2) NOT NULL,
    rank INTEGER NOT NULL,
    path VARCHAR[] NOT NULL,
    status VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE gangs (
    gang_id VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    members INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    total_loss DECIMAL(18,2) NOT NULL,
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ,
    scam_types VARCHAR[] NOT NULL,
    summary VARCHAR
);

CREATE TABLE gang_members (
    gang_id VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    centrality DOUBLE NOT NULL
);

CREATE TABLE dissuasion_tasks (
    task_id VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    person_id VARCHAR,
    msisdn VARCHAR,
    account_id VARCHAR,
    scam_type VARCHAR NOT NULL,
    reasons VARCHAR[] NOT NULL,
    priority INTEGER NOT NULL,
    status VARCHAR NOT NULL
);

CREATE TABLE indicators (
    indicator_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    hashed BOOLEAN NOT NULL,
    confidence DOUBLE NOT NULL,
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ,
    scam_type VARCHAR,
    gang_id VARCHAR,
    source VARCHAR NOT NULL
);
