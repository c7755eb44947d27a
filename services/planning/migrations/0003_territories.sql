-- Territories with effective-dated versions (parent and assignment rules), the sellers who
-- cover them, and the stored result of account assignment runs.
CREATE TABLE territories (
  territory_id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('WORLD', 'REGION', 'DISTRICT', 'TERRITORY')),
  type         TEXT NOT NULL CHECK (type IN ('GEOGRAPHIC', 'NAMED_ACCOUNT', 'OVERLAY')),
  revision     BIGINT NOT NULL DEFAULT 1,
  update_time  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per version; rules are the version's AssignmentRule list in proto3 JSON.
CREATE TABLE territory_versions (
  territory_id   TEXT NOT NULL REFERENCES territories (territory_id) ON DELETE CASCADE,
  effective_from DATE NOT NULL,
  effective_to   DATE,
  parent_id      TEXT REFERENCES territories (territory_id) DEFERRABLE INITIALLY DEFERRED,
  rules          JSONB NOT NULL DEFAULT '[]',
  PRIMARY KEY (territory_id, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX territory_versions_parent ON territory_versions (parent_id);

CREATE TABLE seller_territory_assignments (
  territory_id  TEXT NOT NULL REFERENCES territories (territory_id) ON DELETE CASCADE,
  seller_id     TEXT NOT NULL REFERENCES sellers (seller_id),
  role          TEXT NOT NULL CHECK (role IN ('PRIMARY', 'OVERLAY')),
  split_percent NUMERIC(9,6) NOT NULL CHECK (split_percent > 0 AND split_percent <= 100),
  start_date    DATE NOT NULL,
  end_date      DATE,
  PRIMARY KEY (territory_id, seller_id, role, start_date),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX seller_territory_assignments_seller ON seller_territory_assignments (seller_id);

-- The latest AssignAccounts result per date: at most one territory per account and type.
CREATE TABLE account_assignments (
  as_of          DATE NOT NULL,
  account_id     TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  territory_type TEXT NOT NULL,
  territory_id   TEXT NOT NULL REFERENCES territories (territory_id) ON DELETE CASCADE,
  rule_index     INT NOT NULL,
  priority       INT NOT NULL,
  PRIMARY KEY (as_of, account_id, territory_type)
);
CREATE INDEX account_assignments_territory ON account_assignments (as_of, territory_id);
