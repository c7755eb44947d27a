-- Quota plans: one row per plan (fiscal year, calendar, root territory), its versions
-- (lifecycle DRAFT -> SUBMITTED -> APPROVED -> ACTIVE, effective-dated once active), each
-- version's territory allocation, and bottom-up submissions. A version's allocation is
-- written once and never changed; a change to an active quota is a new version.
CREATE TABLE quota_plans (
  plan_id                 TEXT PRIMARY KEY,
  display_name            TEXT NOT NULL,
  fiscal_year             INT NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  fiscal_year_start_month INT NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  period_type             TEXT NOT NULL CHECK (period_type IN ('MONTHLY', 'QUARTERLY')),
  currency                CHAR(3) NOT NULL,
  root_territory_id       TEXT NOT NULL,
  create_time             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX quota_plans_year ON quota_plans (fiscal_year, plan_id);

-- `detail` is the version's QuotaPlanVersion in proto3 JSON (spec, periods, resolved
-- seasonality and history window); state, dates and revision are columns.
CREATE TABLE quota_plan_versions (
  plan_id        TEXT NOT NULL REFERENCES quota_plans (plan_id) ON DELETE CASCADE,
  version        INT NOT NULL CHECK (version >= 1),
  state          TEXT NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'ACTIVE')),
  detail         JSONB NOT NULL,
  effective_from DATE,
  effective_to   DATE,
  revision       BIGINT NOT NULL DEFAULT 1,
  create_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
  update_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, version),
  CHECK ((state = 'ACTIVE') = (effective_from IS NOT NULL)),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX quota_plan_versions_active ON quota_plan_versions (effective_from)
  WHERE state = 'ACTIVE';

-- Whole-unit territory quotas; periods[i] is the i-th fiscal period (1-based array).
-- No foreign key to territories: a plan's history outlives the territories it named.
CREATE TABLE territory_quotas (
  plan_id       TEXT NOT NULL,
  version       INT NOT NULL,
  territory_id  TEXT NOT NULL,
  parent_id     TEXT,
  depth         INT NOT NULL,
  position      INT NOT NULL,
  annual        NUMERIC(24,6) NOT NULL,
  children_pool NUMERIC(24,6) NOT NULL,
  periods       NUMERIC(24,6)[] NOT NULL,
  PRIMARY KEY (plan_id, version, territory_id),
  FOREIGN KEY (plan_id, version) REFERENCES quota_plan_versions (plan_id, version) ON DELETE CASCADE
);

-- The latest bottom-up number each territory submitted for a plan (annual).
CREATE TABLE quota_submissions (
  plan_id      TEXT NOT NULL REFERENCES quota_plans (plan_id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  amount       NUMERIC(24,6) NOT NULL CHECK (amount >= 0),
  update_time  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, territory_id)
);
