-- The index of facts by table number goes. Every document added an entry to
-- each of its 13 tables' runs of it, so a commit rewrote some 27 index pages
-- besides the document's own: 36 % of an import's writes and, over 10,000
-- documents, 18 % of its time (BENCHMARKS.md, "Import"). A question about
-- one table across the repository reads the facts in order instead (0.1 s
-- for 1.8 million facts); filtered by region or year it reaches the facts of
-- each disclosure by their primary key.
DROP INDEX facts_table;
