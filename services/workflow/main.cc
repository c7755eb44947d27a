// attain-workflow: settings -> wiring -> serve.

#include <memory>

#include "attain/workflow/v1/workflow_service.grpc.pb.h"
#include "common/bootstrap/info_service.h"
#include "common/bootstrap/service_main.h"

namespace attain::workflow {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::workflow

int main(int argc, char** argv) {
  namespace v1 = attain::workflow::v1;
  using InfoAdapter = attain::bootstrap::ServiceInfoAdapter<v1::WorkflowService::CallbackService,
                                                            v1::GetServiceInfoRequest,
                                                            v1::GetServiceInfoResponse>;
  std::unique_ptr<InfoAdapter> info;
  return attain::bootstrap::ServiceMain(
      argc, argv,
      {.name = "workflow",
       .migrations = &attain::workflow::EmbeddedMigrations(),
       .wire = [&](attain::bootstrap::ServiceRunner& runner) {
         info = std::make_unique<InfoAdapter>(
             &runner, "/attain.workflow.v1.WorkflowService/GetServiceInfo");
         runner.AddService(info.get());
         return absl::OkStatus();
       }});
}
