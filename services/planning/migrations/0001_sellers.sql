-- The sales organization: sellers and their effective-dated reporting lines.
CREATE TABLE sellers (
  seller_id        TEXT PRIMARY KEY,
  display_name     TEXT NOT NULL,
  email            TEXT NOT NULL,
  title            TEXT NOT NULL,
  hire_date        DATE NOT NULL,
  termination_date DATE,
  home_currency    CHAR(3) NOT NULL,
  revision         BIGINT NOT NULL DEFAULT 1,
  create_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
  update_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (termination_date IS NULL OR termination_date >= hire_date),
  -- Deferred so one import may move an email from one seller to another.
  CONSTRAINT sellers_email_unique UNIQUE (email) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX sellers_title ON sellers (title);

-- "seller_id reports to manager_id from start_date to end_date" (inclusive; NULL = open).
-- Overlaps and cycles are rejected by the service, which serializes hierarchy writes.
CREATE TABLE reporting_lines (
  seller_id  TEXT NOT NULL REFERENCES sellers (seller_id) ON DELETE CASCADE,
  manager_id TEXT NOT NULL REFERENCES sellers (seller_id),
  start_date DATE NOT NULL,
  end_date   DATE,
  PRIMARY KEY (seller_id, start_date),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX reporting_lines_manager ON reporting_lines (manager_id, start_date);
