// info SERVICE (GetServiceInfo through the gateway) and health (grpc.health.v1 Check).
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "attain/analytics/v1/analytics_service.grpc.pb.h"
#include "attain/compensation/v1/compensation_service.grpc.pb.h"
#include "attain/planning/v1/planning_service.grpc.pb.h"
#include "attain/workflow/v1/workflow_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/attainctl/commands.h"

namespace attain::ctl {
namespace {

Table InfoTable(const common::v1::ServiceInfo& info) {
  std::vector<std::string> cursors;
  for (const common::v1::EventCursor& cursor : info.event_cursors()) {
    cursors.push_back(absl::StrCat(cursor.producer(), "=", cursor.last_sequence()));
  }
  return Table{{"field", "value"},
               {{"name", info.name()},
                {"version", info.version()},
                {"start_time", info.has_start_time()
                                   ? google::protobuf::util::TimeUtil::ToString(info.start_time())
                                   : ""},
                {"schema_version", info.schema_version()},
                {"event_cursors", absl::StrJoin(cursors, " ")},
                {"caller_subject", info.caller_subject()},
                {"caller_roles", absl::StrJoin(info.caller_roles(), " ")}}};
}

// Every service exposes the same GetServiceInfo shape in its own package.
template <typename Service, typename Request, typename Response>
absl::Status ShowServiceInfo(const GlobalOptions& options) {
  absl::StatusOr<Connection> connection = Connect(options);
  if (!connection.ok()) return connection.status();
  Response response;
  const auto context = connection->NewContext();
  if (grpc::Status status =
          Service::NewStub(connection->channel())->GetServiceInfo(context.get(), Request(), &response);
      !status.ok()) {
    return FromCall(status);
  }
  return Print(options.format, response, InfoTable(response.info()), std::cout);
}

absl::Status RunInfo(const GlobalOptions& options, const std::string& service) {
  if (service == "planning") {
    return ShowServiceInfo<planning::v1::PlanningService, planning::v1::GetServiceInfoRequest,
                           planning::v1::GetServiceInfoResponse>(options);
  }
  if (service == "compensation") {
    return ShowServiceInfo<compensation::v1::CompensationService,
                           compensation::v1::GetServiceInfoRequest,
                           compensation::v1::GetServiceInfoResponse>(options);
  }
  if (service == "workflow") {
    return ShowServiceInfo<workflow::v1::WorkflowService, workflow::v1::GetServiceInfoRequest,
                           workflow::v1::GetServiceInfoResponse>(options);
  }
  return ShowServiceInfo<analytics::v1::AnalyticsService, analytics::v1::GetServiceInfoRequest,
                         analytics::v1::GetServiceInfoResponse>(options);
}

struct HealthArgs {
  std::string address;
  std::string service;
};

// Exit status 0 only when SERVING, so scripts can wait on it.
absl::Status RunHealth(const GlobalOptions& options, const HealthArgs& args) {
  GlobalOptions target = options;
  if (!args.address.empty()) target.connection.server = args.address;
  absl::StatusOr<Connection> connection = Connect(target);
  if (!connection.ok()) return connection.status();
  ::grpc::health::v1::HealthCheckRequest request;
  request.set_service(args.service);
  ::grpc::health::v1::HealthCheckResponse response;
  const auto context = connection->NewContext();
  if (grpc::Status status =
          ::grpc::health::v1::Health::NewStub(connection->channel())->Check(context.get(), request, &response);
      !status.ok()) {
    return FromCall(status);
  }
  const std::string status_name =
      ::grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
  if (absl::Status printed = Print(options.format, response,
                                   Table{{"server", "service", "status"},
                                         {{connection->server(), args.service, status_name}}},
                                   std::cout);
      !printed.ok()) {
    return printed;
  }
  if (response.status() != ::grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(absl::StrCat(connection->server(), " is ", status_name));
  }
  return absl::OkStatus();
}

}  // namespace

void AddInfoCommands(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  auto service = std::make_shared<std::string>();
  CLI::App* info = root.add_subcommand("info", "Show a service's version, schema and the caller");
  info->add_option("service", *service, "planning | compensation | workflow | analytics")
      ->required()
      ->check(CLI::IsMember({"planning", "compensation", "workflow", "analytics"}));
  SetAction(info, exit_code, [&options, service] { return RunInfo(options, *service); });

  auto args = std::make_shared<HealthArgs>();
  CLI::App* health = root.add_subcommand("health", "grpc.health.v1 Check; exits 0 only when SERVING");
  health->add_option("--service-address", args->address,
                     "Check this HOST:PORT directly instead of the gateway");
  health->add_option("--service", args->service, "Service name to check (default \"\": the server)");
  SetAction(health, exit_code, [&options, args] { return RunHealth(options, *args); });
}

}  // namespace attain::ctl
