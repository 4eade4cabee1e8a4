-- Events keep ids and typed data, no longer a copy of the live DTO: replay rebuilds the DTO from the current rows.
ALTER TABLE conversation_events ADD COLUMN message_id BIGINT NULL;

UPDATE conversation_events SET message_id = (payload::json ->> 'id')::bigint
WHERE type IN ('message.received', 'message.created');
UPDATE conversation_events SET message_id = (payload::json ->> 'messageId')::bigint, data = payload
WHERE type = 'message.status_changed';
UPDATE conversation_events SET data = payload WHERE type = 'conversation.removed';

ALTER TABLE conversation_events DROP COLUMN payload;
