-- Search over all history (Search/MessageSearch): a GIN index over the folded words of messages.text. An expression
-- index needs no trigger and no stored column: every writer (inbound, edits, merges, erasure, retention) keeps it in
-- step. Folding is lower case without accents ("Canción" -> "cancion"), the same as SQLite's unicode61
-- remove_diacritics; written with translate() so it is IMMUTABLE and needs no extension (unaccent is not).
-- Upper-case accented letters are listed too: lower() leaves them alone under the C locale.
CREATE FUNCTION inbox_search_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN translate(lower(value),
        'áàâäãåéèêëíìîïóòôöõúùûüñçýÿÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝ',
        'aaaaaaeeeeiiiiooooouuuuncyyaaaaaaeeeeiiiiooooouuuuncy');
CREATE INDEX ix_messages_search ON messages USING gin (to_tsvector('simple'::regconfig, inbox_search_fold(text)));

-- Identity columns never hand out an id twice, so PostgreSQL needs no high-water table (SQLite's is in its 0018).

-- Where a merged-away contact or conversation went, so its old id answers with the survivor (Contacts/MergedIds).
CREATE TABLE merged_ids (
    kind      TEXT NOT NULL,
    old_id    BIGINT NOT NULL,
    new_id    BIGINT NOT NULL,
    merged_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, old_id)
);
CREATE INDEX ix_merged_ids_new ON merged_ids (kind, new_id);
