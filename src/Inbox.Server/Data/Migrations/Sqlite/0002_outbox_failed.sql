-- A reply that failed keeps its outbox row (and so its idempotency key) so an agent can retry it;
-- failed rows are never due until then.
ALTER TABLE outbox ADD COLUMN failed_at TEXT NULL;
