-- A customer may edit a message they sent (Telegram's edited_message): the stored text is replaced and this says when.
ALTER TABLE messages ADD COLUMN edited_at TIMESTAMPTZ NULL;
-- A reply failed because the address cannot be reached (the customer blocked the bot): since when and why. The
-- customer's next message from that address clears both.
ALTER TABLE contact_identities ADD COLUMN unreachable_at TIMESTAMPTZ NULL;
ALTER TABLE contact_identities ADD COLUMN unreachable_reason TEXT NULL;
