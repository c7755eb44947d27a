#include "common/bootstrap/service_main.h"

#include <CLI/CLI.hpp>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/log/log.h"

namespace attain::bootstrap {
namespace {

const absl::Time kProcessStart = absl::Now();

}  // namespace

int ServiceMain(int argc, char** argv, ServiceMainSpec spec) {
#ifdef NDEBUG
  // Debian's Abseil checks every absl::Mutex acquisition for lock-order cycles (1-3 % of a
  // service's CPU under load); debug builds and unit tests keep the check.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  BlockShutdownSignals();
  config::ServerConfig config;
  config.service_name = spec.name;
  CLI::App app("attain-" + spec.name + ": the Attain " + spec.name + " service",
               "attain-" + spec.name);
  config::AddServerSettings(app, config);
  if (spec.add_settings) spec.add_settings(app);
  CLI::App* migrate = app.add_subcommand("migrate", "apply database migrations and exit");
  config::ParseOrExit(app, config, argc, argv);

  ServiceRunner runner(config, *spec.migrations);
  if (absl::Status init = runner.Init(); !init.ok()) {
    log::Error("start-up failed", {{"error", std::string(init.message())}});
    return 1;
  }
  if (migrate->parsed()) return runner.MigrateOnly();
  if (absl::Status wired = spec.wire(runner); !wired.ok()) {
    log::Error("start-up failed", {{"error", std::string(wired.message())}});
    return 1;
  }
  return runner.Run();
}

void FillServiceInfo(ServiceRunner& runner, const server::CallContext& call,
                     attain::common::v1::ServiceInfo* info) {
  info->set_name(runner.config().service_name);
  info->set_version(runner.config().version);
  info->mutable_start_time()->set_seconds(absl::ToUnixSeconds(kProcessStart));
  info->set_schema_version(runner.schema_version());
  info->set_caller_subject(call.principal.subject);
  for (auth::Role role : call.principal.roles) info->add_caller_roles(auth::RoleName(role));
  std::sort(info->mutable_caller_roles()->begin(), info->mutable_caller_roles()->end());
}

}  // namespace attain::bootstrap
