PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE [SchemaVersions] (
    SchemaVersionID INTEGER CONSTRAINT [PK_SchemaVersions_Id] PRIMARY KEY AUTOINCREMENT NOT NULL,
    ScriptName TEXT NOT NULL,
    Applied DATETIME NOT NULL
);
INSERT INTO SchemaVersions VALUES(1,'Inbox.Server.Data.Migrations.Sqlite.0001_initial.sql','2026-12-03 14:59:47.5407265');
INSERT INTO SchemaVersions VALUES(2,'Inbox.Server.Data.Migrations.Sqlite.0002_outbox_failed.sql','2026-12-03 14:59:47.5833884');
INSERT INTO SchemaVersions VALUES(3,'Inbox.Server.Data.Migrations.Sqlite.0003_channel_platform.sql','2026-12-03 14:59:47.6397022');
INSERT INTO SchemaVersions VALUES(4,'Inbox.Server.Data.Migrations.Sqlite.0004_delivery_reports_and_node_heartbeats.sql','2026-12-03 14:59:47.6616583');
INSERT INTO SchemaVersions VALUES(5,'Inbox.Server.Data.Migrations.Sqlite.0005_files.sql','2026-12-03 14:59:47.7028189');
INSERT INTO SchemaVersions VALUES(6,'Inbox.Server.Data.Migrations.Sqlite.0006_compact_events.sql','2026-12-03 14:59:47.7848849');
INSERT INTO SchemaVersions VALUES(7,'Inbox.Server.Data.Migrations.Sqlite.0007_sessions.sql','2026-12-03 14:59:47.8681814');
INSERT INTO SchemaVersions VALUES(8,'Inbox.Server.Data.Migrations.Sqlite.0008_contact_search_name.sql','2026-12-03 14:59:47.8833784');
INSERT INTO SchemaVersions VALUES(9,'Inbox.Server.Data.Migrations.Sqlite.0009_early_delivery_reports.sql','2026-12-03 14:59:47.9030481');
INSERT INTO SchemaVersions VALUES(10,'Inbox.Server.Data.Migrations.Sqlite.0010_audit_log.sql','2026-12-03 14:59:47.9228387');
INSERT INTO SchemaVersions VALUES(11,'Inbox.Server.Data.Migrations.Sqlite.0011_message_templates.sql','2026-12-03 14:59:48.011076');
INSERT INTO SchemaVersions VALUES(12,'Inbox.Server.Data.Migrations.Sqlite.0012_email_threads.sql','2026-12-03 14:59:48.0500455');
INSERT INTO SchemaVersions VALUES(13,'Inbox.Server.Data.Migrations.Sqlite.0013_widget.sql','2026-12-03 14:59:48.0553556');
INSERT INTO SchemaVersions VALUES(14,'Inbox.Server.Data.Migrations.Sqlite.0014_commerce.sql','2026-12-03 14:59:48.0800784');
INSERT INTO SchemaVersions VALUES(15,'Inbox.Server.Data.Migrations.Sqlite.0015_message_edits_and_unreachable_identities.sql','2026-12-03 14:59:48.0959262');
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
INSERT INTO users VALUES(1,'admin@shop.test','Admin','Admin','AQAAAAIAAYagAAAAEE/vJi9nwTjmzZ+oRrdtdoGK3SbESMeBycTTkpi6DmcvSQV4okb9ptyt0xN+nvXFqw==',0,'2026-12-03 14:59:48.3443976+00:00');
INSERT INTO users VALUES(2,'carla@shop.test','Carla','Agent','AQAAAAIAAYagAAAAEEvy9/Sf+CXk3AIuJkBipyyL6H0KpoA26NKPwOv9ZRvk0kvmv3rM7TBMYJ0iaNhUTg==',0,'2026-12-03 15:00:00.0173311+00:00');
CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NULL,
    revoked_at   TEXT NULL
);
CREATE TABLE channels (
    id                  INTEGER PRIMARY KEY,
    type                TEXT NOT NULL,
    name                TEXT NOT NULL,
    settings            TEXT NOT NULL,
    secrets             TEXT NULL,
    inbound_token_hash  TEXT NULL,
    enabled             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
, webhook_key TEXT NULL);
INSERT INTO channels VALUES(1,'api','Tienda online','{"webhookUrl":"http://127.0.0.1:9/unused"}','CfDJ8I6t44eKcaBDtv4mFSZUlxzgWqGAy0O8J4uX6AdVMrVJDC5pFfEymCYp5rlmlNAw4lZ0G5peCLoZursdBZrUB_IPsVebE9eJkkl56oc0VwSbk2N9C90FKa4WhKJJloSIhZ0bsOtXJWow2nbXKzLS4xNxQhTQgEWMmmxs10s208rTKzem0OdGVLzXm0vN_PP4iYNBA2uBpgb5IdgrtMpzS7E','b3b5e6fff3a6937549663a9a13a1f9a8222bccb28ba94f345cbd7c4cabc9c6f5',1,'2026-12-03 14:59:56.6867097+00:00','2026-12-03 14:59:56.6867097+00:00','e621e181dbfe973bdbea5fd7b5535252907ca7f6c3b71efb');
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    name       TEXT NULL,
    email      TEXT NULL,
    phone      TEXT NULL,
    notes      TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, search_name TEXT NULL);
