#pragma once
// PostgreSQL access over libpq: a bounded connection pool, parameterized statements only
// (there is deliberately no API that splices values into SQL text), and transactions.
// SQLSTATEs map to canonical codes so callers can react: unique violation ->
// ALREADY_EXISTS, serialization failure/deadlock -> ABORTED, lost connection ->
// UNAVAILABLE, statement timeout -> DEADLINE_EXCEEDED.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace attain::db {

// A text-format statement parameter; std::nullopt is SQL NULL.
using Param = std::optional<std::string>;
using Params = std::vector<Param>;

// Owns a PGresult. Column values are text; accessors convert.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  int cols() const { return PQnfields(result_.get()); }
  bool IsNull(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }
  std::string_view Get(int row, int col) const {
    return {PQgetvalue(result_.get(), row, col),
            static_cast<size_t>(PQgetlength(result_.get(), row, col))};
  }
  std::string GetString(int row, int col) const { return std::string(Get(row, col)); }
  int64_t GetInt64(int row, int col) const;
  bool GetBool(int row, int col) const { return Get(row, col) == "t"; }
  // Rows changed by INSERT/UPDATE/DELETE.
  int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class PgConn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  ~PgConn() { PQfinish(conn_); }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Runs one parameterized statement ($1, $2, ...).
  absl::StatusOr<PgResult> Exec(std::string_view sql, const Params& params = {});
  bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  PGconn* raw() { return conn_; }

 private:
  PGconn* conn_;
};

struct PgPoolOptions {
  std::string conninfo;   // libpq conninfo without the password
  std::string password;   // passed separately so it never appears in logs
  std::string schema;     // search_path for every connection
  int size = 8;
  int statement_timeout_ms = 30000;
  absl::Duration connect_timeout = absl::Seconds(5);
};

class PgPool {
 public:
  explicit PgPool(PgPoolOptions options);
  ~PgPool();

  // A borrowed connection; returns itself to the pool (or is discarded when broken).
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease();
    PgConn& operator*() { return *conn_; }
    PgConn* operator->() { return conn_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConn> conn_;
  };

  // Waits up to `timeout` for a free connection (opening one if under size).
  // UNAVAILABLE when PostgreSQL cannot be reached; RESOURCE_EXHAUSTED on timeout.
  absl::StatusOr<Lease> Acquire(absl::Duration timeout = absl::Seconds(5));

  // Opens (or reuses) a connection and runs SELECT 1.
  absl::Status Ping();
  const std::string& schema() const { return options_.schema; }

 private:
  absl::StatusOr<std::unique_ptr<PgConn>> Connect();
  void Release(std::unique_ptr<PgConn> conn);

  const PgPoolOptions options_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<PgConn>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  int in_use_ ABSL_GUARDED_BY(mu_) = 0;
};

// Runs `body` inside BEGIN ... COMMIT on one pooled connection. A non-OK status from the
// body (or a failed COMMIT) rolls back, so a rejected request writes nothing. Serialization
// failures and deadlocks (ABORTED) are retried up to 3 times: the body must be re-runnable.
absl::Status InTransaction(PgPool& pool, const std::function<absl::Status(PgConn&)>& body);

// Maps a libpq error (SQLSTATE) to a canonical status.
absl::Status StatusFromResult(const PGresult* result, PGconn* conn);

}  // namespace attain::db
