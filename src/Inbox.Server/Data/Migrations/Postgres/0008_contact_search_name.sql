-- A contact's name folded for search (lower case, accents removed), written by the server: the same column and the
-- same LIKE on both databases, so search behaves the same.
ALTER TABLE contacts ADD COLUMN search_name TEXT NULL;
