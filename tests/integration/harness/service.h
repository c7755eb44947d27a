#pragma once
// One Attain service process (attain-<name>) on its own gRPC and metrics ports.

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "tests/integration/harness/process.h"

namespace attain::itest {

// What every service of one stack shares.
struct ServiceEnvironment {
  std::string build_dir;         // binaries at <build_dir>/services/attain-<name>
  std::string log_dir;           // <log_dir>/<instance>.log
  int postgres_port = 0;
  int redis_port = 0;
  std::string jwt_secret;
  std::string planning_address;  // --planning-address of analytics and compensation
  int shutdown_grace_ms = 10000;
};

class ServiceInstance {
 public:
  // `instance` names the log file ("planning", "planning-replica-1").
  static absl::StatusOr<std::unique_ptr<ServiceInstance>> Create(const std::string& name,
                                                                 const std::string& instance,
                                                                 const ServiceEnvironment& env);

  // `attain-<name> migrate` to completion.
  absl::Status Migrate(std::chrono::milliseconds timeout);
  // Spawns the server (same ports every time); does not wait.
  absl::Status Spawn();
  // Polls grpc.health.v1 Check("") until SERVING; fails early if the process exits.
  absl::Status WaitServing(std::chrono::milliseconds timeout);
  // Sends `signal` and waits up to `timeout` (then SIGKILL). How the process ended.
  ExitStatus Stop(int signal, std::chrono::milliseconds timeout);

  bool Running() { return process_.Running(); }
  Process& process() { return process_; }
  const std::string& name() const { return name_; }
  const std::string& log_path() const { return log_path_; }
  std::string grpc_address() const;
  std::string metrics_address() const;
  // A channel straight to this instance (bypassing the gateway).
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  ServiceInstance() = default;
  std::map<std::string, std::string> Settings() const;

  std::string name_;
  std::string binary_;
  std::string log_path_;
  ServiceEnvironment env_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
  Process process_;
};

}  // namespace attain::itest
