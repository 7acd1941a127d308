-- The deflated model and source file of each disclosure in a table of
-- their own, as in SQLite (migration 0004 there): a view across
-- departments reads the disclosures' headline figures without their
-- documents.
CREATE TABLE disclosure_files (
    disclosure_id BIGINT PRIMARY KEY REFERENCES disclosures (id) ON DELETE CASCADE,
    model BYTEA NOT NULL,
    source BYTEA NOT NULL
);
INSERT INTO disclosure_files (disclosure_id, model, source)
    SELECT id, model, source FROM disclosures;
-- The yusuan version that read and checked the disclosure (NULL before
-- this migration), so that documents read by an older reader can be found
-- and re-imported.
ALTER TABLE disclosures ADD COLUMN read_by TEXT;
ALTER TABLE disclosures DROP COLUMN model;
ALTER TABLE disclosures DROP COLUMN source;
