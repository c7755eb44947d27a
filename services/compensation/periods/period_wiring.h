#pragma once
// Wires the period lifecycle API into the compensation service. main.cc calls WirePeriods
// from its wire step and keeps the result alive as long as the server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/periods/period_manager.h"
#include "services/compensation/periods/period_service.h"

namespace attain::compensation {

struct PeriodApis {
  std::unique_ptr<periods::PeriodManager> manager;
  std::unique_ptr<periods::PeriodService> api;
};

absl::Status WirePeriods(bootstrap::ServiceRunner& runner, int fiscal_year_start_month,
                         std::unique_ptr<PeriodApis>* apis);

}  // namespace attain::compensation
