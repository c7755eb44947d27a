#include "services/compensation/statements/statement_wiring.h"

namespace attain::compensation {

absl::Status WireStatements(bootstrap::ServiceRunner& runner,
                            statements::PayoutExplainer* explainer, int fiscal_year_start_month,
                            transactions::ReferenceChecker* sellers,
                            std::unique_ptr<StatementApis>* apis) {
  if (fiscal_year_start_month < 1 || fiscal_year_start_month > 12) {
    return absl::InvalidArgumentError("the fiscal-year start month must be 1..12");
  }
  auto wired = std::make_unique<StatementApis>();
  wired->statement_manager = std::make_unique<statements::StatementManager>(
      &runner.pool(), &runner.cache(), explainer, fiscal_year_start_month);
  wired->adjustment_manager = std::make_unique<statements::AdjustmentManager>(
      &runner.pool(), &runner.relay(), sellers, fiscal_year_start_month);
  wired->statement_api = std::make_unique<statements::StatementService>(
      &runner.gate(), wired->statement_manager.get(), wired->adjustment_manager.get());
  runner.AddService(wired->statement_api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
