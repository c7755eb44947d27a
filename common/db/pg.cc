#include "common/db/pg.h"

#include <charconv>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "common/log/log.h"
#include "common/metrics/registry.h"
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

namespace attain::db {
namespace {

struct PoolMetrics {
  prometheus::Gauge& in_use;
  prometheus::Gauge& open;
  prometheus::Histogram& wait_seconds;
  prometheus::Counter& acquire_timeouts;
};

PoolMetrics& Metrics() {
  static PoolMetrics* metrics = [] {
    auto& registry = metrics::Registry();
    return new PoolMetrics{
        prometheus::BuildGauge().Name("attain_db_pool_in_use")
            .Help("PostgreSQL connections currently borrowed from the pool")
            .Register(registry).Add({}),
        prometheus::BuildGauge().Name("attain_db_pool_open")
            .Help("PostgreSQL connections currently open")
            .Register(registry).Add({}),
        prometheus::BuildHistogram().Name("attain_db_pool_wait_seconds")
            .Help("Time spent waiting for a pooled PostgreSQL connection")
            .Register(registry).Add({}, metrics::LatencyBuckets()),
        prometheus::BuildCounter().Name("attain_db_pool_acquire_timeouts_total")
            .Help("Pool acquisitions that gave up waiting")
            .Register(registry).Add({}),
    };
  }();
  return *metrics;
}

absl::StatusCode CodeForSqlState(std::string_view state) {
  if (state == "23505") return absl::StatusCode::kAlreadyExists;
  if (state == "23503" || state == "23514" || state == "23502") {
    return absl::StatusCode::kFailedPrecondition;
  }
  if (state == "40001" || state == "40P01") return absl::StatusCode::kAborted;
  if (state == "57014") return absl::StatusCode::kDeadlineExceeded;
  if (state == "53300" || state.substr(0, 2) == "08" || state == "57P01" ||
      state == "57P03") {
    return absl::StatusCode::kUnavailable;
  }
  if (state == "22P02" || state == "22007" || state == "22008" || state == "22003") {
    return absl::StatusCode::kInvalidArgument;
  }
  return absl::StatusCode::kInternal;
}

}  // namespace

int64_t PgResult::GetInt64(int row, int col) const {
  std::string_view text = Get(row, col);
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

int64_t PgResult::affected() const {
  const char* text = PQcmdTuples(result_.get());
  int64_t value = 0;
  if (text != nullptr) std::from_chars(text, text + strlen(text), value);
  return value;
}

absl::Status StatusFromResult(const PGresult* result, PGconn* conn) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (state == nullptr) {
    // No SQLSTATE: the connection itself failed.
    return absl::UnavailableError(absl::StrCat("postgresql: ", message));
  }
  return absl::Status(CodeForSqlState(state),
                      absl::StrCat("postgresql ", state, ": ", message));
}

absl::StatusOr<PgResult> PgConn::Exec(std::string_view sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
  std::string statement(sql);
  PGresult* raw = PQexecParams(conn_, statement.c_str(), static_cast<int>(params.size()),
                               nullptr, values.data(), nullptr, nullptr, 0);
  PgResult result(raw);
  ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  return StatusFromResult(raw, conn_);
}

PgPool::PgPool(PgPoolOptions options) : options_(std::move(options)) {}

PgPool::~PgPool() {
  absl::MutexLock lock(&mu_);
  idle_.clear();
}

PgPool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(std::move(conn_));
}

absl::StatusOr<std::unique_ptr<PgConn>> PgPool::Connect() {
  std::string timeout = absl::StrCat(
      std::max<int64_t>(1, absl::ToInt64Seconds(options_.connect_timeout)));
  std::string options = absl::StrCat("-c search_path=", options_.schema,
                                     " -c statement_timeout=", options_.statement_timeout_ms,
                                     " -c TimeZone=UTC");
  std::vector<const char*> keys = {"dbname", "connect_timeout", "options",
                                   "application_name"};
  std::string application = absl::StrCat("attain-", options_.schema);
  std::vector<const char*> values = {options_.conninfo.c_str(), timeout.c_str(),
                                     options.c_str(), application.c_str()};
  if (!options_.password.empty()) {
    keys.push_back("password");
    values.push_back(options_.password.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  // expand_dbname=1 lets "dbname" carry a whole conninfo string; later keys override it.
  PGconn* raw = PQconnectdbParams(keys.data(), values.data(), 1);
  auto conn = std::make_unique<PgConn>(raw);
  if (raw == nullptr || PQstatus(raw) != CONNECTION_OK) {
    std::string message = raw ? PQerrorMessage(raw) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return absl::UnavailableError(absl::StrCat("postgresql connect: ", message));
  }
  return conn;
}

absl::StatusOr<PgPool::Lease> PgPool::Acquire(absl::Duration timeout) {
  absl::Time start = absl::Now();
  absl::Time deadline = start + timeout;
  bool open_new = false;
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.size;
    };
    if (!mu_.AwaitWithDeadline(absl::Condition(&available), deadline)) {
      Metrics().acquire_timeouts.Increment();
      return absl::ResourceExhaustedError("postgresql pool: no free connection in time");
    }
    Metrics().wait_seconds.Observe(absl::ToDoubleSeconds(absl::Now() - start));
    ++in_use_;
    Metrics().in_use.Set(in_use_);
    if (!idle_.empty()) {
      std::unique_ptr<PgConn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;
    Metrics().open.Set(open_);
    open_new = true;
  }
  (void)open_new;
  auto conn = Connect();
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    --in_use_;
    Metrics().open.Set(open_);
    Metrics().in_use.Set(in_use_);
    return conn.status();
  }
  return Lease(this, *std::move(conn));
}

void PgPool::Release(std::unique_ptr<PgConn> conn) {
  absl::MutexLock lock(&mu_);
  --in_use_;
  Metrics().in_use.Set(in_use_);
  // A connection left inside a transaction or broken is closed, never reused.
  if (conn->Broken() || PQtransactionStatus(conn->raw()) != PQTRANS_IDLE) {
    --open_;
    Metrics().open.Set(open_);
    return;
  }
  idle_.push_back(std::move(conn));
}

absl::Status PgPool::Ping() {
  auto lease = Acquire();
  if (!lease.ok()) return lease.status();
  return (*lease)->Exec("SELECT 1").status();
}

absl::Status InTransaction(PgPool& pool, const std::function<absl::Status(PgConn&)>& body) {
  constexpr int kAttempts = 3;
  absl::Status last;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    PgConn& conn = **lease;
    if (auto begin = conn.Exec("BEGIN"); !begin.ok()) return begin.status();
    absl::Status status = body(conn);
    if (status.ok()) {
      auto commit = conn.Exec("COMMIT");
      if (commit.ok()) return absl::OkStatus();
      status = commit.status();
    } else {
      // Best effort: a broken connection is discarded by the pool anyway.
      (void)conn.Exec("ROLLBACK");
    }
    if (status.code() != absl::StatusCode::kAborted) return status;
    last = status;
    log::Warn("transaction retried after serialization failure",
              {{"attempt", attempt + 1}});
  }
  return last;
}

}  // namespace attain::db
