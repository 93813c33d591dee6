-- 0007: input rows an operator took out of the store (scamnet quarantine), with the audit record.

CREATE TABLE quarantined_rows (
    quarantine_id VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    row_json VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    operator VARCHAR NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL
);
