-- SQLite only: its full-text index moves off the inbound writer (Search/SearchIndexer). PostgreSQL's generated
-- search_vector and its GIN index (0018) already defer the index work to GIN's pending list, so nothing changes here.
SELECT 1;