INSERT INTO contacts VALUES(1,'Ana Ruiz',NULL,'+34600111222',NULL,'2026-12-03 14:59:58.6130684+00:00','2026-12-03 14:59:58.6130684+00:00','ana ruiz');
INSERT INTO contacts VALUES(2,'Jorge','jorge@example.com',NULL,NULL,'2026-12-03 14:59:58.7989579+00:00','2026-12-03 14:59:58.7989579+00:00','jorge');
CREATE TABLE contact_identities (
    id              INTEGER PRIMARY KEY,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id),
    kind            TEXT NOT NULL,
    address         TEXT NOT NULL,
    display_name    TEXT NULL,
    last_channel_id INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    last_seen_at    TEXT NULL,
    created_at      TEXT NOT NULL
, unreachable_at TEXT NULL, unreachable_reason TEXT NULL);
INSERT INTO contact_identities VALUES(1,1,'phone','+34600111222','Ana Ruiz',1,'2026-12-03 14:59:58.6130684+00:00','2026-12-03 14:59:58.6130684+00:00',NULL,NULL);
INSERT INTO contact_identities VALUES(2,2,'email','jorge@example.com','Jorge',1,'2026-12-03 14:59:58.7989579+00:00','2026-12-03 14:59:58.7989579+00:00',NULL,NULL);
CREATE TABLE conversations (
    id                        INTEGER PRIMARY KEY,
    contact_id                INTEGER NOT NULL REFERENCES contacts (id),
    status                    TEXT NOT NULL,
    assignee_id               INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    team_id                   INTEGER NULL REFERENCES teams (id) ON DELETE SET NULL,
    snoozed_until             TEXT NULL,
    last_activity_at          TEXT NOT NULL,
    unread_count              INTEGER NOT NULL DEFAULT 0,
    last_inbound_identity_id  INTEGER NULL REFERENCES contact_identities (id) ON DELETE SET NULL,
    last_channel_id           INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    last_message_preview      TEXT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
, subject TEXT NULL);
INSERT INTO conversations VALUES(1,1,'open',1,NULL,NULL,'2026-12-03 14:59:59.6280179+00:00',0,1,1,'Sí, queda uno en Valencia','2026-12-03 14:59:58.6130684+00:00','2026-12-03 14:59:59.6280179+00:00',NULL);
INSERT INTO conversations VALUES(2,2,'resolved',NULL,NULL,NULL,'2026-12-03 14:59:58.7989579+00:00',1,2,1,'Where is my order 1042?','2026-12-03 14:59:58.7989579+00:00','2026-12-03 15:00:00.0948711+00:00',NULL);
CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY,
    conversation_id     INTEGER NOT NULL REFERENCES conversations (id),
    channel_id          INTEGER NULL REFERENCES channels (id) ON DELETE SET NULL,
    identity_id         INTEGER NULL REFERENCES contact_identities (id) ON DELETE SET NULL,
    direction           TEXT NOT NULL,
    author_id           INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    text                TEXT NOT NULL,
    is_private          INTEGER NOT NULL DEFAULT 0,
    provider_message_id TEXT NULL,
    status              TEXT NULL,
    error               TEXT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
