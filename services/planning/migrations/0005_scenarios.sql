-- Scenarios: proposed re-assignments of the accounts of one parent's child territories.
-- `detail` is the Scenario message in proto3 JSON (metrics, bands, territories); the
-- columns hold what is filtered or changes (state, promotion date, revision).
CREATE TABLE scenarios (
  scenario_id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  display_name            TEXT NOT NULL,
  state                   TEXT NOT NULL CHECK (state IN ('DRAFT', 'PROMOTED')),
  -- No foreign key: a promoted scenario's history outlives the territories it named.
  parent_territory_id     TEXT NOT NULL,
  as_of                   DATE NOT NULL,
  detail                  JSONB NOT NULL,
  promoted_effective_from DATE,
  revision                BIGINT NOT NULL DEFAULT 1,
  create_time             TIMESTAMPTZ NOT NULL DEFAULT now(),
  update_time             TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((state = 'PROMOTED') = (promoted_effective_from IS NOT NULL))
);
CREATE INDEX scenarios_parent ON scenarios (parent_territory_id, scenario_id);

-- Every account of a scenario with its territory before and in the proposal.
CREATE TABLE scenario_accounts (
  scenario_id       BIGINT NOT NULL REFERENCES scenarios (scenario_id) ON DELETE CASCADE,
  account_id        TEXT NOT NULL,
  from_territory_id TEXT NOT NULL,
  to_territory_id   TEXT NOT NULL,
  potential         NUMERIC(24,6) NOT NULL,
  workload          NUMERIC(24,6) NOT NULL,
  locked            BOOLEAN NOT NULL,
  PRIMARY KEY (scenario_id, account_id)
);
