-- Console sign-ins: one row per cookie. The cookie carries the row's id and every cookie request reads the row with
-- its user by primary key, so logout, "sign out everywhere", a new password or a disabled user end copied cookies on
-- the very next request, on every node.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_id);
