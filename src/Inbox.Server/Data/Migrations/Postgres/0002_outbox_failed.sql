-- A reply that failed keeps its outbox row (and so its idempotency key) so an agent can retry it.
ALTER TABLE outbox ADD COLUMN failed_at TIMESTAMPTZ NULL;
