-- A contact's name folded for search: lower case, accents removed ("Ñandú Ángela" -> "nandu angela"). The server
-- writes it with the name (ContactStore.SearchFold) and fills it in for older rows at start-up; SQLite's LOWER and
-- LIKE fold ASCII only, and PostgreSQL will search the same column the same way.
ALTER TABLE contacts ADD COLUMN search_name TEXT NULL;
