#include "services/compensation/whatif/whatif_wiring.h"

namespace attain::compensation {

absl::Status WireWhatIf(bootstrap::ServiceRunner& runner, calculation::RunManager* runs,
                        int fiscal_year_start_month, std::unique_ptr<WhatIfApis>* apis) {
  auto wired = std::make_unique<WhatIfApis>();
  wired->manager =
      std::make_unique<whatif::WhatIfManager>(&runner.pool(), runs, fiscal_year_start_month);
  wired->api = std::make_unique<whatif::WhatIfService>(&runner.gate(), wired->manager.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
