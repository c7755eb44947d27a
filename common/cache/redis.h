#pragma once
// A small, failure-tolerant Redis client over hiredis. Redis is an accelerator in Attain,
// never the system of record: every command has a short timeout (50 ms by default), a
// failure marks the connection broken and returns UNAVAILABLE at once, and a background
// thread reconnects with backoff so callers never wait for a dead Redis.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

struct redisContext;

namespace attain::cache {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  absl::Duration connect_timeout = absl::Milliseconds(50);
  absl::Duration command_timeout = absl::Milliseconds(50);
  int connections = 4;
  absl::Duration reconnect_backoff = absl::Milliseconds(250);
};

// Parses "host:port" into options (other fields keep their defaults).
absl::StatusOr<RedisOptions> ParseRedisAddress(const std::string& address);

// A Redis reply flattened to what Attain uses.
struct RedisReply {
  enum class Type { kNil, kString, kInteger, kArray, kStatus };
  Type type = Type::kNil;
  std::string str;
  long long integer = 0;
  std::vector<RedisReply> elements;
};

class RedisClient {
 public:
  explicit RedisClient(RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Runs one command given as separate arguments (binary safe, no string building).
  // UNAVAILABLE when Redis is down or the command timed out; INTERNAL on a Redis error reply.
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args);

  bool Connected() const { return healthy_connections_.load() > 0; }

 private:
  struct Slot {
    std::mutex mu;
    redisContext* ctx = nullptr;  // null when broken; guarded by mu
  };
  redisContext* Connect() const;
  void ReconnectLoop();
  void MarkBroken(Slot& slot);

  const RedisOptions options_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<unsigned> next_slot_{0};
  std::atomic<int> healthy_connections_{0};
  std::mutex reconnect_mu_;
  std::condition_variable reconnect_cv_;
  bool stopping_ = false;      // guarded by reconnect_mu_
  bool needs_reconnect_ = false;  // guarded by reconnect_mu_
  std::thread reconnector_;
};

}  // namespace attain::cache
