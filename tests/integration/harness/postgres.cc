#include "tests/integration/harness/postgres.h"

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/harness/ports.h"

namespace attain::itest {
namespace {

constexpr char kUser[] = "attain";

std::optional<RunAs> LookUp(const char* name) {
  passwd* pw = getpwnam(name);
  if (pw == nullptr) return std::nullopt;
  return RunAs{pw->pw_uid, pw->pw_gid};
}

}  // namespace

absl::StatusOr<std::optional<RunAs>> UnprivilegedUser() {
  if (geteuid() != 0) return std::optional<RunAs>();
  if (auto user = LookUp(kUser)) return user;
  ProcessSpec useradd;
  useradd.argv = {"useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", kUser};
  useradd.log_path = "/dev/null";
  absl::StatusOr<std::string> out = RunCommand(useradd, std::chrono::seconds(30));
  // Another process may have created it meanwhile; the lookup decides.
  if (auto user = LookUp(kUser)) return user;
  return absl::FailedPreconditionError(absl::StrCat(
      "running as root and cannot create the system user '", kUser,
      "' for PostgreSQL: ", out.ok() ? "useradd succeeded but lookup failed" : out.status().message()));
}

PostgresServer::PostgresServer(std::string dir) : dir_(std::move(dir)) {}

ProcessSpec PostgresServer::Spec(std::vector<std::string> argv, const std::string& log) const {
  ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.log_path = log;
  spec.run_as = run_as_;
  // initdb picks the locale from the environment; pin it so the cluster is the same everywhere.
  spec.env = {{"LC_ALL", "C"}, {"LANG", "C"}, {"PGTZ", "UTC"}, {"TZ", "UTC"}};
  return spec;
}

absl::Status PostgresServer::Start(std::chrono::milliseconds timeout) {
  absl::StatusOr<std::optional<RunAs>> user = UnprivilegedUser();
  if (!user.ok()) return user.status();
  run_as_ = *user;
  const std::string data = absl::StrCat(dir_, "/data");
  const std::string log = absl::StrCat(dir_, "/postgres.log");
  if (mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST) {
    return absl::InternalError(absl::StrCat("mkdir ", dir_, ": ", strerror(errno)));
  }
  if (run_as_.has_value() && chown(dir_.c_str(), run_as_->uid, run_as_->gid) != 0) {
    return absl::InternalError(absl::StrCat("chown ", dir_, ": ", strerror(errno)));
  }
  if (absl::StatusOr<int> port = FreePort(); port.ok()) {
    port_ = *port;
  } else {
    return port.status();
  }
  const std::string bin = kPostgresBinDir;
  if (absl::StatusOr<std::string> out =
          RunCommand(Spec({bin + "/initdb", "-D", data, "-U", "postgres", "--auth=trust",
                           "--no-sync", "--encoding=UTF8", "--locale=C"},
                          log),
                     std::chrono::seconds(120));
      !out.ok()) {
    return out.status();
  }
  absl::StatusOr<Process> postgres = Process::Spawn(
      Spec({bin + "/postgres", "-D", data, "-p", std::to_string(port_), "-k", dir_, "-c",
            "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300"},
           log));
  if (!postgres.ok()) return postgres.status();
  postgres_ = std::move(*postgres);

  ProcessSpec ready;
  ready.argv = {bin + "/pg_isready", "-q", "-h", "127.0.0.1", "-p", std::to_string(port_), "-U",
                "postgres"};
  ready.log_path = "/dev/null";
  bool accepting = PollUntil(timeout, [&] {
    if (!postgres_.Running()) return true;  // reported below
    return RunCommand(ready, std::chrono::seconds(10)).ok();
  });
  if (!postgres_.Running()) {
    return absl::InternalError(absl::StrCat("postgres exited during start-up (",
                                            postgres_.exit_status()->ToString(), "); see ", log));
  }
  if (!accepting) {
    return absl::DeadlineExceededError(absl::StrCat("postgres on port ", port_,
                                                    " not accepting connections after ",
                                                    timeout.count(), " ms; see ", log));
  }
  return absl::OkStatus();
}

void PostgresServer::Stop() { postgres_.Stop(SIGINT, std::chrono::seconds(30)); }

absl::Status PostgresServer::RunSqlFile(const std::string& path) {
  if (access(path.c_str(), R_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", path, ": ", strerror(errno)));
  }
  ProcessSpec psql;
  psql.argv = {"psql", "-h", "127.0.0.1", "-p", std::to_string(port_), "-U", "postgres",
               "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-f", path};
  psql.log_path = absl::StrCat(dir_, "/psql.log");
  psql.env = {{"PGCONNECT_TIMEOUT", "10"}};
  absl::StatusOr<std::string> out = RunCommand(psql, std::chrono::seconds(120));
  return out.ok() ? absl::OkStatus() : out.status();
}

std::string PostgresServer::Dsn(const std::string& user) const {
  return absl::StrCat("host=127.0.0.1 port=", port_, " dbname=attain user=", user);
}

}  // namespace attain::itest
