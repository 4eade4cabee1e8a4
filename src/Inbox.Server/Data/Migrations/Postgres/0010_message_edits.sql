-- A customer may edit a message they sent (Telegram's edited_message): the stored text is replaced and this says when.
ALTER TABLE messages ADD COLUMN edited_at TIMESTAMPTZ NULL;
