-- Hand-off codes: a customer on one channel (the widget) asks to continue on another (Telegram, WhatsApp, SMS). Only the
-- code's SHA-256 is kept; it is single use (used_at) and expires. Whoever sends the code on target_channel_id joins
-- contact_id.
CREATE TABLE handoff_codes (
    code_hash         TEXT PRIMARY KEY,
    contact_id        INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    target_channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    offered_by        INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    used_at           TEXT NULL,
    used_by_identity  INTEGER NULL REFERENCES contact_identities (id) ON DELETE SET NULL
);
CREATE INDEX ix_handoff_codes_contact ON handoff_codes (contact_id);

-- Why an identity belongs to its contact when nobody typed it there: each automatic link (hand-off code, Telegram shared
-- contact, verified widget identity) with its reason. An agent who undoes one (split) sets undone_at.
CREATE TABLE identity_links (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    identity_id  INTEGER NOT NULL REFERENCES contact_identities (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    channel_id   INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    undone_at    TEXT NULL,
    undone_by    INTEGER NULL REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_identity_links_contact ON identity_links (contact_id, id);
CREATE INDEX ix_identity_links_identity ON identity_links (identity_id);
