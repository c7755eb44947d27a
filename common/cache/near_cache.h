#pragma once
// A process-local copy of Redis entries that Redis itself keeps coherent: server-assisted
// client-side caching (CLIENT TRACKING with REDIRECT, which works over RESP2 and pub/sub).
//
// One dedicated connection subscribes to "__redis__:invalidate"; every connection of the
// RedisClient is told to send the invalidations of the keys it reads there. A read first
// applies every invalidation that has arrived (a non-blocking read of that socket), then
// serves what it holds; what it does not hold it reads from Redis and keeps. So a local entry
// is served only while Redis has not announced a change to its key: a reader sees a write as
// soon as Redis's invalidation reaches this process, within the same loopback or network
// delay as a Redis read racing that write.
//
// Kept only when nothing can be missed: a value read on a connection tracked towards the
// current subscriber, with no invalidation of its key applied between the read's start and
// keeping it (the invalidation might have been for the value read). The keys of the latest
// invalidations are remembered for that check; a read older than what is remembered keeps
// nothing. When the subscriber's connection breaks,
// everything held is dropped and nothing is kept until a new subscriber is tracked. A
// background thread drains invalidations while nobody reads, and reconnects.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "common/cache/redis.h"

struct redisContext;

namespace attain::cache {

class NearCache {
 public:
  // `redis` must outlive this; its connections are retracked at the subscriber. At most
  // `max_entries` values are held (all are dropped when a new one would exceed it).
  NearCache(RedisClient* redis, RedisOptions options, size_t max_entries);
  ~NearCache();
  NearCache(const NearCache&) = delete;
  NearCache& operator=(const NearCache&) = delete;

  // What a later Keep must present: the invalidations applied and the subscriber then.
  struct Token {
    uint64_t epoch = 0;
    int64_t subscriber = 0;
  };
  // The held value of each key (nullopt: not held), every invalidation that has arrived
  // applied first.
  std::vector<std::optional<std::string>> Find(const std::vector<std::string>& keys, Token* token);
  // Keeps `value`, read from Redis on a connection tracked towards `tracked_to` after Find
  // returned `token`, unless something may have changed it since.
  void Keep(const Token& token, int64_t tracked_to, const std::string& key, std::string value);

 private:
  // Reads and applies whatever invalidations have arrived, without blocking.
  void Drain() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Apply(const void* reply) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Invalidated(std::string key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Flush() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Drops everything: the subscriber is gone, so changes could go unannounced.
  void Break() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Connects and subscribes a new subscriber; its client id, or 0.
  redisContext* Subscribe(int64_t* client_id) const;
  void Loop();

  RedisClient* redis_;
  const RedisOptions options_;
  const size_t max_entries_;
  absl::Mutex mu_;
  redisContext* subscriber_ ABSL_GUARDED_BY(mu_) = nullptr;
  int64_t subscriber_id_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t epoch_ ABSL_GUARDED_BY(mu_) = 0;  // invalidation messages applied
  absl::flat_hash_map<std::string, std::string> values_ ABSL_GUARDED_BY(mu_);
  // The epoch of each key's latest invalidation, for the latest kRemembered invalidations
  // (in `order_`); reads that started before `remembered_from_` or a flush keep nothing.
  static constexpr size_t kRemembered = 4096;
  absl::flat_hash_map<std::string, uint64_t> invalidated_ ABSL_GUARDED_BY(mu_);
  std::deque<std::pair<uint64_t, std::string>> order_ ABSL_GUARDED_BY(mu_);
  uint64_t remembered_from_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t flushed_at_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread loop_;
};

}  // namespace attain::cache
