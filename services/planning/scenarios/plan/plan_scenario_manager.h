#pragma once
// PLAN scenario use cases: copy the live territories, their seller coverage and a quota plan
// into a scenario; edit its territories, coverage and quota spec with the validations live
// writes use; diff it against live; promote it over live data in one transaction. Writes
// are idempotent by request_id and emit outbox events in their transaction.

#include <string>

#include <google/protobuf/empty.pb.h>

#include "absl/status/statusor.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"

namespace attain::planning::scenarios {

// The live plan a scenario is copied from and compared with: every territory with its
// coverage, by territory id.
absl::StatusOr<std::vector<v1::ScenarioTerritory>> LoadLivePlan(db::PgConn& conn);

// The scenario's territories as balancing and promotion read them.
absl::StatusOr<std::vector<v1::Territory>> ScenarioTerritories(db::PgConn& conn, int64_t id);

// Replaces territories of a DRAFT PLAN scenario with `changed` (validated within its tree),
// keeping their coverage; marks its quota for reallocation. FAILED_PRECONDITION
// (SCENARIO_CONFLICTS) when a change does not fit the scenario's tree.
absl::Status WriteScenarioTerritories(db::PgConn& tx, int64_t id,
                                      const std::vector<v1::Territory>& changed);

// One page of a PLAN scenario's diff; quotas and territory changes on the first page only.
absl::StatusOr<v1::DiffScenarioResponse> DiffPlanScenario(db::PgConn& conn, int64_t id,
                                                          const v1::Scenario& scenario,
                                                          const std::string& after_account,
                                                          int page_size);

// Writes a DRAFT PLAN scenario (locked by the caller, with territories locked) over live
// data and marks it promoted; returns it as stored.
absl::StatusOr<v1::Scenario> PromotePlanScenario(db::PgConn& tx, int64_t id,
                                                 const v1::Scenario& scenario);

class PlanScenarioManager {
 public:
  PlanScenarioManager(db::PgPool* pool, events::OutboxRelay* relay) : pool_(pool), relay_(relay) {}

  absl::StatusOr<v1::Scenario> Create(const v1::CreatePlanScenarioRequest& request,
                                      const std::string& creator);
  absl::StatusOr<v1::ListScenarioTerritoriesResponse> ListTerritories(
      const v1::ListScenarioTerritoriesRequest& request);
  absl::StatusOr<v1::ScenarioTerritory> PutTerritory(const v1::PutScenarioTerritoryRequest& request);
  absl::Status DeleteTerritory(const v1::DeleteScenarioTerritoryRequest& request);
  absl::StatusOr<v1::ScenarioTerritory> SetSellerAssignments(
      const v1::SetScenarioSellerAssignmentsRequest& request);
  absl::StatusOr<v1::Scenario> ReviseQuota(const v1::ReviseScenarioQuotaPlanRequest& request);

 private:
  db::PgPool* pool_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::planning::scenarios
