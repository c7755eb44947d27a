#pragma once
// Wires the transaction and FX rate APIs into the compensation service. main.cc calls
// WireTransactions from its wire step and keeps the result alive as long as the server.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/fx/fx_rate_manager.h"
#include "services/compensation/fx/fx_rate_service.h"
#include "services/compensation/transactions/planning_references.h"
#include "services/compensation/transactions/transaction_manager.h"
#include "services/compensation/transactions/transaction_service.h"

namespace attain::compensation {

struct TransactionApis {
  std::unique_ptr<transactions::PlanningReferences> planning_references;
  std::unique_ptr<transactions::TransactionManager> transaction_manager;
  std::unique_ptr<transactions::TransactionService> transaction_api;
  std::unique_ptr<fx::FxRateManager> fx_rate_manager;
  std::unique_ptr<fx::FxRateService> fx_rate_api;
};

// `planning_address`: where imports check account, product and seller ids.
absl::Status WireTransactions(bootstrap::ServiceRunner& runner, const std::string& planning_address,
                              std::unique_ptr<TransactionApis>* apis);

}  // namespace attain::compensation
