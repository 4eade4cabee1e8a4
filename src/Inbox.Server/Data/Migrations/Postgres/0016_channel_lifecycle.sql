-- Rotating a channel's credentials keeps the old inbound token hash and the old generated secrets (encrypted like the
-- current ones) valid until retired_until, so providers and integrators can switch without losing a message.
ALTER TABLE channels ADD COLUMN retired_inbound_token_hash TEXT NULL;
ALTER TABLE channels ADD COLUMN retired_secrets TEXT NULL;
ALTER TABLE channels ADD COLUMN retired_until TIMESTAMPTZ NULL;
-- An archived channel refuses inbound and sends nothing; its conversations and messages stay.
ALTER TABLE channels ADD COLUMN archived_at TIMESTAMPTZ NULL;
