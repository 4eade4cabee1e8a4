-- A provider may report on a message before we recorded the id it gave us (Twilio's "sent" callback can beat the
-- outbox's own commit). Such reports wait here and are applied the moment the id is recorded; unclaimed ones expire.
CREATE TABLE early_delivery_reports (
    channel_id          INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    provider_message_id TEXT NOT NULL,
    status              TEXT NOT NULL,
    error_code          TEXT NULL,
    error               TEXT NULL,
    received_at         TEXT NOT NULL,
    PRIMARY KEY (channel_id, provider_message_id, status)
);
CREATE INDEX ix_early_delivery_reports_received ON early_delivery_reports (received_at);
