-- The repository of disclosures (SQLite). migrations/postgres/0001 is the
-- same schema in PostgreSQL's words; keep the two in step.

-- 地区 a region as the disclosures name it (汾阳市, 晋城市).
CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- 部门 a department of a region; the name is how disclosures identify it.
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    region_id INTEGER NOT NULL REFERENCES regions (id),
    name TEXT NOT NULL,
    code TEXT,
    level TEXT,
    UNIQUE (region_id, name)
);

-- One published document: a 预算 or 决算 disclosure of one department and year.
-- Money is integer 分 (元 × 100), NULL where a figure is not printed.
CREATE TABLE disclosures (
    -- AUTOINCREMENT: the id of a deleted disclosure is never given to
    -- another, so an old link cannot show a different document.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    department_id INTEGER NOT NULL REFERENCES departments (id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    unit TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_format TEXT NOT NULL,
    source_hash TEXT NOT NULL UNIQUE,
    source_size INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT,
    fact_count INTEGER NOT NULL,
    claim_count INTEGER NOT NULL,
    finding_count INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    total_fen INTEGER,
    basic_fen INTEGER,
    project_fen INTEGER,
    three_public_fen INTEGER,
    operating_fen INTEGER,
    -- The disclosure model (JSON) and the source file as published, each
    -- deflated: the model renders the pages, the source is read again on
    -- re-import by a newer reader.
    model BLOB NOT NULL,
    source BLOB NOT NULL
);
CREATE INDEX disclosures_department_year ON disclosures (department_id, year);
CREATE INDEX disclosures_year ON disclosures (year);

-- Tidy facts: one printed table cell each (the `yusuan facts` columns).
CREATE TABLE facts (
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
);
-- By table, then document: a cross-department question about one table
-- reads that table's share of the facts, and an import appends to the end
-- of each table's run instead of touching pages all over the index (an
-- index led by row code made every document rewrite some hundred pages).
CREATE INDEX facts_table ON facts (table_no, disclosure_id);

-- Figures the prose states, and what the reader found them to restate.
CREATE TABLE claims (
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
);

-- What the reader and the checker found.
CREATE TABLE findings (
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
);
CREATE INDEX findings_rule ON findings (rule);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Sign-in sessions and API tokens are kept as SHA-256 of the secret only.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- 审计 every change: who, when, what.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
