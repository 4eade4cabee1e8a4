-- Reservations reach the shop and remind the customer: when the branch was mailed, when the customer was reminded, and
-- the language the customer was written to in (the confirmation's), for the reminder.
ALTER TABLE commerce_reservations ADD COLUMN language TEXT NULL;
ALTER TABLE commerce_reservations ADD COLUMN branch_notified_at TIMESTAMPTZ NULL;
ALTER TABLE commerce_reservations ADD COLUMN reminded_at TIMESTAMPTZ NULL;
