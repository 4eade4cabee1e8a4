-- Email: a thread's subject and each mail's; mail sent by machines (auto-replies, bulk, loops), stored but never
-- answered and never reopening a thread; the original of a stripped message (full text, sanitised HTML); and the keys
-- besides provider ids by which a reply finds its thread (Outlook's Thread-Index), for inbound and outbound messages.
ALTER TABLE conversations ADD COLUMN subject TEXT NULL;
ALTER TABLE messages ADD COLUMN subject TEXT NULL;
ALTER TABLE messages ADD COLUMN automated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE messages ADD COLUMN original_text TEXT NULL;
ALTER TABLE messages ADD COLUMN original_html TEXT NULL;

CREATE TABLE message_thread_keys (
    channel_id BIGINT NOT NULL,
    thread_key TEXT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    PRIMARY KEY (channel_id, thread_key, message_id)
);
CREATE INDEX ix_message_thread_keys_message ON message_thread_keys (message_id);
