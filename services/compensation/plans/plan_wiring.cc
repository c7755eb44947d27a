#include "services/compensation/plans/plan_wiring.h"

namespace attain::compensation {

absl::Status WirePlans(bootstrap::ServiceRunner& runner, transactions::ReferenceChecker* sellers,
                       std::unique_ptr<PlanApis>* apis) {
  auto wired = std::make_unique<PlanApis>();
  wired->checker = std::make_unique<plans::EngineExpressionChecker>();
  wired->manager = std::make_unique<plans::PlanManager>(&runner.pool(), sellers,
                                                        wired->checker.get(), &runner.relay());
  wired->api = std::make_unique<plans::PlanService>(&runner.gate(), wired->manager.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
