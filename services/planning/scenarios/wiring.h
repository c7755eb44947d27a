#pragma once
// Wires the scenario API into the planning service. main.cc calls WireScenarios from its
// wire step and keeps the result alive as long as the server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/planning/scenarios/scenario_manager.h"
#include "services/planning/scenarios/scenario_service.h"

namespace attain::planning {

struct ScenarioApis {
  std::unique_ptr<scenarios::ScenarioManager> manager;
  std::unique_ptr<scenarios::PlanScenarioManager> plans;
  std::unique_ptr<scenarios::ScenarioService> api;
};

// Creates the manager and adapter into `apis` and registers the adapter with `runner`.
absl::Status WireScenarios(bootstrap::ServiceRunner& runner, std::unique_ptr<ScenarioApis>* apis);

}  // namespace attain::planning
