-- Inbox schema, SQLite dialect. Times are UTC text as written by Microsoft.Data.Sqlite (lexically ordered).
-- Shipped scripts are never edited: add 0002_... instead. Postgres keeps the same names under Migrations/Postgres.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_teams_name ON teams (name);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NULL,
    revoked_at   TEXT NULL
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);

CREATE TABLE channels (
    id                  INTEGER PRIMARY KEY,
    type                TEXT NOT NULL,
    name                TEXT NOT NULL,
    settings            TEXT NOT NULL,
    secrets             TEXT NULL,
    inbound_token_hash  TEXT NULL,
    enabled             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    name       TEXT NULL,
    email      TEXT NULL,
    phone      TEXT NULL,
    notes      TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE contact_identities (
    id              INTEGER PRIMARY KEY,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id),
    kind            TEXT NOT NULL,
    address         TEXT NOT NULL,
    display_name    TEXT NULL,
    last_channel_id INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    last_seen_at    TEXT NULL,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_contact_identities_address ON contact_identities (kind, address);
CREATE INDEX ix_contact_identities_contact ON contact_identities (contact_id);

CREATE TABLE conversations (
    id                        INTEGER PRIMARY KEY,
    contact_id                INTEGER NOT NULL REFERENCES contacts (id),
    status                    TEXT NOT NULL,
    assignee_id               INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    team_id                   INTEGER NULL REFERENCES teams (id) ON DELETE SET NULL,
    snoozed_until             TEXT NULL,
    last_activity_at          TEXT NOT NULL,
    unread_count              INTEGER NOT NULL DEFAULT 0,
    last_inbound_identity_id  INTEGER NULL REFERENCES contact_identities (id) ON DELETE SET NULL,
    last_channel_id           INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    last_message_preview      TEXT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);
-- One thread per customer.
CREATE UNIQUE INDEX ux_conversations_contact ON conversations (contact_id);
CREATE INDEX ix_conversations_activity ON conversations (last_activity_at DESC, id DESC);
CREATE INDEX ix_conversations_status ON conversations (status, last_activity_at DESC);
CREATE INDEX ix_conversations_assignee ON conversations (assignee_id, last_activity_at DESC);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY,
    conversation_id     INTEGER NOT NULL REFERENCES conversations (id),
    channel_id          INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    identity_id         INTEGER NULL REFERENCES contact_identities (id) ON DELETE SET NULL,
    direction           TEXT NOT NULL,
    author_id           INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    text                TEXT NOT NULL,
    is_private          INTEGER NOT NULL DEFAULT 0,
    provider_message_id TEXT NULL,
    status              TEXT NULL,
    error               TEXT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
-- Provider retries are dropped here: one row per (channel, direction, provider id).
CREATE UNIQUE INDEX ux_messages_provider ON messages (channel_id, direction, provider_message_id);
CREATE INDEX ix_messages_conversation ON messages (conversation_id, id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    message_id   INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    storage_key  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_attachments_message ON attachments (message_id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_id      INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    channel_id      INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until    TEXT NULL,
    last_error      TEXT NULL,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_outbox_message ON outbox (message_id);
CREATE UNIQUE INDEX ux_outbox_idempotency ON outbox (idempotency_key);
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at);

-- Durable history: what live clients replay after a reconnect (ids only grow) and what reports are built from.
CREATE TABLE conversation_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL,
    type            TEXT NOT NULL,
    actor_id        INTEGER NULL,
    data            TEXT NULL,
    payload         TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_conversation_events_conversation ON conversation_events (conversation_id, id);
