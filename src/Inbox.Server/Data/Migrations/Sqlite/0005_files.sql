-- Files: when the customer sent a message (the provider's time, beside our created_at), the provider's threading
-- hints (a JSON array of ids: email Message-ID, In-Reply-To, References), and agents' uploads waiting to be
-- attached to a reply. File bytes live in the file store under a content-addressed key, never in the database.
ALTER TABLE messages ADD COLUMN sent_at TEXT NULL;
ALTER TABLE messages ADD COLUMN reply_to TEXT NULL;

CREATE TABLE uploads (
    id           INTEGER PRIMARY KEY,
    uploaded_by  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    storage_key  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_uploads_user ON uploads (uploaded_by);
