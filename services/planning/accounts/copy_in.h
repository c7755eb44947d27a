#pragma once
// Bulk loading through PostgreSQL's COPY ... FROM STDIN (text format): an import is staged
// into a temporary table with a handful of round trips, however many rows it has, then
// merged with one INSERT ... SELECT.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/db/pg.h"

namespace attain::planning::catalog {

// Builds COPY text-format data: fields separated by tabs, rows by newlines, NULL as \N.
class CopyBuffer {
 public:
  // Appends one field to the current row; std::nullopt is NULL.
  void Field(std::optional<std::string_view> value);
  // Ends the current row.
  void EndRow();
  const std::string& data() const { return data_; }
  size_t rows() const { return rows_; }

 private:
  std::string data_;
  bool row_open_ = false;
  size_t rows_ = 0;
};

// Runs `copy_sql` ("COPY t (a, b) FROM STDIN") and sends `data` in chunks.
absl::Status CopyIn(db::PgConn& tx, const std::string& copy_sql, const std::string& data);

// An upsert of staged import rows into their table.
struct MergeSpec {
  std::string staging;  // staging table, e.g. "account_import"
  std::string target;   // e.g. "accounts"
  std::string key;      // e.g. "account_id"
  std::string columns;  // the staged columns, in CopyBuffer order
  // INSERT INTO target ... SELECT columns FROM staging ON CONFLICT (key) DO UPDATE ...
  // WHERE <something changed> RETURNING <key>
  std::string upsert;
};

struct MergeResult {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> updated_ids;
};

// COPYs `rows` into the staging table, runs the upsert and empties the staging table again,
// all in the caller's transaction (so no other transaction ever sees the staged rows).
absl::StatusOr<MergeResult> StageAndMerge(db::PgConn& tx, const CopyBuffer& rows,
                                          const MergeSpec& spec);

}  // namespace attain::planning::catalog
