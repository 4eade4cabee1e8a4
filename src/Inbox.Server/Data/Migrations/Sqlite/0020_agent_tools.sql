-- Agent tools: priority and labels on conversations, canned responses, @mentions in private notes.
ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_conversations_priority ON conversations (priority DESC, last_activity_at DESC, id DESC);

CREATE TABLE labels (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    colour     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_labels_name ON labels (lower(name));

CREATE TABLE conversation_labels (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    label_id        INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX ix_conversation_labels_label ON conversation_labels (label_id, conversation_id);

-- Shared (owner_id NULL, admin-managed) or one agent's own; a shortcut is unique within its owner.
CREATE TABLE canned_responses (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NULL REFERENCES users (id) ON DELETE CASCADE,
    shortcut   TEXT NOT NULL,
    title      TEXT NOT NULL,
    text_en    TEXT NULL,
    text_es    TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_canned_shared ON canned_responses (lower(shortcut)) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX ux_canned_personal ON canned_responses (owner_id, lower(shortcut)) WHERE owner_id IS NOT NULL;

-- An agent @mentioned in a private note; the conversation is the note's (so it follows a merge).
CREATE TABLE mentions (
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX ix_mentions_user ON mentions (user_id, message_id DESC);
