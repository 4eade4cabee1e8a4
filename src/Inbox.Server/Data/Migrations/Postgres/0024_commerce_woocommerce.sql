-- The WooCommerce shop an admin connected (at most one). The consumer key and secret are encrypted together with
-- Data Protection, like channel credentials; cancellation says how a cancellation request reaches the shop.
CREATE TABLE commerce_woocommerce (
    id               BIGINT PRIMARY KEY CHECK (id = 1),
    base_url         TEXT NOT NULL,
    credentials      TEXT NOT NULL,
    cancellation     TEXT NOT NULL CHECK (cancellation IN ('note', 'status')),
    enabled          BOOLEAN NOT NULL,
    updated_by       BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
