-- 0009: freeze requests per bank with the history of their status (who and when), what each
-- frozen account's line needs (currency, the transfers that brought the money), and every stored
-- trace kept as a version (a re-trace adds one rather than overwriting the last).

UPDATE freeze_requests SET status = 'drafted' WHERE status = 'proposed';
ALTER TABLE traces ADD COLUMN version INTEGER;
ALTER TABLE freeze_requests ADD COLUMN currency VARCHAR;
ALTER TABLE freeze_requests ADD COLUMN incoming_txns VARCHAR[];
ALTER TABLE freeze_requests ADD COLUMN incoming_at TIMESTAMPTZ[];

CREATE TABLE trace_versions (
    trace_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    report_id VARCHAR,
    policy VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    as_of TIMESTAMPTZ NOT NULL,
    traced_amount DECIMAL(18,2) NOT NULL,
    located_amount DECIMAL(18,2) NOT NULL,
    cashout_amount DECIMAL(18,2) NOT NULL,
    freeze_list VARCHAR NOT NULL
);

CREATE TABLE bank_freeze_requests (
    request_id VARCHAR NOT NULL,
    report_id VARCHAR NOT NULL,
    bank VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    trace_version INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    accounts INTEGER NOT NULL,
    amount DECIMAL(18,2) NOT NULL,
    currency VARCHAR NOT NULL,
    deadline TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by VARCHAR NOT NULL
);

CREATE TABLE freeze_status_changes (
    request_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    analyst VARCHAR NOT NULL,
    note VARCHAR,
    changed_at TIMESTAMPTZ NOT NULL
);
