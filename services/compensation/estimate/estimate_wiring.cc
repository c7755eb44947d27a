#include "services/compensation/estimate/estimate_wiring.h"

namespace attain::compensation {

absl::Status WireEstimates(bootstrap::ServiceRunner& runner, calculation::RunManager* runs,
                           std::unique_ptr<EstimateApis>* apis) {
  auto wired = std::make_unique<EstimateApis>();
  wired->manager = std::make_unique<estimate::EstimateManager>(&runner.pool(), runs);
  wired->api = std::make_unique<estimate::EstimateService>(&runner.gate(), wired->manager.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
