#pragma once
// The nginx gRPC gateway, configured by the project's deploy/gateway/render.sh.

#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "tests/integration/harness/process.h"

namespace attain::itest {

struct GatewayUpstreams {
  std::string planning;  // host:port of each backend
  std::string compensation;
  std::string workflow;
  std::string analytics;
};

class Gateway {
 public:
  // `dir` becomes the nginx prefix (config, logs, temp files); `source_dir` is the repo root.
  Gateway(std::string dir, std::string source_dir);

  // Renders the config, starts nginx in the foreground and waits until it accepts TCP.
  absl::Status Start(const GatewayUpstreams& upstreams, std::chrono::milliseconds timeout);
  void Stop();

  int port() const { return port_; }

 private:
  std::string dir_;
  std::string source_dir_;
  int port_ = 0;
  Process nginx_;
};

}  // namespace attain::itest
