// attain-compensation: settings -> wiring -> serve.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "attain/compensation/v1/compensation_service.grpc.pb.h"
#include "common/bootstrap/info_service.h"
#include "common/bootstrap/service_main.h"
#include "common/config/server_config.h"
#include "common/events/event_stream_service.h"
#include "common/events/outbox.h"
#include "services/compensation/transactions/wiring.h"

namespace attain::compensation {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::compensation

int main(int argc, char** argv) {
  namespace v1 = attain::compensation::v1;
  using InfoAdapter = attain::bootstrap::ServiceInfoAdapter<v1::CompensationService::CallbackService,
                                                            v1::GetServiceInfoRequest,
                                                            v1::GetServiceInfoResponse>;
  std::string planning_address = "127.0.0.1:50051";
  std::unique_ptr<InfoAdapter> info;
  std::unique_ptr<attain::events::EventStreamService> events_api;
  std::unique_ptr<attain::compensation::TransactionApis> transactions;
  return attain::bootstrap::ServiceMain(
      argc, argv,
      {.name = "compensation",
       .migrations = &attain::compensation::EmbeddedMigrations(),
       .add_settings =
           [&](CLI::App& app) {
             app.add_option("--planning-address", planning_address,
                            "planning service gRPC address (imports check account, product and "
                            "seller ids there)")
                 ->envname("ATTAIN_PLANNING_ADDRESS")
                 ->check(attain::config::CheckHostPort)
                 ->capture_default_str();
           },
       .wire = [&](attain::bootstrap::ServiceRunner& runner) -> absl::Status {
         info = std::make_unique<InfoAdapter>(
             &runner, "/attain.compensation.v1.CompensationService/GetServiceInfo",
             [&runner](attain::common::v1::ServiceInfo* service_info) -> absl::Status {
               auto sequence = attain::events::LastSequence(runner.pool());
               if (!sequence.ok()) return sequence.status();
               service_info->set_last_published_sequence(*sequence);
               return absl::OkStatus();
             });
         runner.AddService(info.get());
         events_api = std::make_unique<attain::events::EventStreamService>(
             "compensation", &runner.pool(), &runner.gate());
         runner.AddService(events_api.get());
         return attain::compensation::WireTransactions(runner, planning_address, &transactions);
       }});
}
