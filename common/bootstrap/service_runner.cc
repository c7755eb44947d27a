#include "common/bootstrap/service_runner.h"

#include <signal.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <prometheus/exposer.h>

#include "absl/strings/str_cat.h"
#include "common/db/common_migrations.h"
#include "common/log/log.h"
#include "common/metrics/registry.h"
#include "common/server/observability.h"

namespace attain::bootstrap {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

void BlockShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ServiceRunner::ServiceRunner(config::ServerConfig config, std::vector<db::Migration> migrations)
    : config_(std::move(config)), migrations_(db::WithCommonMigrations(migrations)) {}

ServiceRunner::~ServiceRunner() = default;

absl::Status ServiceRunner::Init() {
  log::Level level = log::Level::kInfo;
  log::ParseLevel(config_.log_level, &level);
  log::Init(config_.service_name, level);

  jwt_config_.issuer = config_.jwt_issuer;
  jwt_config_.audience = config_.jwt_audience;
  if (!config_.jwt_public_key_file.empty()) {
    auto pem = ReadFile(config_.jwt_public_key_file);
    if (!pem.ok()) return pem.status();
    jwt_config_.algorithm = auth::JwtConfig::Algorithm::kRs256;
    jwt_config_.key = *pem;
  } else {
    jwt_config_.algorithm = auth::JwtConfig::Algorithm::kHs256;
    jwt_config_.key = config_.jwt_secret;
  }
  verifier_ = std::make_unique<auth::JwtVerifier>(jwt_config_);

  db::PgPoolOptions pg;
  pg.conninfo = config_.pg_dsn;
  pg.password = config_.pg_password;
  pg.schema = config_.service_name;
  pg.size = config_.pg_pool_size;
  pg.statement_timeout_ms = config_.pg_statement_timeout_ms;
  pool_ = std::make_unique<db::PgPool>(pg);

  std::optional<cache::RedisOptions> redis_options;
  if (!config_.redis_address.empty()) {
    auto redis = cache::ParseRedisAddress(config_.redis_address);
    if (!redis.ok()) return redis.status();
    redis->connect_timeout = absl::Milliseconds(config_.redis_timeout_ms);
    redis->command_timeout = absl::Milliseconds(config_.redis_timeout_ms);
    redis_options = *redis;
    // A command blocks its thread, so one connection per executor thread, plus two for the
    // other threads (the outbox relay, a background task): no call waits for a connection.
    redis->connections = config_.executor_threads + 2;
    redis_ = std::make_unique<cache::RedisClient>(*redis);
  }
  cache_ = std::make_unique<cache::Cache>(redis_.get(), config_.service_name,
                                          absl::Seconds(config_.cache_ttl_seconds));
  if (redis_options && config_.near_cache_entries > 0) {
    cache_->AllowNearCache(*redis_options, static_cast<size_t>(config_.near_cache_entries));
  }
  executor_ = std::make_unique<server::Executor>(config_.executor_threads, config_.executor_queue);
  gate_ = std::make_unique<server::CallGate>(verifier_.get(), &auth::AttainPolicy(),
                                             executor_.get(),
                                             absl::Milliseconds(config_.default_deadline_ms));
  relay_ = std::make_unique<events::OutboxRelay>(config_.service_name, pool_.get(), redis_.get());
  return absl::OkStatus();
}

std::string ServiceRunner::ServiceToken() {
  if (jwt_config_.algorithm != auth::JwtConfig::Algorithm::kHs256) return config_.service_token;
  absl::MutexLock lock(&token_mu_);
  if (absl::Now() + absl::Minutes(10) < service_token_expiry_) return service_token_;
  auth::TokenRequest request;
  request.subject = absl::StrCat("service:", config_.service_name);
  request.roles = {"service"};
  request.ttl = absl::Hours(1);
  auto token = auth::SignToken(jwt_config_, request);
  if (!token.ok()) {
    log::Error("cannot mint service token", {{"error", std::string(token.status().message())}});
    return "";
  }
  service_token_ = *token;
  service_token_expiry_ = absl::Now() + request.ttl;
  return service_token_;
}

std::string ServiceRunner::schema_version() {
  absl::MutexLock lock(&mu_);
  return schema_version_;
}

void ServiceRunner::AddBackgroundTask(std::function<void()> start, std::function<void()> stop) {
  tasks_.emplace_back(std::move(start), std::move(stop));
}

void ServiceRunner::BecomeReady() {
  int attempt = 0;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    absl::Status reachable = pool_->Ping();
    absl::StatusOr<std::string> newest =
        reachable.ok() ? db::ApplyMigrations(*pool_, config_.service_name, migrations_)
                       : absl::StatusOr<std::string>(reachable);
    if (newest.ok()) {
      {
        absl::MutexLock lock(&mu_);
        if (stopping_) return;
        schema_version_ = *newest;
        ready_ = true;
      }
      relay_->Start();
      for (auto& task : tasks_) task.first();
      health_.SetServing(true);
      log::Info("ready", {{"schema_version", *newest}});
      return;
    }
    ++attempt;
    log::Warn("not ready: waiting for PostgreSQL",
              {{"attempt", attempt}, {"error", std::string(newest.status().message())}});
    absl::MutexLock lock(&mu_);
    // Back off up to 2 s between attempts; a shutdown wakes us at once.
    mu_.AwaitWithTimeout(absl::Condition(&stopping_),
                         absl::Milliseconds(std::min(2000, 100 * attempt)));
  }
}

int ServiceRunner::Run() {
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(config_.metrics_address);
    exposer->RegisterCollectable(metrics::SharedRegistry());
  } catch (const std::exception& e) {
    log::Error("cannot start metrics endpoint",
               {{"metrics_address", config_.metrics_address}, {"error", e.what()}});
    return 1;
  }

  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config_.grpc_address, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(config_.max_message_bytes);
  builder.SetMaxSendMessageSize(config_.max_message_bytes);
  builder.RegisterService(&health_);
  for (grpc::Service* service : services_) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(server::MakeObservabilityInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    log::Error("cannot listen for gRPC", {{"grpc_address", config_.grpc_address}});
    return 1;
  }
  log::Info("listening", {{"grpc_port", port}, {"metrics_address", config_.metrics_address},
                          {"version", config_.version}});

  std::thread readiness([this] { BecomeReady(); });

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int signal_number = 0;
  sigwait(&signals, &signal_number);

  log::Info("draining", {{"signal", signal_number}, {"grace_ms", config_.shutdown_grace_ms}});
  bool was_ready = false;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    was_ready = ready_;
  }
  health_.SetServing(false);
  readiness.join();
  // Stops accepting new calls; in-flight calls run to completion until the deadline, after
  // which they are cancelled.
  server->Shutdown(std::chrono::system_clock::now() +
                   std::chrono::milliseconds(config_.shutdown_grace_ms));
  log::Info("grpc server stopped");
  if (was_ready) {
    for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it) it->second();
  }
  relay_->Stop();
  executor_->Drain();
  log::Info("stopped");
  return 0;
}

int ServiceRunner::MigrateOnly() {
  auto newest = db::ApplyMigrations(*pool_, config_.service_name, migrations_);
  if (!newest.ok()) {
    log::Error("migration failed", {{"error", std::string(newest.status().message())}});
    return 1;
  }
  log::Info("migrations applied", {{"schema_version", *newest}});
  return 0;
}

}  // namespace attain::bootstrap
