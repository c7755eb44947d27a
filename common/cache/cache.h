#pragma once
// Cache-aside over Redis for one service. Keys are namespaced "attain:<service>:<key>".
// Reads go to Redis first and fall back to the caller's loader (PostgreSQL); every write
// path calls Invalidate after its transaction commits. Every Redis failure is counted and
// swallowed: the cache can only make Attain faster, never wrong or unavailable.
// A reader racing a writer can re-fill a stale value after the invalidation; the TTL bounds
// how long that can last.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/cache/near_cache.h"
#include "common/cache/redis.h"

namespace attain::cache {

class Cache {
 public:
  // redis may be null (caching disabled).
  Cache(RedisClient* redis, std::string service, absl::Duration ttl);

  std::optional<std::string> Get(const std::string& key);
  // Get of several keys in one round trip (MGET): one value per key, in order. Counted as
  // Get counts, a hit or a miss per key; a failed round trip counts one error (every value
  // is then nullopt).
  std::vector<std::optional<std::string>> GetMany(const std::vector<std::string>& keys);
  // GetMany served from the process-local near cache when it holds every key (counted as
  // near hits; no round trip), else from Redis, keeping what Redis returned locally. For hot
  // entries read far more often than written; see near_cache.h for the coherence.
  std::vector<std::optional<std::string>> GetManyNear(const std::vector<std::string>& keys);
  // Lets GetManyNear keep entries in process: a NearCache of at most `max_entries`, its
  // subscriber connecting with `subscriber`'s settings. It starts with the first
  // GetManyNear, so a service (or a migrate run) that never calls it pays nothing. Call
  // before serving.
  void AllowNearCache(RedisOptions subscriber, size_t max_entries);
  void Put(const std::string& key, const std::string& value);
  void Invalidate(const std::vector<std::string>& keys);

  // Get, else load (from PostgreSQL) and Put. Loader errors pass through uncached.
  absl::StatusOr<std::string> GetOrLoad(const std::string& key,
                                        const std::function<absl::StatusOr<std::string>()>& load);

  // GetOrLoad for a protobuf message: cached as its serialized bytes; a cached entry that
  // does not parse is treated as a miss and reloaded.
  template <typename Message>
  absl::StatusOr<Message> GetOrLoadMessage(const std::string& key,
                                           const std::function<absl::StatusOr<Message>()>& load) {
    Message message;
    if (auto cached = Get(key); cached && message.ParseFromString(*cached)) return message;
    auto loaded = load();
    if (loaded.ok()) Put(key, loaded->SerializeAsString());
    return loaded;
  }

  std::string FullKey(const std::string& key) const { return prefix_ + key; }

 private:
  std::vector<std::string> FullKeys(const std::vector<std::string>& keys) const;
  // One MGET of namespaced keys, counted per key; `tracked_to` as RedisClient::Command.
  std::vector<std::optional<std::string>> Mget(const std::vector<std::string>& full_keys,
                                               int64_t* tracked_to);
  // The near cache, started on first use when allowed; null otherwise.
  NearCache* Near();

  RedisClient* redis_;
  std::optional<std::pair<RedisOptions, size_t>> near_allowed_;
  absl::once_flag near_started_;
  std::unique_ptr<NearCache> near_;
  std::string prefix_;
  absl::Duration ttl_;
};

}  // namespace attain::cache
