#pragma once
// The whole Attain deployment for integration tests, in one mkdtemp directory:
// PostgreSQL (bootstrapped with deploy/postgres/bootstrap.sql), Redis, the four services
// (migrated, then serving) and the nginx gateway in front of them.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tests/integration/harness/gateway.h"
#include "tests/integration/harness/postgres.h"
#include "tests/integration/harness/redis.h"
#include "tests/integration/harness/service.h"

namespace attain::itest {

inline const std::vector<std::string> kServiceNames = {"planning", "compensation", "workflow",
                                                       "analytics"};

struct StackOptions {
  std::string source_dir;  // repo root (deploy/...)
  std::string build_dir;   // CMake build dir (services/attain-*)
  // Off: only PostgreSQL and Redis (the harness's own tests).
  bool bootstrap_database = true;
  bool services = true;
  bool gateway = true;
  std::chrono::milliseconds start_timeout{120000};
};

// ATTAIN_SOURCE_DIR / ATTAIN_BUILD_DIR (set by ctest), else the paths CMake compiled in.
StackOptions DefaultStackOptions();

class Stack {
 public:
  explicit Stack(StackOptions options);
  ~Stack();  // Stop()
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  // Starts everything in dependency order; on error the parts already running keep running
  // (Stop() or the destructor ends them) so their logs can be inspected.
  absl::Status Start();
  // Stops everything (services, gateway, Redis, PostgreSQL). Returns the services whose exit
  // on SIGTERM was not a clean "exit 0", as "name: how it ended".
  std::vector<std::string> Stop();

  const std::string& root_dir() const { return root_; }
  int postgres_port() const { return postgres_ ? postgres_->port() : 0; }
  int redis_port() const { return redis_ ? redis_->port() : 0; }
  std::shared_ptr<grpc::Channel> gateway_channel() const { return gateway_channel_; }
  std::string gateway_address() const;
  ServiceInstance& service(const std::string& name);
  std::shared_ptr<grpc::Channel> service_channel(const std::string& name) { return service(name).channel(); }
  std::string metrics_address(const std::string& name) { return service(name).metrics_address(); }

  // Redis control.
  ExitStatus KillRedis();
  absl::Status StartRedis();
  absl::Status FlushRedis();
  bool RedisRunning() { return redis_ ? redis_->Running() : false; }

  // Sends `signal` to a service and waits for it to exit (30 s, then SIGKILL).
  ExitStatus StopService(const std::string& name, int signal);
  // Starts it again on the same ports and waits until SERVING.
  absl::Status StartService(const std::string& name);
  // Another instance of `name` on its own ports sharing the database and Redis, serving.
  absl::StatusOr<std::unique_ptr<ServiceInstance>> LaunchReplica(const std::string& name);

  // An HS256 token the services accept (same secret, issuer and audience "attain").
  absl::StatusOr<std::string> Token(const std::string& subject,
                                    const std::vector<std::string>& roles) const;
  const std::string& jwt_secret() const { return jwt_secret_; }

  // The last `lines` lines of every *.log file under the stack directory, for diagnosis.
  std::string LogTails(int lines) const;

 private:
  absl::Status StartInfrastructure();
  absl::Status StartServices();
  absl::Status StartGateway();

  StackOptions options_;
  std::string root_;
  std::string jwt_secret_;
  ServiceEnvironment service_env_;
  std::unique_ptr<PostgresServer> postgres_;
  std::unique_ptr<RedisServer> redis_;
  std::map<std::string, std::unique_ptr<ServiceInstance>> services_;
  std::unique_ptr<Gateway> gateway_;
  std::shared_ptr<grpc::Channel> gateway_channel_;
  int replicas_ = 0;
  bool stopped_ = false;
};

}  // namespace attain::itest
