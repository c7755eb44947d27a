#pragma once
// Runs one Attain service process: metrics exposer, gRPC server (health, reflection,
// observability interceptor), PostgreSQL pool and migrations, Redis, the outbox relay,
// and graceful shutdown. A service's main() parses its settings, builds a ServiceRunner,
// registers its gRPC adapters and calls Run().
//
// Readiness: health is NOT_SERVING until PostgreSQL answers and migrations are applied
// (retried with backoff), and again once SIGTERM/SIGINT starts the drain. On a signal the
// server stops accepting calls, lets in-flight calls finish for up to shutdown_grace_ms,
// then exits 0.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/synchronization/mutex.h"
#include "common/auth/jwt.h"
#include "common/auth/policy.h"
#include "common/cache/cache.h"
#include "common/cache/redis.h"
#include "common/config/server_config.h"
#include "common/db/migrations.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "common/server/call_gate.h"
#include "common/server/executor.h"
#include "common/server/health.h"

namespace attain::bootstrap {

// Blocks SIGINT/SIGTERM in the calling thread (and so in every thread created after);
// the runner receives them with sigwait. Call first thing in main().
void BlockShutdownSignals();

class ServiceRunner {
 public:
  // migrations: the service's own; the common outbox/idempotency tables come first.
  ServiceRunner(config::ServerConfig config, std::vector<db::Migration> migrations);
  ~ServiceRunner();

  // Creates pool, Redis, cache, executor, token verifier and gate. Exits on bad keys.
  absl::Status Init();

  const config::ServerConfig& config() const { return config_; }
  db::PgPool& pool() { return *pool_; }
  cache::Cache& cache() { return *cache_; }
  cache::RedisClient* redis() { return redis_.get(); }
  server::CallGate& gate() { return *gate_; }
  events::OutboxRelay& relay() { return *relay_; }
  // A bearer token with the service role, for calls to other Attain services.
  std::string ServiceToken();
  std::string schema_version();

  void AddService(grpc::Service* service) { services_.push_back(service); }
  // Started once the service is ready, stopped first on shutdown.
  void AddBackgroundTask(std::function<void()> start, std::function<void()> stop);

  // Serves until a signal; returns the process exit code.
  int Run();
  // Applies migrations and returns (the `migrate` subcommand).
  int MigrateOnly();

 private:
  void BecomeReady();

  config::ServerConfig config_;
  std::vector<db::Migration> migrations_;
  auth::JwtConfig jwt_config_;
  std::unique_ptr<auth::JwtVerifier> verifier_;
  std::unique_ptr<db::PgPool> pool_;
  std::unique_ptr<cache::RedisClient> redis_;
  std::unique_ptr<cache::Cache> cache_;
  std::unique_ptr<server::Executor> executor_;
  std::unique_ptr<server::CallGate> gate_;
  std::unique_ptr<events::OutboxRelay> relay_;
  server::HealthService health_;
  std::vector<grpc::Service*> services_;
  std::vector<std::pair<std::function<void()>, std::function<void()>>> tasks_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool ready_ ABSL_GUARDED_BY(mu_) = false;
  std::string schema_version_ ABSL_GUARDED_BY(mu_);
  absl::Mutex token_mu_;
  std::string service_token_ ABSL_GUARDED_BY(token_mu_);
  absl::Time service_token_expiry_ ABSL_GUARDED_BY(token_mu_) = absl::InfinitePast();
};

}  // namespace attain::bootstrap
