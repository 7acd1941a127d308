-- Facts, claims and findings stored in their primary key's order (WITHOUT
-- ROWID): a document's rows are one run of one B-tree, where a rowid table
-- kept them twice, in the table and again in the primary key's index. An
-- import writes each row once instead of twice, and a disclosure's facts are
-- read from adjacent pages.

CREATE TABLE facts_by_disclosure (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    table_no INTEGER NOT NULL,
    row_code TEXT NOT NULL,
    row_label TEXT NOT NULL,
    column_name TEXT NOT NULL,
    value TEXT NOT NULL,
    fen INTEGER,
    line INTEGER,
    PRIMARY KEY (disclosure_id, seq)
) WITHOUT ROWID;
INSERT INTO facts_by_disclosure
    SELECT disclosure_id, seq, table_no, row_code, row_label, column_name, value, fen, line
    FROM facts;
DROP TABLE facts;
ALTER TABLE facts_by_disclosure RENAME TO facts;
CREATE INDEX facts_table ON facts (table_no, disclosure_id);

CREATE TABLE claims_by_disclosure (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    section TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    sentence TEXT NOT NULL,
    cell TEXT,
    topic TEXT,
    line INTEGER,
    PRIMARY KEY (disclosure_id, seq)
) WITHOUT ROWID;
INSERT INTO claims_by_disclosure
    SELECT disclosure_id, seq, section, kind, subject, sentence, cell, topic, line
    FROM claims;
DROP TABLE claims;
ALTER TABLE claims_by_disclosure RENAME TO claims;

CREATE TABLE findings_by_disclosure (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    table_no INTEGER,
    row_label TEXT,
    column_name TEXT,
    section TEXT,
    line INTEGER,
    expected TEXT,
    actual TEXT,
    PRIMARY KEY (disclosure_id, seq)
) WITHOUT ROWID;
INSERT INTO findings_by_disclosure
    SELECT disclosure_id, seq, rule, severity, message, table_no, row_label, column_name,
           section, line, expected, actual
    FROM findings;
DROP TABLE findings;
ALTER TABLE findings_by_disclosure RENAME TO findings;
CREATE INDEX findings_rule ON findings (rule);
