#pragma once
// The transactional outbox. A write path calls Append() inside the transaction that makes
// the change, so the event exists exactly when the change does. The OutboxRelay then, in
// one replica at a time (advisory lock), assigns each new row the next per-producer
// sequence number in commit order — gap-free and increasing — and publishes it to the
// Redis stream "attain:events:<producer>". If Redis is down, rows wait and are published
// in order later; consumers that lost stream entries backfill through StreamEvents.

#include <atomic>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/cache/redis.h"
#include "common/db/pg.h"

namespace attain::events {

// Records an event in the caller's transaction.
absl::Status Append(db::PgConn& tx, std::string_view event_type, std::string_view resource,
                    std::string_view payload_json);

// "attain:events:<producer>"
std::string StreamKey(std::string_view producer);

// The highest sequence assigned so far (0 when none).
absl::StatusOr<int64_t> LastSequence(db::PgPool& pool);

class OutboxRelay {
 public:
  // redis may be null: events are then sequenced but only available through StreamEvents.
  OutboxRelay(std::string producer, db::PgPool* pool, cache::RedisClient* redis,
              absl::Duration poll_interval = absl::Milliseconds(100));
  ~OutboxRelay();

  void Start();
  void Stop();
  // Wakes the relay now (called after a commit that appended events).
  void Notify();
  // Sequences and publishes what is pending; returns how many rows were published.
  absl::StatusOr<int> RunOnce();

 private:
  void Loop();

  const std::string producer_;
  db::PgPool* pool_;
  cache::RedisClient* redis_;
  const absl::Duration poll_interval_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool notified_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace attain::events
