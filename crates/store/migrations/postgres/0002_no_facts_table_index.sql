-- The index of facts by table number goes, as in SQLite (migration 0003
-- there): every document added an entry to each of its 13 tables' runs of
-- it, the larger part of an import's index writes. A question about one
-- table across the repository scans the facts; filtered by region or year it
-- reaches each disclosure's facts by their primary key.
DROP INDEX facts_table;
