#pragma once
// Wires calculation runs and their explanations into the compensation service. main.cc calls
// WireCalculation from its wire step (before WireStatements, which takes the explainer) and
// keeps the result alive as long as the server.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/calculation/calculation_service.h"
#include "services/compensation/calculation/planning_snapshot.h"
#include "services/compensation/calculation/replay_explainer.h"
#include "services/compensation/calculation/run_manager.h"

namespace attain::compensation {

struct CalculationApis {
  std::unique_ptr<calculation::PlanningSource> planning;
  std::unique_ptr<calculation::ReplayExplainer> explainer;
  std::unique_ptr<calculation::RunManager> runs;
  std::unique_ptr<calculation::CalculationService> api;
};

absl::Status WireCalculation(bootstrap::ServiceRunner& runner, const std::string& planning_address,
                             const calculation::CalculationSettings& settings,
                             std::unique_ptr<CalculationApis>* apis);

}  // namespace attain::compensation
