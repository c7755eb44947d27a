#pragma once
// Scenario use cases: propose a balanced re-assignment of a parent's child territories as a
// DRAFT scenario, read and list scenarios, diff one against the live assignment, delete a
// draft, and promote it into effective-dated territory rules. Writes are idempotent by
// request_id and emit outbox events in their transaction.

#include <string>

#include "absl/status/statusor.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"

namespace attain::planning::scenarios {

class ScenarioManager {
 public:
  ScenarioManager(db::PgPool* pool, events::OutboxRelay* relay) : pool_(pool), relay_(relay) {}

  // `creator` is the caller's subject, recorded on the scenario.
  absl::StatusOr<v1::Scenario> ProposeBalancing(const v1::ProposeBalancingRequest& request,
                                                const std::string& creator);
  absl::StatusOr<v1::GetScenarioResponse> Get(const v1::GetScenarioRequest& request);
  absl::StatusOr<v1::ListScenariosResponse> List(const v1::ListScenariosRequest& request);
  absl::StatusOr<v1::DiffScenarioResponse> Diff(const v1::DiffScenarioRequest& request);
  absl::Status Delete(const v1::DeleteScenarioRequest& request);
  absl::StatusOr<v1::Scenario> Promote(const v1::PromoteScenarioRequest& request);

 private:
  db::PgPool* pool_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::planning::scenarios
