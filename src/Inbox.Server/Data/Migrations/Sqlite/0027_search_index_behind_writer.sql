-- The full-text index of 0018 was written by a trigger inside every inbound batch: ~40 % of the writer's time, and FTS5
-- pays most of it per transaction (a segment per batch of ~25 messages, merged later). Search/SearchIndexer now adds new
-- messages in transactions of up to 1,000, above a watermark: messages with id <= last_id are indexed, later ones are
-- read and matched by Search/MessageSearch directly, so search still finds a message the moment it is stored.
-- Edits, deletes (erasure, retention, merges) and the rare id reused after the newest message was deleted keep the
-- index exact in their own transaction, as before, but only for rows the index already holds.
CREATE TABLE search_index_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL
);
INSERT INTO search_index_state (id, last_id) SELECT 1, COALESCE(MAX(id), 0) FROM messages;

DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
WHEN new.id <= (SELECT last_id FROM search_index_state WHERE id = 1) BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.id <= (SELECT last_id FROM search_index_state WHERE id = 1) BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
WHEN old.id <= (SELECT last_id FROM search_index_state WHERE id = 1) BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
