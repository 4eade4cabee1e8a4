-- Commerce beside the thread: the built-in catalogue (locations, products, stock per location, orders) and
-- reservations for pickup. Money is kept in minor units (cents) so both databases add it exactly.
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
CREATE UNIQUE INDEX ux_commerce_locations_code ON commerce_locations (code);

-- One row per variant (its own SKU). search_text: SKU, name and attribute values, lower-case without accents.
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
CREATE UNIQUE INDEX ux_commerce_products_sku ON commerce_products (sku);

-- Reserved units stay on hand until picked up; the CHECK is the last word on "never negative".
CREATE TABLE commerce_stock (
    product_id  INTEGER NOT NULL REFERENCES commerce_products (id) ON DELETE CASCADE,
    location_id INTEGER NOT NULL REFERENCES commerce_locations (id) ON DELETE CASCADE,
    on_hand     INTEGER NOT NULL,
    reserved    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (product_id, location_id),
    CHECK (reserved >= 0 AND on_hand >= reserved)
);
CREATE INDEX ix_commerce_stock_location ON commerce_stock (location_id);

-- Customer email lower-case and phone E.164, as contact identities keep them. items: JSON array of OrderItemDto.
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
CREATE UNIQUE INDEX ux_commerce_orders_number ON commerce_orders (number);
CREATE INDEX ix_commerce_orders_email ON commerce_orders (customer_email);
CREATE INDEX ix_commerce_orders_phone ON commerce_orders (customer_phone);

-- Who it is for is the contact row itself (no copy of the name), so erasing a contact leaves no name behind.
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
CREATE INDEX ix_commerce_reservations_location ON commerce_reservations (location_id, status, expires_at);
CREATE INDEX ix_commerce_reservations_due ON commerce_reservations (status, expires_at);
CREATE INDEX ix_commerce_reservations_conversation ON commerce_reservations (conversation_id);

-- Branch staff: a user listed for one or more locations sees and works only those branches' reservations
-- (admins, and agents listed nowhere, see every branch).
CREATE TABLE commerce_location_staff (
    location_id INTEGER NOT NULL REFERENCES commerce_locations (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (location_id, user_id)
);
CREATE INDEX ix_commerce_location_staff_user ON commerce_location_staff (user_id);
