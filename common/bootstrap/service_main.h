#pragma once
// The whole of a service's main(): settings, the `migrate` subcommand, wiring, serving.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "attain/common/v1/service_info.pb.h"
#include "common/bootstrap/service_runner.h"
#include "common/server/call_gate.h"

namespace CLI { class App; }

namespace attain::bootstrap {

struct ServiceMainSpec {
  std::string name;  // "planning": binary attain-planning, schema planning
  const std::vector<db::Migration>* migrations = nullptr;
  // Adds service-specific settings to the command line (optional).
  std::function<void(CLI::App&)> add_settings;
  // Registers the service's gRPC adapters and background tasks on the runner.
  std::function<absl::Status(ServiceRunner&)> wire;
};

int ServiceMain(int argc, char** argv, ServiceMainSpec spec);

// The ServiceInfo every service returns from GetServiceInfo.
void FillServiceInfo(ServiceRunner& runner, const server::CallContext& call,
                     attain::common::v1::ServiceInfo* info);

}  // namespace attain::bootstrap
