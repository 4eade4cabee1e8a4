-- Delivery reports find outbound messages by (channel, provider id) and keep the provider's error code.
-- Only inbound messages are unique per (channel, provider id); our replies may share an id a provider answered.
ALTER TABLE messages ADD COLUMN error_code TEXT NULL;
DROP INDEX ux_messages_provider;
CREATE UNIQUE INDEX ux_messages_inbound_provider ON messages (channel_id, provider_message_id) WHERE direction = 'inbound';
CREATE INDEX ix_messages_outbound_provider ON messages (channel_id, provider_message_id) WHERE direction = 'outbound';

-- Every server process beats here while it runs; work claimed by a node whose heartbeat went stale is taken over.
CREATE TABLE node_heartbeats (
    node_id      TEXT PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE outbox ADD COLUMN locked_by TEXT NULL;
