#pragma once
// Streaming COPY ... FROM STDIN in the caller's transaction: the data is sent in chunks as it
// is produced, so the whole COPY stream never exists in memory at once. The format of the
// data is the caller's (copy_binary.h for the transaction import).

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/db/pg.h"

namespace attain::compensation::store {

class CopyWriter {
 public:
  // Runs `copy_sql` ("COPY t (a, b) FROM STDIN"). The connection is in COPY mode until
  // Finish or destruction (which aborts the COPY, failing the transaction).
  static absl::StatusOr<CopyWriter> Start(db::PgConn& tx, const std::string& copy_sql);
  CopyWriter(CopyWriter&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  CopyWriter& operator=(CopyWriter&&) = delete;
  ~CopyWriter();

  absl::Status Send(std::string_view data);
  // Ends the COPY and reports how it went (constraint violations surface here).
  absl::Status Finish();

 private:
  explicit CopyWriter(db::PgConn* conn) : conn_(conn) {}
  db::PgConn* conn_;  // null once finished
};

}  // namespace attain::compensation::store
