-- Compensation plans (docs/compensation_plans.md): a plan's identity, its numbered versions
-- (DRAFT -> ACTIVE -> RETIRED) and its assignments to sellers or titles over date ranges.
-- Written only by the PlanService's use cases, which serialize on one advisory lock, so the
-- rules that span rows (one ACTIVE version per plan, no overlapping ranges, at most one plan
-- per seller on any date) are checked there; the cheap per-row rules are checked here too.
-- Ids compare bytewise (COLLATE "C"): the order of keyset pages and of the calculation's reads.

CREATE TABLE plans (
  plan_id      TEXT COLLATE "C" PRIMARY KEY,
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  currency     CHAR(3) NOT NULL,
  period_type  TEXT NOT NULL CHECK (period_type IN ('MONTHLY', 'QUARTERLY', 'ANNUAL')),
  create_time  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A version's rules never change once written; only state and the effective range move, once
-- each: DRAFT (no range) -> ACTIVE (open range) -> RETIRED (closed range).
--
-- `rules` is the version's measures, parameters, components and cap as the PlanVersion
-- message in proto3 JSON (field names as in the .proto), written from the validated plan, so
-- it is the canonical form. JSON rather than the binary encoding because:
--   * plans are few and small, so jsonb's size and parsing cost do not matter;
--   * it can be read and queried in SQL ("which plans use measure revenue?",
--     rules->'components') during support and in data migrations, which bytea cannot;
--   * planning keeps its quota plan versions as JSON as well.
-- The cost: renaming a field in plans.proto needs a migration of this column (numbers do not
-- matter to JSON), which proto rules discourage anyway.
CREATE TABLE plan_versions (
  plan_id        TEXT COLLATE "C" NOT NULL REFERENCES plans (plan_id),
  version        INTEGER NOT NULL CHECK (version >= 1),
  state          TEXT NOT NULL CHECK (state IN ('DRAFT', 'ACTIVE', 'RETIRED')),
  effective_from DATE,
  effective_to   DATE,
  rules          JSONB NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  creator        TEXT NOT NULL,
  create_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, version),
  -- DRAFT: no range; ACTIVE: from a date, open-ended; RETIRED: a closed range.
  CHECK ((state = 'DRAFT') = (effective_from IS NULL)),
  CHECK ((state = 'RETIRED') = (effective_to IS NOT NULL)),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- At most one ACTIVE version per plan.
CREATE UNIQUE INDEX plan_versions_one_active ON plan_versions (plan_id) WHERE state = 'ACTIVE';

-- Assignments of a plan to one seller or to every seller holding a title. The assignee
-- indexes serve the overlap check of AssignPlan and the list filters.
CREATE TABLE plan_assignments (
  plan_id          TEXT COLLATE "C" NOT NULL REFERENCES plans (plan_id),
  assignment_id    TEXT COLLATE "C" NOT NULL,
  seller_id        TEXT,
  title            TEXT,
  effective_from   DATE NOT NULL,
  effective_to     DATE,
  target_incentive NUMERIC(24,6) NOT NULL CHECK (target_incentive >= 0),
  quota_measure_id TEXT NOT NULL DEFAULT '',
  -- {"parameter_id": "decimal text", ...}: text, so values stay exact.
  parameter_overrides JSONB NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(parameter_overrides) = 'object'),
  creator          TEXT NOT NULL,
  create_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
  update_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, assignment_id),
  CHECK ((seller_id IS NULL) <> (title IS NULL)),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

CREATE INDEX plan_assignments_seller ON plan_assignments (seller_id) WHERE seller_id IS NOT NULL;
CREATE INDEX plan_assignments_title ON plan_assignments (title) WHERE title IS NOT NULL;
