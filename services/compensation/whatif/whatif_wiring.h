#pragma once
// Wires what-if plan modelling into the compensation service. main.cc calls WireWhatIf after
// WireCalculation (the sandbox is the calculation's) and keeps the result alive as long as the
// server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/calculation/run_manager.h"
#include "services/compensation/whatif/whatif_manager.h"
#include "services/compensation/whatif/whatif_service.h"

namespace attain::compensation {

struct WhatIfApis {
  std::unique_ptr<whatif::WhatIfManager> manager;
  std::unique_ptr<whatif::WhatIfService> api;
};

absl::Status WireWhatIf(bootstrap::ServiceRunner& runner, calculation::RunManager* runs,
                        int fiscal_year_start_month, std::unique_ptr<WhatIfApis>* apis);

}  // namespace attain::compensation
