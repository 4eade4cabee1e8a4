-- One-time links mailed to a user: an invitation (set your password) or a password reset. Only the token's SHA-256 is
-- kept; redeeming sets used_at, so a link works once and only before expires_at.
CREATE TABLE account_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_account_tokens_hash ON account_tokens (token_hash);
CREATE INDEX ix_account_tokens_user ON account_tokens (user_id, purpose);
