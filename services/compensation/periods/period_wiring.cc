#include "services/compensation/periods/period_wiring.h"

namespace attain::compensation {

absl::Status WirePeriods(bootstrap::ServiceRunner& runner, int fiscal_year_start_month,
                         std::unique_ptr<PeriodApis>* apis) {
  auto wired = std::make_unique<PeriodApis>();
  wired->manager = std::make_unique<periods::PeriodManager>(&runner.pool(), &runner.relay(),
                                                            fiscal_year_start_month);
  wired->api = std::make_unique<periods::PeriodService>(&runner.gate(), wired->manager.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