, error_code TEXT NULL, sent_at TEXT NULL, reply_to TEXT NULL, template TEXT NULL, subject TEXT NULL, automated INTEGER NOT NULL DEFAULT 0, original_text TEXT NULL, original_html TEXT NULL, edited_at TEXT NULL);
INSERT INTO messages VALUES(1,1,1,1,'inbound',NULL,'¿Tenéis el sofá verde en Valencia?',0,'old-1','received',NULL,'2026-12-03 14:59:58.6130684+00:00','2026-12-03 14:59:58.6130684+00:00',NULL,'2026-12-03 14:59:58.3132822+00:00',NULL,NULL,NULL,0,NULL,NULL,NULL);
INSERT INTO messages VALUES(2,1,1,1,'inbound',NULL,'Lo recogería el sábado',0,'old-2','received',NULL,'2026-12-03 14:59:58.7656174+00:00','2026-12-03 14:59:58.7656174+00:00',NULL,'2026-12-03 14:59:58.7652188+00:00',NULL,NULL,NULL,0,NULL,NULL,NULL);
INSERT INTO messages VALUES(3,2,1,2,'inbound',NULL,'Where is my order 1042?',0,'old-3','received',NULL,'2026-12-03 14:59:58.7989579+00:00','2026-12-03 14:59:58.7989579+00:00',NULL,'2026-12-03 14:59:58.7977618+00:00',NULL,NULL,NULL,0,NULL,NULL,NULL);
INSERT INTO messages VALUES(4,1,1,1,'outbound',1,'Sí, queda uno en Valencia',0,NULL,'queued',NULL,'2026-12-03 14:59:59.2667724+00:00','2026-12-03 14:59:59.2667724+00:00',NULL,NULL,NULL,NULL,NULL,0,NULL,NULL,NULL);
INSERT INTO messages VALUES(5,1,NULL,NULL,'outbound',1,'Nota interna: cliente habitual',1,NULL,NULL,NULL,'2026-12-03 14:59:59.6280179+00:00','2026-12-03 14:59:59.6280179+00:00',NULL,NULL,NULL,NULL,NULL,0,NULL,NULL,NULL);
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    message_id   INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    storage_key  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_id      INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    channel_id      INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until    TEXT NULL,
    last_error      TEXT NULL,
    created_at      TEXT NOT NULL
, failed_at TEXT NULL, locked_by TEXT NULL);
INSERT INTO outbox VALUES(1,4,1,'inbox-4-de847125ed50454499b6cf5a2590aa49',3,'2026-12-03 15:00:15.1559481+00:00',NULL,'Webhook unreachable: Connection refused (127.0.0.1:9)','2026-12-03 14:59:59.2667724+00:00',NULL,NULL);
CREATE TABLE conversation_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL,
    type            TEXT NOT NULL,
    actor_id        INTEGER NULL,
    data            TEXT NULL,
    created_at      TEXT NOT NULL
