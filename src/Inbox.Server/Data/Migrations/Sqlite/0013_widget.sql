-- Website chat visitors: one row per browser that opened the widget of a channel. The visitor's messages come from the
-- identity (webVisitor, id); the browser keeps an opaque token of which only the SHA-256 is stored here.
CREATE TABLE widget_visitors (
    id           TEXT PRIMARY KEY,
    channel_id   INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL,
    name         TEXT NULL,
    email        TEXT NULL,
    verified_id  TEXT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_widget_visitors_token ON widget_visitors (token_hash);
