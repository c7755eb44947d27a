#pragma once
// Wires the MBO score API into the compensation service. main.cc calls WireMbo from its wire
// step and keeps the result alive as long as the server.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/mbo/mbo_manager.h"
#include "services/compensation/mbo/mbo_service.h"
#include "services/compensation/mbo/planning_reports.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation {

struct MboApis {
  std::unique_ptr<mbo::PlanningReports> reports;
  std::unique_ptr<mbo::MboManager> manager;
  std::unique_ptr<mbo::MboService> api;
};

// `planning_address`: where managers' reports are looked up; `sellers` checks seller ids.
absl::Status WireMbo(bootstrap::ServiceRunner& runner, const std::string& planning_address,
                     int fiscal_year_start_month, transactions::ReferenceChecker* sellers,
                     std::unique_ptr<MboApis>* apis);

}  // namespace attain::compensation
