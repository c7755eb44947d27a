-- Calculation runs, what they read, the statements they publish, and manual adjustments.
-- A run writes its statements under its own run id and publishes them by moving the
-- period's pointer in the same transaction (calc_periods.published_run_id), so a reader
-- never sees half a run and a period has exactly one published result at a time.

CREATE TABLE calc_runs (
  run_id            BIGSERIAL PRIMARY KEY,
  period            TEXT NOT NULL,
  run_number        INTEGER NOT NULL CHECK (run_number >= 1),
  request_id        TEXT,
  state             TEXT NOT NULL
    CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED')),
  -- StageProgress list as proto3 JSON, rewritten as the run advances.
  stages            JSONB NOT NULL DEFAULT '[]',
  error_message     TEXT NOT NULL DEFAULT '',
  creator           TEXT NOT NULL,
  create_time       TIMESTAMPTZ NOT NULL DEFAULT now(),
  end_time          TIMESTAMPTZ,
  transaction_count BIGINT NOT NULL DEFAULT 0,
  statement_count   BIGINT NOT NULL DEFAULT 0,
  results_digest    TEXT NOT NULL DEFAULT '',
  -- Every transaction import with import_id <= import_watermark (and none after) is what
  -- the run read: explanations replay exactly that set (docs/compensation.md, "Lineage").
  import_watermark  BIGINT,
  inputs_as_of      TIMESTAMPTZ,
  -- The planning data the run credited through (calc_inputs.digest).
  planning_digest   BYTEA,
  -- Per currency, the statements' totals: {"USD": "1234.56"}.
  total_payable     JSONB NOT NULL DEFAULT '{}',
  UNIQUE (period, run_number)
);
CREATE UNIQUE INDEX calc_runs_request ON calc_runs (request_id) WHERE request_id IS NOT NULL;

-- Planning snapshots (serialized), shared by every run that read the same one.
CREATE TABLE calc_inputs (
  digest     BYTEA PRIMARY KEY,
  body       BYTEA NOT NULL,
  stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The published run of each period.
CREATE TABLE calc_periods (
  period           TEXT PRIMARY KEY,
  published_run_id BIGINT NOT NULL REFERENCES calc_runs (run_id),
  publish_time     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One statement per seller per run. `body` is the Statement proto (deterministic
-- serialization); `total`/`currency` are columns for payroll and sums; `managers` are the
-- seller's managers on the period's last day (nearest first), so "a manager reads their
-- subtree" is one indexed test.
CREATE TABLE statements (
  run_id    BIGINT NOT NULL REFERENCES calc_runs (run_id) ON DELETE CASCADE,
  seller_id TEXT COLLATE "C" NOT NULL,
  plan_id   TEXT NOT NULL,
  currency  CHAR(3) NOT NULL,
  total     NUMERIC(24,6) NOT NULL,
  managers  TEXT[] NOT NULL DEFAULT '{}',
  body      BYTEA NOT NULL,
  PRIMARY KEY (run_id, seller_id)
);
CREATE INDEX statements_managers ON statements USING GIN (managers);

-- Manual adjustments by comp admins: inputs of their period's next run.
CREATE TABLE adjustments (
  adjustment_id TEXT PRIMARY KEY,
  period        TEXT NOT NULL,
  seller_id     TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('PAYOUT', 'CREDIT')),
  amount        NUMERIC(24,6) NOT NULL CHECK (amount <> 0),
  measure_id    TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL,
  author        TEXT NOT NULL,
  request_id    TEXT,
  create_time   TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((kind = 'CREDIT') = (measure_id <> ''))
);
CREATE INDEX adjustments_period ON adjustments (period, seller_id, create_time);
CREATE UNIQUE INDEX adjustments_request ON adjustments (request_id) WHERE request_id IS NOT NULL;
