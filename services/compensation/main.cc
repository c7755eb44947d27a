// attain-compensation: settings -> wiring -> serve.

#include <memory>

#include "attain/compensation/v1/compensation_service.grpc.pb.h"
#include "common/bootstrap/info_service.h"
#include "common/bootstrap/service_main.h"

namespace attain::compensation {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::compensation

int main(int argc, char** argv) {
  namespace v1 = attain::compensation::v1;
  using InfoAdapter = attain::bootstrap::ServiceInfoAdapter<v1::CompensationService::CallbackService,
                                                            v1::GetServiceInfoRequest,
                                                            v1::GetServiceInfoResponse>;
  std::unique_ptr<InfoAdapter> info;
  return attain::bootstrap::ServiceMain(
      argc, argv,
      {.name = "compensation",
       .migrations = &attain::compensation::EmbeddedMigrations(),
       .wire = [&](attain::bootstrap::ServiceRunner& runner) {
         info = std::make_unique<InfoAdapter>(
             &runner, "/attain.compensation.v1.CompensationService/GetServiceInfo");
         runner.AddService(info.get());
         return absl::OkStatus();
       }});
}
