#include "common/events/outbox.h"

#include <prometheus/gauge.h>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/metrics/registry.h"

namespace attain::events {
namespace {

constexpr int kBatch = 500;
// Streams are capped so Redis memory stays bounded; older events come from StreamEvents.
constexpr char kStreamMaxLen[] = "100000";

prometheus::Gauge& BacklogGauge() {
  static prometheus::Gauge* gauge = &prometheus::BuildGauge()
                                         .Name("attain_outbox_backlog")
                                         .Help("Outbox events not yet published to Redis")
                                         .Register(metrics::Registry())
                                         .Add({});
  return *gauge;
}

}  // namespace

std::string StreamKey(std::string_view producer) {
  return "attain:events:" + std::string(producer);
}

absl::Status Append(db::PgConn& tx, std::string_view event_type, std::string_view resource,
                    std::string_view payload_json) {
  return tx
      .Exec("INSERT INTO outbox(event_type, resource, payload_json) VALUES ($1, $2, $3)",
            {std::string(event_type), std::string(resource), std::string(payload_json)})
      .status();
}

absl::StatusOr<int64_t> LastSequence(db::PgPool& pool) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  auto result = (*lease)->Exec("SELECT COALESCE(MAX(sequence), 0) FROM outbox");
  if (!result.ok()) return result.status();
  return result->GetInt64(0, 0);
}

OutboxRelay::OutboxRelay(std::string producer, db::PgPool* pool, cache::RedisClient* redis,
                         absl::Duration poll_interval)
    : producer_(std::move(producer)), pool_(pool), redis_(redis), poll_interval_(poll_interval) {
  BacklogGauge();
}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() { thread_ = std::thread([this] { Loop(); }); }

void OutboxRelay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::Notify() {
  absl::MutexLock lock(&mu_);
  notified_ = true;
}

void OutboxRelay::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto wake = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_ || notified_; };
      mu_.AwaitWithTimeout(absl::Condition(&wake), poll_interval_);
      if (stopping_) return;
      notified_ = false;
    }
    if (auto published = RunOnce(); !published.ok()) {
      log::Warn("outbox relay pass failed", {{"producer", producer_},
                                             {"error", std::string(published.status().message())}});
    }
  }
}

absl::StatusOr<int> OutboxRelay::RunOnce() {
  int published = 0;
  absl::Status status = db::InTransaction(*pool_, [&](db::PgConn& tx) -> absl::Status {
    published = 0;
    // One relay at a time across replicas; the others skip this pass.
    auto locked = tx.Exec("SELECT pg_try_advisory_xact_lock(hashtext($1))",
                          {absl::StrCat("attain.outbox.", producer_)});
    if (!locked.ok()) return locked.status();
    if (!locked->GetBool(0, 0)) return absl::OkStatus();

    // Sequence rows in id order. Rows are only visible once committed, so sequence order
    // is commit-visibility order and never leaves a gap behind a later number.
    auto assigned = tx.Exec(
        "WITH base AS (SELECT COALESCE(MAX(sequence), 0) AS s FROM outbox), "
        "pending AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "
        "  (SELECT id FROM outbox WHERE sequence IS NULL ORDER BY id LIMIT $1) p) "
        "UPDATE outbox o SET sequence = base.s + pending.n FROM base, pending "
        "WHERE o.id = pending.id",
        {absl::StrCat(kBatch)});
    if (!assigned.ok()) return assigned.status();

    auto backlog = tx.Exec(
        "SELECT count(*) FROM outbox WHERE published_time IS NULL");
    if (backlog.ok()) BacklogGauge().Set(static_cast<double>(backlog->GetInt64(0, 0)));
    if (redis_ == nullptr) return absl::OkStatus();

    auto rows = tx.Exec(
        "SELECT sequence, event_type, resource, payload_json, "
        "       (extract(epoch from create_time) * 1000000)::bigint "
        "FROM outbox WHERE sequence IS NOT NULL AND published_time IS NULL "
        "ORDER BY sequence LIMIT $1",
        {absl::StrCat(kBatch)});
    if (!rows.ok()) return rows.status();
    int64_t last_published = 0;
    for (int i = 0; i < rows->rows(); ++i) {
      auto added = redis_->Command({"XADD", StreamKey(producer_), "MAXLEN", "~", kStreamMaxLen,
                                    "*", "sequence", rows->GetString(i, 0), "type",
                                    rows->GetString(i, 1), "resource", rows->GetString(i, 2),
                                    "payload", rows->GetString(i, 3), "create_time_us",
                                    rows->GetString(i, 4)});
      if (!added.ok()) break;  // Redis down: keep the rest for the next pass, in order
      last_published = rows->GetInt64(i, 0);
      ++published;
    }
    if (last_published > 0) {
      auto marked = tx.Exec(
          "UPDATE outbox SET published_time = now() "
          "WHERE sequence <= $1 AND published_time IS NULL",
          {absl::StrCat(last_published)});
      if (!marked.ok()) return marked.status();
      BacklogGauge().Set(static_cast<double>(
          backlog.ok() ? std::max<int64_t>(0, backlog->GetInt64(0, 0) - published) : 0));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return published;
}

}  // namespace attain::events
