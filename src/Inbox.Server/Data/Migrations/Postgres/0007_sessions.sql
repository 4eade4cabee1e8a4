-- Console sign-ins: one row per cookie, read with its user on every cookie request, so logout, "sign out everywhere",
-- a new password or a disabled user end copied cookies on the very next request, on every node.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_id);
