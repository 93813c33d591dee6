-- 0004: the decision service's API keys, stored hashed (scamnet keys create).

CREATE TABLE api_keys (
    key_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    key_hash VARCHAR NOT NULL,
    label VARCHAR,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
