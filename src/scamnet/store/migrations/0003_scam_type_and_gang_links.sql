-- 0003: the scam type an alert names (scam_text), and the links among each gang's members
-- so that the report and the dossiers read them instead of rebuilding the entity graph.

ALTER TABLE alerts ADD COLUMN scam_type VARCHAR;

CREATE TABLE gang_links (
    gang_id VARCHAR NOT NULL,
    src VARCHAR NOT NULL,
    dst VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    count BIGINT NOT NULL,
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ
);
