-- 0005: analysts' verdicts on alerts, kept with who and when (POST /v1/alerts/reviews, scamnet alerts review).

CREATE TABLE alert_reviews (
    review_id VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    detector VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL,
    analyst VARCHAR NOT NULL,
    note VARCHAR,
    reviewed_at TIMESTAMPTZ NOT NULL
);
