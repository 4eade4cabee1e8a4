-- A channel's newest inbound and outbound message for its health on the channels page: one index seek each,
-- however long the history.
CREATE INDEX ix_messages_channel_traffic ON messages (channel_id, direction, id);
