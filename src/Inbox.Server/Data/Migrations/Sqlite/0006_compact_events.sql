-- Events keep ids and typed data, no longer a copy of the live DTO (two per inbound message were most of the
-- database): replay rebuilds the DTO from the current message and conversation rows.
ALTER TABLE conversation_events ADD COLUMN message_id INTEGER NULL;

-- What replay needs from the old payloads (the PostgreSQL twin reads them with ->>).
UPDATE conversation_events SET message_id = CAST(json_extract(payload, '$.id') AS INTEGER)
WHERE type IN ('message.received', 'message.created');
UPDATE conversation_events SET message_id = CAST(json_extract(payload, '$.messageId') AS INTEGER), data = payload
WHERE type = 'message.status_changed';
UPDATE conversation_events SET data = payload WHERE type = 'conversation.removed';

ALTER TABLE conversation_events DROP COLUMN payload;
