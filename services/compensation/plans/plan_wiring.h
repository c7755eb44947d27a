#pragma once
// Wires the plan API into the compensation service. main.cc calls WirePlans from its wire
// step, after WireTransactions, and keeps the result alive as long as the server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/plans/plan_manager.h"
#include "services/compensation/plans/plan_service.h"
#include "services/compensation/plans/plan_variables.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation {

struct PlanApis {
  std::unique_ptr<plans::EngineExpressionChecker> checker;
  std::unique_ptr<plans::PlanManager> manager;
  std::unique_ptr<plans::PlanService> api;
};

// `sellers`: where assignments check seller ids (the transaction import's planning client,
// so both share one channel); it must outlive the server.
absl::Status WirePlans(bootstrap::ServiceRunner& runner, transactions::ReferenceChecker* sellers,
                       std::unique_ptr<PlanApis>* apis);

}  // namespace attain::compensation
