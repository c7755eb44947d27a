#include "services/planning/scenarios/wiring.h"

namespace attain::planning {

absl::Status WireScenarios(bootstrap::ServiceRunner& runner, std::unique_ptr<ScenarioApis>* apis) {
  auto wired = std::make_unique<ScenarioApis>();
  wired->manager = std::make_unique<scenarios::ScenarioManager>(&runner.pool(), &runner.relay());
  wired->plans = std::make_unique<scenarios::PlanScenarioManager>(&runner.pool(), &runner.relay());
  wired->api = std::make_unique<scenarios::ScenarioService>(&runner.gate(), wired->manager.get(),
                                                            wired->plans.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::planning
