// attain-analytics: settings -> wiring -> serve.

#include <memory>

#include <CLI/CLI.hpp>
#include <grpcpp/grpcpp.h>

#include "attain/analytics/v1/analytics_service.grpc.pb.h"
#include "common/bootstrap/info_service.h"
#include "common/bootstrap/service_main.h"
#include "common/config/server_config.h"
#include "common/events/consumer.h"
#include "services/analytics/store/seller_directory_store.h"

namespace attain::analytics {
const std::vector<db::Migration>& EmbeddedMigrations();
}  // namespace attain::analytics

int main(int argc, char** argv) {
  namespace v1 = attain::analytics::v1;
  using InfoAdapter = attain::bootstrap::ServiceInfoAdapter<v1::AnalyticsService::CallbackService,
                                                            v1::GetServiceInfoRequest,
                                                            v1::GetServiceInfoResponse>;
  std::string planning_address = "127.0.0.1:50051";
  std::unique_ptr<InfoAdapter> info;
  std::unique_ptr<attain::events::EventConsumer> org_events;
  return attain::bootstrap::ServiceMain(
      argc, argv,
      {.name = "analytics",
       .migrations = &attain::analytics::EmbeddedMigrations(),
       .add_settings =
           [&](CLI::App& app) {
             app.add_option("--planning-address", planning_address,
                            "planning service gRPC address (events are consumed from it)")
                 ->envname("ATTAIN_PLANNING_ADDRESS")
                 ->check(attain::config::CheckHostPort)
                 ->capture_default_str();
           },
       .wire = [&](attain::bootstrap::ServiceRunner& runner) -> absl::Status {
         attain::events::ConsumerOptions options;
         options.producer = "planning";
         options.producer_channel =
             grpc::CreateChannel(planning_address, grpc::InsecureChannelCredentials());
         options.token = [&runner] { return runner.ServiceToken(); };
         options.redis_enabled = !runner.config().redis_address.empty();
         if (options.redis_enabled) {
           auto redis = attain::cache::ParseRedisAddress(runner.config().redis_address);
           if (!redis.ok()) return redis.status();
           options.redis = *redis;
         }
         org_events = std::make_unique<attain::events::EventConsumer>(
             options, &runner.pool(), attain::analytics::ApplySellerEvent);
         runner.AddBackgroundTask([&] { org_events->Start(); }, [&] { org_events->Stop(); });
         info = std::make_unique<InfoAdapter>(
             &runner, "/attain.analytics.v1.AnalyticsService/GetServiceInfo",
             [&](attain::common::v1::ServiceInfo* service_info) -> absl::Status {
               auto cursor = org_events->Cursor();
               if (!cursor.ok()) return cursor.status();
               auto* entry = service_info->add_event_cursors();
               entry->set_producer("planning");
               entry->set_last_sequence(*cursor);
               return absl::OkStatus();
             });
         runner.AddService(info.get());
         return absl::OkStatus();
       }});
}
