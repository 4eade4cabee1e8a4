-- Channel platform: every channel gets an unguessable webhook path key (no sequential id in provider URLs);
-- pull channels (IMAP, Telegram polling) are worked by one node at a time under a lease, from a durable cursor
-- committed with the messages it produced; admins see each channel's health.
ALTER TABLE channels ADD COLUMN webhook_key TEXT NULL;
UPDATE channels SET webhook_key = lower(hex(randomblob(24))) WHERE webhook_key IS NULL;
CREATE UNIQUE INDEX ux_channels_webhook_key ON channels (webhook_key);

CREATE TABLE channel_leases (
    channel_id  INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    owner       TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE channel_cursors (
    channel_id INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    cursor     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE channel_health (
    channel_id      INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    last_success_at TEXT NULL,
    last_error      TEXT NULL,
    last_error_at   TEXT NULL,
    worked_by       TEXT NULL
);
