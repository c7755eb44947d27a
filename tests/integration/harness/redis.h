#pragma once
// A throw-away Redis on a free port (no persistence). It can be killed and restarted on the
// same port to test the services' behaviour while the cache and event streams are gone.

#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "tests/integration/harness/process.h"

namespace attain::itest {

class RedisServer {
 public:
  // `dir` is created; logs go to <dir>/redis.log. The port is chosen on the first Start.
  explicit RedisServer(std::string dir);

  // Starts redis-server and waits until it answers PING.
  absl::Status Start(std::chrono::milliseconds timeout);
  // SIGKILL, as if the host died: no graceful close of client connections.
  ExitStatus Kill();
  // SIGTERM (SIGKILL after 10 s).
  void Stop();
  // redis-cli FLUSHALL: every key, stream and consumer group is gone.
  absl::Status FlushAll();

  bool Running() { return redis_.Running(); }
  int port() const { return port_; }

 private:
  std::string dir_;
  int port_ = 0;
  Process redis_;
};

// True when a Redis on 127.0.0.1:port answers PING with PONG.
bool RedisAnswersPing(int port);

}  // namespace attain::itest
