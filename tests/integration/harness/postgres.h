#pragma once
// A throw-away PostgreSQL 15 cluster: initdb + postgres on a free port, data under a
// directory of the harness's temp tree. PostgreSQL refuses to run as root, so under root
// the cluster belongs to the unprivileged system user "attain" (created if missing).

#include <chrono>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tests/integration/harness/process.h"

namespace attain::itest {

inline constexpr char kPostgresBinDir[] = "/usr/lib/postgresql/15/bin";

class PostgresServer {
 public:
  // `dir` is created and owned by this server; logs go to <dir>/postgres.log.
  explicit PostgresServer(std::string dir);

  // initdb, start, and wait until it accepts connections.
  absl::Status Start(std::chrono::milliseconds timeout);
  // Fast shutdown (SIGINT); SIGKILL if it has not exited within 30 s.
  void Stop();

  // psql -U postgres -v ON_ERROR_STOP=1 -d postgres -f <path>.
  absl::Status RunSqlFile(const std::string& path);

  int port() const { return port_; }
  // libpq conninfo for `user` on database attain.
  std::string Dsn(const std::string& user) const;

 private:
  ProcessSpec Spec(std::vector<std::string> argv, const std::string& log) const;

  std::string dir_;
  int port_ = 0;
  std::optional<RunAs> run_as_;
  Process postgres_;
};

// Under root: the "attain" system user (created with useradd when missing). Otherwise nullopt.
absl::StatusOr<std::optional<RunAs>> UnprivilegedUser();

}  // namespace attain::itest
