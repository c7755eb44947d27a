#include "common/events/consumer.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/events/outbox.h"
#include "common/log/log.h"

namespace attain::events {
namespace {

constexpr int kBlockMillis = 1000;

// Builds an Event from a stream entry's field list [k1, v1, k2, v2, ...].
bool EventFromEntry(const std::string& producer, const cache::RedisReply& fields,
                    attain::events::v1::Event* event) {
  event->set_producer(producer);
  bool has_sequence = false;
  for (size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
    const std::string& key = fields.elements[i].str;
    const std::string& value = fields.elements[i + 1].str;
    if (key == "sequence") {
      int64_t sequence = 0;
      has_sequence = absl::SimpleAtoi(value, &sequence);
      event->set_sequence(sequence);
    } else if (key == "type") {
      event->set_type(value);
    } else if (key == "resource") {
      event->set_resource(value);
    } else if (key == "payload") {
      event->set_payload_json(value);
    } else if (key == "create_time_us") {
      int64_t micros = 0;
      if (absl::SimpleAtoi(value, &micros)) {
        event->mutable_create_time()->set_seconds(micros / 1000000);
        event->mutable_create_time()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
      }
    }
  }
  return has_sequence;
}

}  // namespace

EventConsumer::EventConsumer(ConsumerOptions options, db::PgPool* pool, EventHandler handler)
    : options_(std::move(options)), pool_(pool), handler_(std::move(handler)) {
  stub_ = attain::events::v1::EventStreamService::NewStub(options_.producer_channel);
  if (options_.redis_enabled) {
    cache::RedisOptions redis = options_.redis;
    redis.connections = 1;
    // The blocking read must be allowed to wait longer than it blocks.
    redis.command_timeout = absl::Milliseconds(kBlockMillis) + absl::Milliseconds(500);
    redis_ = std::make_unique<cache::RedisClient>(redis);
  }
}

EventConsumer::~EventConsumer() { Stop(); }

void EventConsumer::Start() { thread_ = std::thread([this] { Loop(); }); }

void EventConsumer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

bool EventConsumer::StopRequested() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

absl::StatusOr<int64_t> EventConsumer::Cursor() {
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto rows = (*lease)->Exec("SELECT last_sequence FROM event_cursors WHERE producer = $1",
                             {options_.producer});
  if (!rows.ok()) return rows.status();
  return rows->rows() == 0 ? 0 : rows->GetInt64(0, 0);
}

absl::StatusOr<bool> EventConsumer::ApplyIfNext(const attain::events::v1::Event& event) {
  bool applied = false;
  absl::Status status = db::InTransaction(*pool_, [&](db::PgConn& tx) -> absl::Status {
    applied = false;
    auto advanced = tx.Exec(
        "UPDATE event_cursors SET last_sequence = $2 "
        "WHERE producer = $1 AND last_sequence = $2::bigint - 1",
        {options_.producer, absl::StrCat(event.sequence())});
    if (!advanced.ok()) return advanced.status();
    if (advanced->affected() == 0) return absl::OkStatus();  // duplicate or not yet due
    applied = true;
    return handler_(tx, event);
  });
  if (!status.ok()) return status;
  return applied;
}

absl::StatusOr<int> EventConsumer::Backfill() {
  auto cursor = Cursor();
  if (!cursor.ok()) return cursor.status();
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options_.rpc_deadline));
  context.AddMetadata("authorization", absl::StrCat("Bearer ", options_.token()));
  attain::events::v1::StreamEventsRequest request;
  request.set_from_sequence(*cursor + 1);
  auto reader = stub_->StreamEvents(&context, request);
  attain::events::v1::Event event;
  int applied = 0;
  absl::Status apply_status;
  while (reader->Read(&event)) {
    auto done = ApplyIfNext(event);
    if (!done.ok()) {
      apply_status = done.status();
      context.TryCancel();
      break;
    }
    if (*done) ++applied;
  }
  grpc::Status finished = reader->Finish();
  if (!apply_status.ok()) return apply_status;
  if (!finished.ok()) return errors::FromGrpcStatus(finished);
  if (applied > 0) {
    log::Info("events backfilled", {{"producer", options_.producer}, {"applied", applied}});
  }
  return applied;
}

void EventConsumer::Loop() {
  // The cursor row must exist before the first conditional advance.
  while (!StopRequested()) {
    auto lease = pool_->Acquire();
    if (lease.ok() &&
        (*lease)
            ->Exec("INSERT INTO event_cursors(producer, last_sequence) VALUES ($1, 0) "
                   "ON CONFLICT (producer) DO NOTHING",
                   {options_.producer})
            .ok()) {
      break;
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.idle_backfill);
  }
  const std::string key = StreamKey(options_.producer);
  std::string last_id = "$";
  bool need_backfill = true;
  absl::Time last_backfill = absl::InfinitePast();
  while (!StopRequested()) {
    if (redis_ != nullptr && last_id == "$") {
      // Remember where the stream is before backfilling, then read on from there.
      auto newest = redis_->Command({"XREVRANGE", key, "+", "-", "COUNT", "1"});
      if (newest.ok()) {
        last_id = newest->elements.empty() ? "0-0" : newest->elements[0].elements[0].str;
      }
    }
    if (need_backfill || absl::Now() - last_backfill > options_.idle_backfill) {
      auto backfilled = Backfill();
      last_backfill = absl::Now();
      if (!backfilled.ok()) {
        log::Warn("event backfill failed", {{"producer", options_.producer},
                                            {"error", std::string(backfilled.status().message())}});
        absl::MutexLock lock(&mu_);
        mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.idle_backfill);
        continue;
      }
      need_backfill = false;
    }
    if (redis_ == nullptr || last_id == "$") {
      // Without Redis, the producer's RPC is the transport: poll it.
      last_id = "$";
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.idle_backfill);
      continue;
    }
    auto reply = redis_->Command({"XREAD", "COUNT", "200", "BLOCK", absl::StrCat(kBlockMillis),
                                  "STREAMS", key, last_id});
    if (!reply.ok()) {
      last_id = "$";
      need_backfill = true;
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.idle_backfill);
      continue;
    }
    if (reply->type != cache::RedisReply::Type::kArray || reply->elements.empty()) continue;
    for (const cache::RedisReply& entry : reply->elements[0].elements[1].elements) {
      last_id = entry.elements[0].str;
      attain::events::v1::Event event;
      if (!EventFromEntry(options_.producer, entry.elements[1], &event)) continue;
      auto applied = ApplyIfNext(event);
      if (!applied.ok()) {
        need_backfill = true;
        break;
      }
      if (!*applied) {
        auto cursor = Cursor();
        // A later sequence than the next one means the stream lost events: backfill.
        if (cursor.ok() && event.sequence() > *cursor + 1) need_backfill = true;
      }
    }
  }
}

}  // namespace attain::events
