-- Channel platform: unguessable webhook keys, pull channels' leases and cursors, channel health.
ALTER TABLE channels ADD COLUMN webhook_key TEXT NULL;
UPDATE channels SET webhook_key = replace(gen_random_uuid()::text, '-', '') || substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)
WHERE webhook_key IS NULL;
CREATE UNIQUE INDEX ux_channels_webhook_key ON channels (webhook_key);

CREATE TABLE channel_leases (
    channel_id  BIGINT PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    owner       TEXT NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE channel_cursors (
    channel_id BIGINT PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    cursor     TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE channel_health (
    channel_id      BIGINT PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    last_success_at TIMESTAMPTZ NULL,
    last_error      TEXT NULL,
    last_error_at   TIMESTAMPTZ NULL,
    worked_by       TEXT NULL
);
