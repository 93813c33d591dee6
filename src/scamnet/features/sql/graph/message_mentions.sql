-- Messages of the period whose text mentions a link ($url) or a phone number ($phone), with
-- every such mention extracted, as written.
SELECT msg_id, sent_at, sender, regexp_extract_all(text, $url) AS urls, regexp_extract_all(text, $phone) AS phones
FROM messages
WHERE {period:sent_at} AND (regexp_matches(text, $url) OR regexp_matches(text, $phone))
