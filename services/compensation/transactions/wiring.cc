#include "services/compensation/transactions/wiring.h"

#include <grpcpp/grpcpp.h>

namespace attain::compensation {

absl::Status WireTransactions(bootstrap::ServiceRunner& runner, const std::string& planning_address,
                              std::unique_ptr<TransactionApis>* apis) {
  auto wired = std::make_unique<TransactionApis>();
  wired->planning_references = std::make_unique<transactions::PlanningReferences>(
      grpc::CreateChannel(planning_address, grpc::InsecureChannelCredentials()),
      [&runner] { return runner.ServiceToken(); });
  wired->transaction_manager = std::make_unique<transactions::TransactionManager>(
      &runner.pool(), wired->planning_references.get(), &runner.relay());
  wired->transaction_api = std::make_unique<transactions::TransactionService>(
      &runner.gate(), wired->transaction_manager.get());
  wired->fx_rate_manager = std::make_unique<fx::FxRateManager>(&runner.pool(), &runner.relay());
  wired->fx_rate_api =
      std::make_unique<fx::FxRateService>(&runner.gate(), wired->fx_rate_manager.get());
  runner.AddService(wired->transaction_api.get());
  runner.AddService(wired->fx_rate_api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
