-- "Send me replies by email": the address a widget visitor gave waits here until the link mailed to it is opened. Only the
-- link token's SHA-256 is kept; confirming sets used_at (once, before expires_at) and identity_id, the email identity it
-- joined to the visitor's contact. Until then the address is nobody's identity: an unverified email links nothing.
CREATE TABLE email_verifications (
    token_hash   TEXT PRIMARY KEY,
    visitor_id   TEXT NOT NULL REFERENCES widget_visitors (id) ON DELETE CASCADE,
    email        TEXT NOT NULL,
    channel_id   INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    language     TEXT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT NULL,
    identity_id  INTEGER NULL REFERENCES contact_identities (id) ON DELETE SET NULL
);
CREATE INDEX ix_email_verifications_visitor ON email_verifications (visitor_id, created_at);
CREATE INDEX ix_email_verifications_email ON email_verifications (email, created_at);

-- An email copy of a reply to a widget visitor who left (Widget/OfflineEmailCopies) names the reply it copies: the
-- widget shows the reply once, agents see both.
ALTER TABLE messages ADD COLUMN copy_of INTEGER NULL;
