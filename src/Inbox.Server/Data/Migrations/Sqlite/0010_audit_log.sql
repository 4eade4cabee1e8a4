-- What admins did that must stay accountable (a contact erased on request, conversations erased by retention), kept
-- without personal data: ids and counts, never names, addresses or text.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    actor_id   INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    action     TEXT NOT NULL,
    subject_id INTEGER NULL,
    detail     TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_audit_log_created ON audit_log (created_at);
