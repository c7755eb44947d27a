#pragma once
// A small, failure-tolerant Redis client over hiredis. Redis is an accelerator in Attain,
// never the system of record: every command has a short timeout (50 ms by default), a
// failure marks the connection broken and returns UNAVAILABLE at once, and a background
// thread reconnects with backoff so callers never wait for a dead Redis.
//
// Commands are blocking: a caller borrows an idle connection for one round trip, and no lock
// is held across it. A caller waits only while every live connection is busy, so give it at
// least as many connections as threads that may call at once (ServiceRunner: the executor's).

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

struct redisContext;

namespace attain::cache {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  absl::Duration connect_timeout = absl::Milliseconds(50);
  absl::Duration command_timeout = absl::Milliseconds(50);
  int connections = 4;  // kept open (reopened when broken)
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
  // The same, and `*tracked_to` is the client id the connection sent its invalidations to
  // when it ran the command (0: not tracked). See SetTrackingRedirect.
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args, int64_t* tracked_to);

  // Server-assisted client-side caching (near_cache.h): from now on every connection, before
  // its next command, has Redis track the keys it reads and send their invalidations to
  // client `client_id` (CLIENT TRACKING on REDIRECT); 0 turns tracking off again.
  void SetTrackingRedirect(int64_t client_id);

  bool Connected() const { return healthy_connections_.load() > 0; }

 private:
  redisContext* Connect() const;
  // An idle connection, waiting while every live one is busy; null when none is alive.
  redisContext* Borrow();
  // Back to the idle list; a broken one is freed and the reconnector opens another.
  void Return(redisContext* ctx, bool broken);
  void ReconnectLoop();

  const RedisOptions options_;
  std::atomic<int> healthy_connections_{0};  // idle + borrowed
  absl::Mutex mu_;
  std::vector<redisContext*> idle_ ABSL_GUARDED_BY(mu_);  // the most recently used last
  int borrowed_ ABSL_GUARDED_BY(mu_) = 0;
  int missing_ ABSL_GUARDED_BY(mu_) = 0;  // broken or never connected: the reconnector's work
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t tracking_redirect_ ABSL_GUARDED_BY(mu_) = 0;
  // Where each live connection's tracking points now (absent: off).
  absl::flat_hash_map<redisContext*, int64_t> tracked_ ABSL_GUARDED_BY(mu_);
  std::thread reconnector_;
};

}  // namespace attain::cache
