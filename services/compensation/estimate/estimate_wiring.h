#pragma once
// Wires earnings estimates into the compensation service. main.cc calls WireEstimates after
// WireCalculation (estimates read a period as its runs do) and keeps the result alive as long
// as the server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/calculation/run_manager.h"
#include "services/compensation/estimate/estimate_manager.h"
#include "services/compensation/estimate/estimate_service.h"

namespace attain::compensation {

struct EstimateApis {
  std::unique_ptr<estimate::EstimateManager> manager;
  std::unique_ptr<estimate::EstimateService> api;
};

absl::Status WireEstimates(bootstrap::ServiceRunner& runner, calculation::RunManager* runs,
                           std::unique_ptr<EstimateApis>* apis);

}  // namespace attain::compensation
