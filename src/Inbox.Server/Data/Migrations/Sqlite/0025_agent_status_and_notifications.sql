-- Agent status: the Online/Away choice an agent makes in the profile menu (Offline is derived from live connections).
ALTER TABLE users ADD COLUMN availability TEXT NOT NULL DEFAULT 'online';

-- An agent's bell: @mentions and conversations someone else assigned them. A mention's conversation is its note's
-- (so it follows a merge); an assignment names its conversation.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    conversation_id INTEGER NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id      INTEGER NULL REFERENCES messages (id) ON DELETE CASCADE,
    actor_id        INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_notifications_user ON notifications (user_id, id DESC);

INSERT INTO notifications (user_id, kind, conversation_id, message_id, actor_id, created_at)
SELECT x.user_id, 'mention', NULL, x.message_id, m.author_id, x.created_at
FROM mentions x JOIN messages m ON m.id = x.message_id
ORDER BY x.message_id, x.user_id;
