#pragma once
// Conversion between the balancing engine's proposal and attain.planning.v1 scenario
// messages, and scenario resource names. Pure logic.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/scenarios.pb.h"
#include "services/planning/engine/balancing/types.h"
#include "services/planning/scenarios/balancing_input.h"

namespace attain::planning::scenarios {

// "scenarios/{id}" -> id (digits); INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int64_t> ScenarioIdFromName(const std::string& name, const std::string& field);
std::string ScenarioName(int64_t id);

std::string StateName(v1::ScenarioState state);  // "DRAFT", "PROMOTED" ("" when unspecified)
v1::ScenarioState StateFromName(const std::string& name);
std::string KindName(v1::ScenarioKind kind);  // "BALANCING" (also for unspecified), "PLAN"

v1::BalanceShortfall ShortfallToProto(balancing::Shortfall shortfall);

// `metrics` with per-territory totals named by `request`'s territories.
v1::BalanceMetrics MetricsToProto(const balancing::Request& request,
                                  const balancing::Metrics& metrics);

// A proposal as a DRAFT scenario (no id or times yet) and its accounts, in request order.
struct ScenarioDraft {
  v1::Scenario scenario;
  std::vector<v1::ScenarioAccount> accounts;
};
ScenarioDraft DraftFromProposal(const v1::ProposeBalancingRequest& request,
                                const ProposeOptions& options, const Children& children,
                                v1::AssignmentSource source, const balancing::Request& engine_request,
                                const balancing::Proposal& proposal);

}  // namespace attain::planning::scenarios
