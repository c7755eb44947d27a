#pragma once
// SQL for the territories of PLAN scenarios (each with its seller coverage), kept as
// ScenarioTerritory messages in proto3 JSON.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "common/db/pg.h"

namespace attain::planning::scenarios {

// Bulk insert (COPY) of a new scenario's territories.
absl::Status InsertScenarioTerritories(db::PgConn& tx, int64_t scenario_id,
                                       const std::vector<v1::ScenarioTerritory>& territories);
// Every territory of the scenario, by territory id.
absl::StatusOr<std::vector<v1::ScenarioTerritory>> LoadScenarioTerritories(db::PgConn& conn,
                                                                           int64_t scenario_id);
// Inserts or replaces one territory.
absl::Status PutScenarioTerritory(db::PgConn& tx, int64_t scenario_id,
                                  const v1::ScenarioTerritory& territory);
// NOT_FOUND when the scenario has no such territory.
absl::Status DeleteScenarioTerritory(db::PgConn& tx, int64_t scenario_id,
                                     const std::string& territory_id);

struct ScenarioTerritoryPage {
  std::vector<v1::ScenarioTerritory> territories;
  int total = 0;
  bool more = false;
};
// By territory id after `after_id`, at most `limit`.
absl::StatusOr<ScenarioTerritoryPage> ListScenarioTerritories(db::PgConn& conn, int64_t scenario_id,
                                                              const std::string& after_id,
                                                              int limit);

}  // namespace attain::planning::scenarios
