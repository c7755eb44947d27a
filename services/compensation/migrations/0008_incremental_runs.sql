-- Incremental runs (docs/compensation.md, "Incremental runs"). A run may start from an
-- earlier run's state kept in memory and read only the transactions imported since that
-- run's watermark. Import ids grow with the table's physical order (rows are only ever
-- appended by the import's COPY), so a BRIN index finds "import_id > watermark" in the
-- table's last pages for a few kilobytes of index and almost no cost to the import.
CREATE INDEX transactions_import_id ON transactions USING brin (import_id);

ALTER TABLE calc_runs
  -- Asked for incremental (StartCalculationRunRequest.incremental).
  ADD COLUMN incremental_requested BOOLEAN NOT NULL DEFAULT false,
  -- Calculated incrementally; false with full_reason set when the request fell back.
  ADD COLUMN incremental BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN full_reason TEXT NOT NULL DEFAULT '',
  -- Statements this run calculated; the others were carried from the run it started from.
  ADD COLUMN recalculated_count BIGINT NOT NULL DEFAULT 0;
