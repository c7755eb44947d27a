#include "tests/integration/harness/redis.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/harness/ports.h"

namespace attain::itest {

bool RedisAnswersPing(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval timeout{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      send(fd, "PING\r\n", 6, MSG_NOSIGNAL) == 6) {
    char reply[16] = {};
    ssize_t n = recv(fd, reply, sizeof(reply) - 1, 0);
    ok = n >= 5 && std::strncmp(reply, "+PONG", 5) == 0;
  }
  close(fd);
  return ok;
}

RedisServer::RedisServer(std::string dir) : dir_(std::move(dir)) {}

absl::Status RedisServer::Start(std::chrono::milliseconds timeout) {
  if (redis_.Running()) return absl::FailedPreconditionError("redis is already running");
  if (mkdir(dir_.c_str(), 0755) != 0 && errno != EEXIST) {
    return absl::InternalError(absl::StrCat("mkdir ", dir_, ": ", strerror(errno)));
  }
  if (port_ == 0) {
    absl::StatusOr<int> port = FreePort();
    if (!port.ok()) return port.status();
    port_ = *port;
  }
  const std::string log = absl::StrCat(dir_, "/redis.log");
  ProcessSpec spec;
  spec.argv = {"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
               "--dir", dir_, "--save", "", "--appendonly", "no"};
  spec.log_path = log;
  absl::StatusOr<Process> redis = Process::Spawn(spec);
  if (!redis.ok()) return redis.status();
  redis_ = std::move(*redis);
  bool up = PollUntil(timeout, [&] { return !redis_.Running() || RedisAnswersPing(port_); });
  if (!redis_.Running()) {
    return absl::InternalError(absl::StrCat("redis-server exited during start-up (",
                                            redis_.exit_status()->ToString(), "); see ", log));
  }
  if (!up) {
    return absl::DeadlineExceededError(
        absl::StrCat("redis on port ", port_, " did not answer PING; see ", log));
  }
  return absl::OkStatus();
}

ExitStatus RedisServer::Kill() { return redis_.Stop(SIGKILL, std::chrono::seconds(10)); }

void RedisServer::Stop() { redis_.Stop(SIGTERM, std::chrono::seconds(10)); }

absl::Status RedisServer::FlushAll() {
  ProcessSpec cli;
  cli.argv = {"redis-cli", "-h", "127.0.0.1", "-p", std::to_string(port_), "FLUSHALL"};
  cli.log_path = absl::StrCat(dir_, "/redis-cli.log");
  absl::StatusOr<std::string> out = RunCommand(cli, std::chrono::seconds(30));
  if (!out.ok()) return out.status();
  if (absl::StripAsciiWhitespace(*out) != "OK") {
    return absl::InternalError(absl::StrCat("redis-cli FLUSHALL answered: ", *out));
  }
  return absl::OkStatus();
}

}  // namespace attain::itest
