#include "services/compensation/mbo/mbo_wiring.h"

#include <grpcpp/grpcpp.h>

namespace attain::compensation {

absl::Status WireMbo(bootstrap::ServiceRunner& runner, const std::string& planning_address,
                     int fiscal_year_start_month, transactions::ReferenceChecker* sellers,
                     std::unique_ptr<MboApis>* apis) {
  auto wired = std::make_unique<MboApis>();
  wired->reports = std::make_unique<mbo::PlanningReports>(
      grpc::CreateChannel(planning_address, grpc::InsecureChannelCredentials()),
      [&runner] { return runner.ServiceToken(); });
  wired->manager = std::make_unique<mbo::MboManager>(&runner.pool(), &runner.relay(), sellers,
                                                     wired->reports.get(), fiscal_year_start_month);
  wired->api = std::make_unique<mbo::MboService>(&runner.gate(), wired->manager.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