, message_id INTEGER NULL);
INSERT INTO conversation_events VALUES(1,1,'message.received',NULL,NULL,'2026-12-03 14:59:58.6130684+00:00',1);
INSERT INTO conversation_events VALUES(2,1,'conversation.created',NULL,NULL,'2026-12-03 14:59:58.6130684+00:00',NULL);
INSERT INTO conversation_events VALUES(3,1,'message.received',NULL,NULL,'2026-12-03 14:59:58.7656174+00:00',2);
INSERT INTO conversation_events VALUES(4,1,'conversation.activity',NULL,NULL,'2026-12-03 14:59:58.7656174+00:00',NULL);
INSERT INTO conversation_events VALUES(5,2,'message.received',NULL,NULL,'2026-12-03 14:59:58.7989579+00:00',3);
INSERT INTO conversation_events VALUES(6,2,'conversation.created',NULL,NULL,'2026-12-03 14:59:58.7989579+00:00',NULL);
INSERT INTO conversation_events VALUES(7,1,'message.created',1,NULL,'2026-12-03 14:59:59.2667724+00:00',4);
INSERT INTO conversation_events VALUES(8,1,'conversation.assigned',1,'{"fromAgentId":null,"fromTeamId":null,"toAgentId":1,"toTeamId":null,"reason":"replied"}','2026-12-03 14:59:59.2667724+00:00',NULL);
INSERT INTO conversation_events VALUES(9,1,'message.created',1,NULL,'2026-12-03 14:59:59.6280179+00:00',5);
INSERT INTO conversation_events VALUES(10,1,'conversation.activity',1,NULL,'2026-12-03 14:59:59.6280179+00:00',NULL);
INSERT INTO conversation_events VALUES(11,2,'conversation.status_changed',1,'{"from":"open","to":"resolved","reason":null}','2026-12-03 15:00:00.0948711+00:00',NULL);
CREATE TABLE channel_leases (
    channel_id  INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    owner       TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE TABLE channel_cursors (
    channel_id INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    cursor     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE channel_health (
    channel_id      INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    last_success_at TEXT NULL,
    last_error      TEXT NULL,
    last_error_at   TEXT NULL,
    worked_by       TEXT NULL
);
INSERT INTO channel_health VALUES(1,'2026-12-03 14:59:58.6642316+00:00',NULL,NULL,NULL);
CREATE TABLE node_heartbeats (
    node_id      TEXT PRIMARY KEY,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);
INSERT INTO node_heartbeats VALUES('vm/16632/9640fe77f4d24aa5903bee4a05ee322f','2026-12-03 14:59:49.9208256+00:00','2026-12-03 15:00:07.9545716+00:00');
CREATE TABLE uploads (
    id           INTEGER PRIMARY KEY,
    uploaded_by  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    storage_key  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
INSERT INTO sessions VALUES('71f1f3241cdeb0481e9ab8dd0514b9fd',1,'2026-12-03 14:59:55.3039872+00:00','2026-12-03 14:59:55.3039872+00:00');
CREATE TABLE early_delivery_reports (
    channel_id          INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    provider_message_id TEXT NOT NULL,
    status              TEXT NOT NULL,
    error_code          TEXT NULL,
    error               TEXT NULL,
    received_at         TEXT NOT NULL,
    PRIMARY KEY (channel_id, provider_message_id, status)
);
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    actor_id   INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    action     TEXT NOT NULL,
    subject_id INTEGER NULL,
    detail     TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE message_thread_keys (
    channel_id INTEGER NOT NULL,
    thread_key TEXT NOT NULL,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    PRIMARY KEY (channel_id, thread_key, message_id)
);
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
CREATE TABLE commerce_locations (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    city          TEXT NULL,
    address       TEXT NULL,
    opening_hours TEXT NULL,
    contact_email TEXT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE commerce_products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL,
    name        TEXT NOT NULL,
    attributes  TEXT NOT NULL,
    price_minor INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    image_url   TEXT NULL,
    search_text TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE commerce_stock (
    product_id  INTEGER NOT NULL REFERENCES commerce_products (id) ON DELETE CASCADE,
    location_id INTEGER NOT NULL REFERENCES commerce_locations (id) ON DELETE CASCADE,
    on_hand     INTEGER NOT NULL,
    reserved    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (product_id, location_id),
    CHECK (reserved >= 0 AND on_hand >= reserved)
);
CREATE TABLE commerce_orders (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL,
    status         TEXT NOT NULL,
    fulfilment     TEXT NOT NULL,
    customer_name  TEXT NULL,
    customer_email TEXT NULL,
    customer_phone TEXT NULL,
    items          TEXT NOT NULL,
    total_minor    INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    tracking_url   TEXT NULL,
    location_id    INTEGER NULL REFERENCES commerce_locations (id) ON DELETE SET NULL,
    shipping_city  TEXT NULL,
    placed_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE TABLE commerce_reservations (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES commerce_products (id),
    location_id     INTEGER NOT NULL REFERENCES commerce_locations (id),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    contact_id      INTEGER NULL REFERENCES contacts (id) ON DELETE SET NULL,
    conversation_id INTEGER NULL REFERENCES conversations (id) ON DELETE SET NULL,
    status          TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    created_by      INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    closed_at       TEXT NULL,
    closed_by       INTEGER NULL REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE commerce_location_staff (
    location_id INTEGER NOT NULL REFERENCES commerce_locations (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (location_id, user_id)
);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('SchemaVersions',15);
INSERT INTO sqlite_sequence VALUES('conversation_events',11);
CREATE UNIQUE INDEX ux_users_email ON users (email);
CREATE UNIQUE INDEX ux_teams_name ON teams (name);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE UNIQUE INDEX ux_contact_identities_address ON contact_identities (kind, address);
CREATE INDEX ix_contact_identities_contact ON contact_identities (contact_id);
CREATE UNIQUE INDEX ux_conversations_contact ON conversations (contact_id);
CREATE INDEX ix_conversations_activity ON conversations (last_activity_at DESC, id DESC);
CREATE INDEX ix_conversations_status ON conversations (status, last_activity_at DESC);
CREATE INDEX ix_conversations_assignee ON conversations (assignee_id, last_activity_at DESC);
CREATE INDEX ix_messages_conversation ON messages (conversation_id, id);
CREATE INDEX ix_attachments_message ON attachments (message_id);
CREATE UNIQUE INDEX ux_outbox_message ON outbox (message_id);
CREATE UNIQUE INDEX ux_outbox_idempotency ON outbox (idempotency_key);
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at);
CREATE INDEX ix_conversation_events_conversation ON conversation_events (conversation_id, id);
CREATE UNIQUE INDEX ux_channels_webhook_key ON channels (webhook_key);
CREATE UNIQUE INDEX ux_messages_inbound_provider ON messages (channel_id, provider_message_id) WHERE direction = 'inbound';
CREATE INDEX ix_messages_outbound_provider ON messages (channel_id, provider_message_id) WHERE direction = 'outbound';
CREATE INDEX ix_uploads_user ON uploads (uploaded_by);
CREATE INDEX ix_sessions_user ON sessions (user_id);
CREATE INDEX ix_early_delivery_reports_received ON early_delivery_reports (received_at);
CREATE INDEX ix_audit_log_created ON audit_log (created_at);
CREATE INDEX ix_message_thread_keys_message ON message_thread_keys (message_id);
CREATE UNIQUE INDEX ux_widget_visitors_token ON widget_visitors (token_hash);
CREATE UNIQUE INDEX ux_commerce_locations_code ON commerce_locations (code);
CREATE UNIQUE INDEX ux_commerce_products_sku ON commerce_products (sku);
CREATE INDEX ix_commerce_stock_location ON commerce_stock (location_id);
CREATE UNIQUE INDEX ux_commerce_orders_number ON commerce_orders (number);
CREATE INDEX ix_commerce_orders_email ON commerce_orders (customer_email);
CREATE INDEX ix_commerce_orders_phone ON commerce_orders (customer_phone);
CREATE INDEX ix_commerce_reservations_location ON commerce_reservations (location_id, status, expires_at);
CREATE INDEX ix_commerce_reservations_due ON commerce_reservations (status, expires_at);
CREATE INDEX ix_commerce_reservations_conversation ON commerce_reservations (conversation_id);
CREATE INDEX ix_commerce_location_staff_user ON commerce_location_staff (user_id);
COMMIT;
