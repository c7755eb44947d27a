#pragma once
// Errors and event payloads shared by the scenario use cases.

#include <string>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "attain/planning/v1/scenarios.pb.h"

namespace attain::planning::scenarios {

absl::Status ScenarioNotFound(int64_t id);
// FAILED_PRECONDITION (SCENARIO_NOT_DRAFT).
absl::Status NotDraft(const v1::Scenario& scenario);
// FAILED_PRECONDITION (SCENARIO_STALE): live data moved on since the scenario was made.
absl::Status Stale(const std::string& message);
// FAILED_PRECONDITION (WRONG_SCENARIO_KIND) unless `scenario` is of `kind`.
absl::Status RequireKind(const v1::Scenario& scenario, v1::ScenarioKind kind);

// proto3 JSON of an event payload.
std::string EventJson(const google::protobuf::Message& message);

}  // namespace attain::planning::scenarios
