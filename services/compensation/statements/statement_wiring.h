#pragma once
// Wires attain.compensation.v1.StatementService into the compensation service. main.cc calls
// WireStatements from its wire step and keeps the result alive as long as the server.

#include <memory>

#include "absl/status/status.h"
#include "common/bootstrap/service_runner.h"
#include "services/compensation/statements/adjustment_manager.h"
#include "services/compensation/statements/payout_explainer.h"
#include "services/compensation/statements/statement_manager.h"
#include "services/compensation/statements/statement_service.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation {

struct StatementApis {
  std::unique_ptr<statements::StatementManager> statement_manager;
  std::unique_ptr<statements::AdjustmentManager> adjustment_manager;
  std::unique_ptr<statements::StatementService> statement_api;
};

// `explainer` may be null (ExplainPayout is then UNIMPLEMENTED). `sellers` checks that an
// adjustment's seller exists in planning (TransactionApis::planning_references); null skips
// the check. INVALID_ARGUMENT when `fiscal_year_start_month` is not 1..12.
absl::Status WireStatements(bootstrap::ServiceRunner& runner,
                            statements::PayoutExplainer* explainer, int fiscal_year_start_month,
                            transactions::ReferenceChecker* sellers,
                            std::unique_ptr<StatementApis>* apis);

}  // namespace attain::compensation
