-- Search over all history (Search/MessageSearch): an FTS5 index of messages.text, kept in step by triggers so every
-- writer (inbound, a customer's edit, a merge moving messages, erasure, retention) updates it in its own transaction
-- without knowing about it. unicode61 with remove_diacritics 2 folds case and accents ("canción" = "cancion",
-- "ñ" = "n"). Prefix indexes of 2 to 6 letters make a prefix query ("sof*" finds "sofá") as cheap as a word; without
-- one FTS5 merges every word with the prefix in memory, which for a common word costs time in proportion to its
-- messages (benchmarked: bench/README.md). Longer words are looked up by their first 6 letters and checked by the server.
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    text, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6'
);
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Ids are never reused. SQLite hands out MAX(id) + 1, so deleting the newest contact or conversation (a merge, an
-- erasure, retention) would give its id to the next customer, and links or integrations holding it would open another
-- customer. The highest id ever deleted is kept here and inserts start above it (Data/StableIds). Chosen over
-- rebuilding the tables with AUTOINCREMENT: no table copy, and columns other migrations add are never at risk.
CREATE TABLE id_high_water (
    table_name TEXT PRIMARY KEY,
    last_id    INTEGER NOT NULL
);
INSERT INTO id_high_water (table_name, last_id) SELECT 'contacts', COALESCE(MAX(id), 0) FROM contacts;
INSERT INTO id_high_water (table_name, last_id) SELECT 'conversations', COALESCE(MAX(id), 0) FROM conversations;
CREATE TRIGGER contacts_id_high_water AFTER DELETE ON contacts BEGIN
    UPDATE id_high_water SET last_id = MAX(last_id, old.id) WHERE table_name = 'contacts';
END;
CREATE TRIGGER conversations_id_high_water AFTER DELETE ON conversations BEGIN
    UPDATE id_high_water SET last_id = MAX(last_id, old.id) WHERE table_name = 'conversations';
END;

-- Where a merged-away contact or conversation went, so its old id answers with the survivor (Contacts/MergedIds).
-- Ids only; a chain (a into b, b into c) is kept one hop long by pointing earlier rows at the newest survivor.
CREATE TABLE merged_ids (
    kind      TEXT NOT NULL,
    old_id    INTEGER NOT NULL,
    new_id    INTEGER NOT NULL,
    merged_at TEXT NOT NULL,
    PRIMARY KEY (kind, old_id)
);
CREATE INDEX ix_merged_ids_new ON merged_ids (kind, new_id);
