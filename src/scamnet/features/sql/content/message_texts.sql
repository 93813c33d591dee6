-- Every message with a text in the period, for the text and link detectors; by message id.
SELECT msg_id, text
FROM messages
WHERE text IS NOT NULL AND {period:sent_at}
ORDER BY msg_id
