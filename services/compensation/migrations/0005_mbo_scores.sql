-- Management-by-objectives scores (mbo.proto): one current value per (period, seller,
-- component), read by the period's calculation runs, and every value each score has had, so
-- "who changed this score, and from what" has an answer. Only the MBO store writes them, in
-- one statement that updates mbo_scores and appends the new version to mbo_score_history.

CREATE TABLE mbo_scores (
  period       TEXT NOT NULL,
  seller_id    TEXT COLLATE "C" NOT NULL,
  component_id TEXT COLLATE "C" NOT NULL,
  score        NUMERIC(24,6) NOT NULL CHECK (score >= 0),
  comment      TEXT NOT NULL DEFAULT '' CHECK (char_length(comment) <= 500),
  author       TEXT NOT NULL,
  -- 1 for the first value; one more for each change.
  version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  request_id   TEXT,
  update_time  TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Runs read a period's scores in this order.
  PRIMARY KEY (period, seller_id, component_id)
);

CREATE TABLE mbo_score_history (
  period       TEXT NOT NULL,
  seller_id    TEXT COLLATE "C" NOT NULL,
  component_id TEXT COLLATE "C" NOT NULL,
  version      INTEGER NOT NULL,
  score        NUMERIC(24,6) NOT NULL,
  comment      TEXT NOT NULL,
  author       TEXT NOT NULL,
  request_id   TEXT,
  change_time  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (period, seller_id, component_id, version),
  FOREIGN KEY (period, seller_id, component_id)
    REFERENCES mbo_scores (period, seller_id, component_id)
);
