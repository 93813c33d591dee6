-- 0011: what victim early warning reads of the victim's own actions: the web visits an operator or an
-- app exports (link_visits: who opened which site), and the bank app's report of a screen-sharing or
-- remote-control app during a login session (sessions.remote_access, null where not reported).

CREATE TABLE link_visits (
    visit_id VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    msisdn VARCHAR,
    device_id VARCHAR,
    url VARCHAR NOT NULL,
    domain VARCHAR NOT NULL,
    source VARCHAR NOT NULL
);

ALTER TABLE sessions ADD COLUMN remote_access BOOLEAN;
