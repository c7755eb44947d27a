#include "tests/integration/harness/stack.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/auth/jwt.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/ports.h"

namespace attain::itest {
namespace {

constexpr std::chrono::seconds kStopTimeout{30};

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

StackOptions DefaultStackOptions() {
  StackOptions options;
  options.source_dir = EnvOr("ATTAIN_SOURCE_DIR", ATTAIN_DEFAULT_SOURCE_DIR);
  options.build_dir = EnvOr("ATTAIN_BUILD_DIR", ATTAIN_DEFAULT_BUILD_DIR);
  return options;
}

Stack::Stack(StackOptions options) : options_(std::move(options)) {}

Stack::~Stack() { Stop(); }

absl::Status Stack::Start() {
  std::string pattern = EnvOr("TMPDIR", "/tmp") + "/attain-it-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, ": ", strerror(errno)));
  }
  root_ = pattern;
  // PostgreSQL runs as another user under root; it must be able to reach its own subdirectory.
  chmod(root_.c_str(), 0755);
  // 32+ bytes, unique per run so no token from elsewhere is accepted by accident.
  jwt_secret_ = absl::StrCat("attain-integration-secret-", getpid(), "-", root_.substr(root_.size() - 6),
                             "-0123456789abcdef");
  if (absl::Status s = StartInfrastructure(); !s.ok()) return s;
  if (options_.services) {
    if (absl::Status s = StartServices(); !s.ok()) return s;
  }
  if (options_.services && options_.gateway) {
    if (absl::Status s = StartGateway(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Stack::StartInfrastructure() {
  postgres_ = std::make_unique<PostgresServer>(root_ + "/postgres");
  if (absl::Status s = postgres_->Start(options_.start_timeout); !s.ok()) return s;
  if (options_.bootstrap_database) {
    const std::string bootstrap = options_.source_dir + "/deploy/postgres/bootstrap.sql";
    if (absl::Status s = postgres_->RunSqlFile(bootstrap); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("bootstrapping the database: ", s.message()));
    }
  }
  redis_ = std::make_unique<RedisServer>(root_ + "/redis");
  return redis_->Start(options_.start_timeout);
}

absl::Status Stack::StartServices() {
  service_env_.build_dir = options_.build_dir;
  service_env_.log_dir = root_;
  service_env_.postgres_port = postgres_->port();
  service_env_.redis_port = redis_->port();
  service_env_.jwt_secret = jwt_secret_;
  // kServiceNames lists planning first, so analytics and compensation are created with
  // planning's address.
  for (const std::string& name : kServiceNames) {
    absl::StatusOr<std::unique_ptr<ServiceInstance>> service =
        ServiceInstance::Create(name, name, service_env_);
    if (!service.ok()) return service.status();
    services_[name] = std::move(*service);
    if (name == "planning") service_env_.planning_address = services_[name]->grpc_address();
  }
  for (const std::string& name : kServiceNames) {
    if (absl::Status s = services_[name]->Migrate(options_.start_timeout); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("migrating ", name, ": ", s.message()));
    }
  }
  for (const std::string& name : kServiceNames) {
    if (absl::Status s = services_[name]->Spawn(); !s.ok()) return s;
  }
  for (const std::string& name : kServiceNames) {
    if (absl::Status s = services_[name]->WaitServing(options_.start_timeout); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Stack::StartGateway() {
  gateway_ = std::make_unique<Gateway>(root_ + "/gateway", options_.source_dir);
  GatewayUpstreams upstreams{services_["planning"]->grpc_address(),
                             services_["compensation"]->grpc_address(),
                             services_["workflow"]->grpc_address(),
                             services_["analytics"]->grpc_address()};
  if (absl::Status s = gateway_->Start(upstreams, options_.start_timeout); !s.ok()) return s;
  gateway_channel_ = MakeChannel(gateway_address());
  return absl::OkStatus();
}

std::vector<std::string> Stack::Stop() {
  std::vector<std::string> unclean;
  if (stopped_) return unclean;
  stopped_ = true;
  // All services drain at once (each may take its whole grace period), then the gateway,
  // then the stores they were draining into.
  std::vector<std::pair<std::string, ServiceInstance*>> stopping;
  for (auto& [name, service] : services_) {
    if (service->Running() && service->process().Signal(SIGTERM)) {
      stopping.emplace_back(name, service.get());
    }
  }
  for (auto& [name, service] : stopping) {
    std::optional<ExitStatus> status = service->process().WaitFor(kStopTimeout);
    if (!status.has_value()) {
      service->Stop(SIGKILL, kStopTimeout);
      unclean.push_back(absl::StrCat(name, ": still running ", kStopTimeout.count(),
                                     " s after SIGTERM (killed)"));
    } else if (!status->Success()) {
      unclean.push_back(absl::StrCat(name, ": ", status->ToString()));
    }
  }
  if (gateway_) gateway_->Stop();
  if (redis_) redis_->Stop();
  if (postgres_) postgres_->Stop();
  return unclean;
}

std::string Stack::gateway_address() const {
  return gateway_ ? LocalAddress(gateway_->port()) : std::string();
}

ServiceInstance& Stack::service(const std::string& name) {
  auto it = services_.find(name);
  if (it == services_.end()) {
    // A typo in a test, or a stack started without services: a bug in the caller.
    fprintf(stderr, "integration harness: no service named '%s' in this stack\n", name.c_str());
    abort();
  }
  return *it->second;
}

ExitStatus Stack::KillRedis() { return redis_->Kill(); }

absl::Status Stack::StartRedis() { return redis_->Start(options_.start_timeout); }

absl::Status Stack::FlushRedis() { return redis_->FlushAll(); }

ExitStatus Stack::StopService(const std::string& name, int signal) {
  return service(name).Stop(signal, kStopTimeout);
}

absl::Status Stack::StartService(const std::string& name) {
  ServiceInstance& instance = service(name);
  if (absl::Status s = instance.Spawn(); !s.ok()) return s;
  return instance.WaitServing(options_.start_timeout);
}

absl::StatusOr<std::unique_ptr<ServiceInstance>> Stack::LaunchReplica(const std::string& name) {
  absl::StatusOr<std::unique_ptr<ServiceInstance>> replica =
      ServiceInstance::Create(name, absl::StrCat(name, "-replica-", ++replicas_), service_env_);
  if (!replica.ok()) return replica.status();
  if (absl::Status s = (*replica)->Spawn(); !s.ok()) return s;
  if (absl::Status s = (*replica)->WaitServing(options_.start_timeout); !s.ok()) return s;
  return replica;
}

absl::StatusOr<std::string> Stack::Token(const std::string& subject,
                                         const std::vector<std::string>& roles) const {
  auth::JwtConfig config;
  config.algorithm = auth::JwtConfig::Algorithm::kHs256;
  config.key = jwt_secret_;
  config.issuer = "attain";
  config.audience = "attain";
  return auth::SignToken(config, auth::TokenRequest{subject, roles});
}

std::string Stack::LogTails(int lines) const {
  std::vector<std::string> logs;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(
           root_, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".log") {
      logs.push_back(it->path().string());
    }
  }
  std::sort(logs.begin(), logs.end());
  std::string out;
  for (const std::string& log : logs) {
    absl::StrAppend(&out, "----- ", log, " (last ", lines, " lines) -----\n",
                    TailOfFile(log, lines), "\n");
  }
  return out;
}

}  // namespace attain::itest
