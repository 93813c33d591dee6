-- 0001: the canonical input tables (reference and event tables, labels)
-- Written once from scamnet.schema at this version; later changes get new numbered files.

CREATE TABLE persons (
    person_id VARCHAR NOT NULL,
    birth_year SMALLINT NOT NULL,
    region VARCHAR NOT NULL
);

CREATE TABLE subscribers (
    msisdn VARCHAR NOT NULL,
    imsi VARCHAR NOT NULL,
    holder_id VARCHAR,
    activated_at TIMESTAMPTZ NOT NULL,
    plan VARCHAR NOT NULL,
    region VARCHAR NOT NULL
);

CREATE TABLE accounts (
    account_id VARCHAR NOT NULL,
    bank VARCHAR NOT NULL,
    holder_id VARCHAR,
    holder_type VARCHAR NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    region VARCHAR NOT NULL,
    msisdn VARCHAR
);

CREATE TABLE sessions (
    account_id VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    device_id VARCHAR NOT NULL,
    ip VARCHAR
);

CREATE TABLE calls (
    call_id VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    duration_s INTEGER NOT NULL,
    caller VARCHAR NOT NULL,
    callee VARCHAR NOT NULL,
    caller_imsi VARCHAR,
    caller_imei VARCHAR,
    caller_cell VARCHAR,
    answered BOOLEAN NOT NULL
);

CREATE TABLE messages (
    msg_id VARCHAR NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    sender VARCHAR NOT NULL,
    recipient VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    sender_imsi VARCHAR,
    sender_imei VARCHAR,
    sender_cell VARCHAR
);

CREATE TABLE transfers (
    txn_id VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    src_account VARCHAR,
    dst_account VARCHAR,
    amount DECIMAL(18,2) NOT NULL,
    currency VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    src_device VARCHAR,
    src_ip VARCHAR,
    memo VARCHAR
);

CREATE TABLE reports (
    report_id VARCHAR NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL,
    victim_person VARCHAR,
    victim_msisdn VARCHAR,
    victim_account VARCHAR,
    scam_type VARCHAR NOT NULL,
    loss_amount DECIMAL(18,2) NOT NULL,
    currency VARCHAR NOT NULL,
    narrative VARCHAR
);

CREATE TABLE report_items (
    report_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL
);

CREATE TABLE labels (
    entity VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    gang_id VARCHAR,
    since TIMESTAMPTZ,
    until TIMESTAMPTZ
);
