#include "tests/integration/harness/service.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/harness/ports.h"

namespace attain::itest {

absl::StatusOr<std::unique_ptr<ServiceInstance>> ServiceInstance::Create(
    const std::string& name, const std::string& instance, const ServiceEnvironment& env) {
  std::unique_ptr<ServiceInstance> service(new ServiceInstance());
  service->name_ = name;
  service->env_ = env;
  service->binary_ = absl::StrCat(env.build_dir, "/services/attain-", name);
  service->log_path_ = absl::StrCat(env.log_dir, "/", instance, ".log");
  if (access(service->binary_.c_str(), X_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "service binary ", service->binary_, " is not executable (", strerror(errno),
        "); build it: cmake --build ", env.build_dir, " --target attain-", name));
  }
  for (int* port : {&service->grpc_port_, &service->metrics_port_}) {
    absl::StatusOr<int> free_port = FreePort();
    if (!free_port.ok()) return free_port.status();
    *port = *free_port;
  }
  service->channel_ = MakeChannel(service->grpc_address());
  return service;
}

std::string ServiceInstance::grpc_address() const { return LocalAddress(grpc_port_); }
std::string ServiceInstance::metrics_address() const { return LocalAddress(metrics_port_); }

// Every setting also goes in as ATTAIN_* so `migrate` gets it wherever that subcommand
// expects its flags; the server run passes them as flags too (flags win, same values).
std::map<std::string, std::string> ServiceInstance::Settings() const {
  std::map<std::string, std::string> settings = {
      {"grpc-address", grpc_address()},
      {"metrics-address", metrics_address()},
      {"pg-dsn", absl::StrCat("host=127.0.0.1 port=", env_.postgres_port,
                              " dbname=attain user=attain_", name_)},
      {"redis-address", LocalAddress(env_.redis_port)},
      {"jwt-secret", env_.jwt_secret},
      {"shutdown-grace-ms", std::to_string(env_.shutdown_grace_ms)},
      {"log-level", "debug"},
  };
  // Analytics consumes planning's events; compensation checks import references there.
  if (name_ == "analytics" || name_ == "compensation") {
    settings["planning-address"] = env_.planning_address;
  }
  return settings;
}

namespace {

std::map<std::string, std::string> AsEnvironment(const std::map<std::string, std::string>& settings) {
  std::map<std::string, std::string> env;
  for (const auto& [flag, value] : settings) {
    std::string key = absl::StrCat("ATTAIN_", flag);
    for (char& c : key) c = c == '-' ? '_' : static_cast<char>(toupper(c));
    env[key] = value;
  }
  return env;
}

}  // namespace

absl::Status ServiceInstance::Migrate(std::chrono::milliseconds timeout) {
  ProcessSpec spec;
  spec.argv = {binary_, "migrate"};
  spec.env = AsEnvironment(Settings());
  spec.log_path = log_path_;
  absl::StatusOr<std::string> out = RunCommand(spec, timeout);
  return out.ok() ? absl::OkStatus() : out.status();
}

absl::Status ServiceInstance::Spawn() {
  if (process_.Running()) return absl::FailedPreconditionError(name_ + " is already running");
  ProcessSpec spec;
  spec.argv = {binary_};
  const std::map<std::string, std::string> settings = Settings();
  for (const auto& [flag, value] : settings) {
    spec.argv.push_back(absl::StrCat("--", flag));
    spec.argv.push_back(value);
  }
  spec.env = AsEnvironment(settings);
  spec.log_path = log_path_;
  absl::StatusOr<Process> process = Process::Spawn(spec);
  if (!process.ok()) return process.status();
  process_ = std::move(*process);
  return absl::OkStatus();
}

absl::Status ServiceInstance::WaitServing(std::chrono::milliseconds timeout) {
  std::string last = "no answer yet";
  bool serving = PollUntil(timeout, [&] {
    if (!process_.Running()) return true;  // reported below
    auto status = CheckHealth(channel_, "", std::chrono::seconds(1));
    if (status.ok() && *status == grpc::health::v1::HealthCheckResponse::SERVING) return true;
    last = status.ok() ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(*status)
                       : std::string(status.status().message());
    return false;
  });
  if (!process_.Running()) {
    return absl::InternalError(absl::StrCat("attain-", name_, " exited before serving (",
                                            process_.exit_status()->ToString(), "); see ",
                                            log_path_));
  }
  if (!serving) {
    return absl::DeadlineExceededError(absl::StrCat("attain-", name_, " on ", grpc_address(),
                                                    " not SERVING after ", timeout.count(),
                                                    " ms (last health answer: ", last, "); see ",
                                                    log_path_));
  }
  return absl::OkStatus();
}

ExitStatus ServiceInstance::Stop(int signal, std::chrono::milliseconds timeout) {
  return process_.Stop(signal, timeout);
}

}  // namespace attain::itest
