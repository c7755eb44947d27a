#pragma once
// Consumes one producer's events exactly once in effect. Each event is applied in a
// transaction that also advances the durable cursor (event_cursors) only from
// sequence-1 to sequence, so a duplicate or out-of-order delivery changes nothing.
// Events normally arrive from the Redis stream; whenever the next sequence is missing —
// a gap in the stream, Redis flushed or restarted empty, Redis down, or simply nothing
// heard for a while — the consumer backfills from the producer's StreamEvents RPC.
// So no event is lost whatever happens to Redis.

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "attain/events/v1/events.grpc.pb.h"
#include "common/cache/redis.h"
#include "common/db/pg.h"

namespace attain::events {

struct ConsumerOptions {
  std::string producer;                 // e.g. "planning"
  std::shared_ptr<grpc::Channel> producer_channel;
  std::function<std::string()> token;   // bearer token for the producer (service role)
  cache::RedisOptions redis;            // a dedicated connection (blocking reads)
  bool redis_enabled = true;
  absl::Duration idle_backfill = absl::Seconds(2);  // check the producer this often when idle
  absl::Duration rpc_deadline = absl::Seconds(30);
};

// Applies one event inside the consumer's transaction. Must be deterministic.
using EventHandler =
    std::function<absl::Status(db::PgConn& tx, const attain::events::v1::Event& event)>;

class EventConsumer {
 public:
  EventConsumer(ConsumerOptions options, db::PgPool* pool, EventHandler handler);
  ~EventConsumer();

  void Start();
  void Stop();

  // The durable cursor: the last applied sequence.
  absl::StatusOr<int64_t> Cursor();
  // Applies everything the producer has after the cursor; returns how many were applied.
  absl::StatusOr<int> Backfill();

 private:
  void Loop();
  // Applies `event` if it is exactly the next one; true when applied, false when skipped.
  absl::StatusOr<bool> ApplyIfNext(const attain::events::v1::Event& event);
  bool StopRequested();

  ConsumerOptions options_;
  db::PgPool* pool_;
  EventHandler handler_;
  std::unique_ptr<attain::events::v1::EventStreamService::Stub> stub_;
  std::unique_ptr<cache::RedisClient> redis_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace attain::events
