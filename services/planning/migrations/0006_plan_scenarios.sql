-- Plan scenarios: a copy of every live territory with its seller coverage (and, in the
-- scenario's detail, one quota plan's inputs), edited apart from live data and promoted in
-- one transaction. Balancing scenarios may be proposed over a plan scenario's territories.
ALTER TABLE scenarios
  ADD COLUMN kind TEXT NOT NULL DEFAULT 'BALANCING' CHECK (kind IN ('BALANCING', 'PLAN')),
  -- The plan scenario a balancing scenario works on; deleting it deletes them.
  ADD COLUMN base_scenario_id BIGINT REFERENCES scenarios (scenario_id) ON DELETE CASCADE,
  -- Digest of the live territories, coverage and quota plan version a plan scenario was
  -- copied from; promotion refuses when live data no longer matches it.
  ADD COLUMN live_fingerprint TEXT;
CREATE INDEX scenarios_base ON scenarios (base_scenario_id) WHERE base_scenario_id IS NOT NULL;

-- One territory of a plan scenario with its coverage: the ScenarioTerritory message in
-- proto3 JSON.
CREATE TABLE scenario_territories (
  scenario_id  BIGINT NOT NULL REFERENCES scenarios (scenario_id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  detail       JSONB NOT NULL,
  PRIMARY KEY (scenario_id, territory_id)
);
