-- The deflated model and source file of each disclosure in a table of
-- their own. Kept in the disclosure's row (about 18 kB), they spread the
-- headline figures of 10,000 disclosures over as many pages, so a view
-- across departments read some 3,000 pages for a year's 三公 (BENCHMARKS.md,
-- "Serving under load"); the rows are now a few hundred bytes.
CREATE TABLE disclosure_files (
    disclosure_id INTEGER PRIMARY KEY REFERENCES disclosures (id) ON DELETE CASCADE,
    model BLOB NOT NULL,
    source BLOB NOT NULL
);
INSERT INTO disclosure_files (disclosure_id, model, source)
    SELECT id, model, source FROM disclosures;
-- The yusuan version that read and checked the disclosure (NULL before
-- this migration), so that documents read by an older reader can be found
-- and re-imported. Added before the drops also because SQLite cannot drop
-- the last column of a definition with comments before it ("incomplete
-- input", SQLite 3.40-3.46).
ALTER TABLE disclosures ADD COLUMN read_by TEXT;
ALTER TABLE disclosures DROP COLUMN model;
ALTER TABLE disclosures DROP COLUMN source;
