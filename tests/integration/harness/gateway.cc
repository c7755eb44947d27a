#include "tests/integration/harness/gateway.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/harness/ports.h"

namespace attain::itest {

Gateway::Gateway(std::string dir, std::string source_dir)
    : dir_(std::move(dir)), source_dir_(std::move(source_dir)) {}

absl::Status Gateway::Start(const GatewayUpstreams& upstreams, std::chrono::milliseconds timeout) {
  for (const std::string& d : {dir_, dir_ + "/logs"}) {
    if (mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) {
      return absl::InternalError(absl::StrCat("mkdir ", d, ": ", strerror(errno)));
    }
  }
  if (port_ == 0) {
    absl::StatusOr<int> port = FreePort();
    if (!port.ok()) return port.status();
    port_ = *port;
  }
  const std::string render = absl::StrCat(source_dir_, "/deploy/gateway/render.sh");
  if (access(render.c_str(), R_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", render, ": ", strerror(errno)));
  }
  const std::string conf = absl::StrCat(dir_, "/nginx.conf");
  const std::string log = absl::StrCat(dir_, "/logs/gateway.log");
  ProcessSpec render_spec;
  // bash explicitly: the script need not be executable in a fresh checkout.
  render_spec.argv = {"bash", render, conf};
  render_spec.env = {{"GATEWAY_LISTEN", LocalAddress(port_)},
                     {"GATEWAY_PREFIX", dir_},
                     {"PLANNING_UPSTREAM", upstreams.planning},
                     {"COMPENSATION_UPSTREAM", upstreams.compensation},
                     {"WORKFLOW_UPSTREAM", upstreams.workflow},
                     {"ANALYTICS_UPSTREAM", upstreams.analytics}};
  render_spec.log_path = log;
  if (absl::StatusOr<std::string> out = RunCommand(render_spec, std::chrono::seconds(30));
      !out.ok()) {
    return out.status();
  }
  ProcessSpec nginx;
  // -e: errors before the config's own error_log takes effect land in our tree too.
  nginx.argv = {"nginx", "-p", dir_ + "/", "-c", conf, "-e", dir_ + "/logs/startup-error.log",
                "-g", "daemon off;"};
  nginx.log_path = log;
  absl::StatusOr<Process> process = Process::Spawn(nginx);
  if (!process.ok()) return process.status();
  nginx_ = std::move(*process);
  bool up = PollUntil(timeout, [&] { return !nginx_.Running() || PortAcceptsConnections(port_); });
  if (!nginx_.Running()) {
    return absl::InternalError(absl::StrCat("nginx exited during start-up (",
                                            nginx_.exit_status()->ToString(), "); see ", dir_,
                                            "/logs"));
  }
  if (!up) {
    return absl::DeadlineExceededError(
        absl::StrCat("nginx not accepting on port ", port_, "; see ", dir_, "/logs"));
  }
  return absl::OkStatus();
}

// SIGTERM: fast shutdown, the master stops its workers before exiting (a SIGKILLed master
// would orphan them). SIGQUIT would wait for the tests' idle keep-alive connections.
void Gateway::Stop() { nginx_.Stop(SIGTERM, std::chrono::seconds(15)); }

}  // namespace attain::itest
