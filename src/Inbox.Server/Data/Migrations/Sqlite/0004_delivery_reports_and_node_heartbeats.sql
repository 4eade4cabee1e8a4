-- Delivery reports find outbound messages by (channel, provider id) and keep the provider's error code.
-- Only inbound messages are unique per (channel, provider id): that is how a provider's retry is dropped. Two of our
-- replies may be answered with the same id by a provider (an integrator that returns one id per conversation), and
-- recording the second as sent must not fail.
ALTER TABLE messages ADD COLUMN error_code TEXT NULL;
DROP INDEX ux_messages_provider;
CREATE UNIQUE INDEX ux_messages_inbound_provider ON messages (channel_id, provider_message_id) WHERE direction = 'inbound';
CREATE INDEX ix_messages_outbound_provider ON messages (channel_id, provider_message_id) WHERE direction = 'outbound';

-- Every server process beats here while it runs. Work claimed by a node whose heartbeat went stale (it crashed) is
-- taken over at once instead of waiting for the claim's lease to run out.
CREATE TABLE node_heartbeats (
    node_id      TEXT PRIMARY KEY,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);
ALTER TABLE outbox ADD COLUMN locked_by TEXT NULL;
