#pragma once
// Many cache-aside entries in one Redis round trip each way: MGET to read, one EVAL that SETs
// every entry with a TTL to fill. Like common/cache, a Redis failure is a miss (logged),
// never an error: the cache only makes reads faster.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "common/cache/cache.h"
#include "common/cache/redis.h"

namespace attain::planning::quotas {

class BatchCache {
 public:
  // redis may be null (caching disabled); `cache` supplies the key namespace.
  BatchCache(cache::RedisClient* redis, const cache::Cache* cache, absl::Duration ttl)
      : redis_(redis), cache_(cache), ttl_(ttl) {}

  // One value per key, nullopt for a miss.
  std::vector<std::optional<std::string>> GetMany(const std::vector<std::string>& keys);
  void PutMany(const std::vector<std::pair<std::string, std::string>>& entries);

 private:
  cache::RedisClient* redis_;
  const cache::Cache* cache_;
  absl::Duration ttl_;
};

}  // namespace attain::planning::quotas
