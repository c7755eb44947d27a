#include "services/planning/accounts/copy_in.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace attain::planning::catalog {
namespace {

constexpr size_t kChunk = 1 << 20;

}  // namespace

void CopyBuffer::Field(std::optional<std::string_view> value) {
  if (row_open_) data_.push_back('\t');
  row_open_ = true;
  if (!value) {
    data_ += "\\N";
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': data_ += "\\\\"; break;
      case '\t': data_ += "\\t"; break;
      case '\n': data_ += "\\n"; break;
      case '\r': data_ += "\\r"; break;
      default: data_.push_back(c);
    }
  }
}

void CopyBuffer::EndRow() {
  data_.push_back('\n');
  row_open_ = false;
  ++rows_;
}

absl::Status CopyIn(db::PgConn& tx, const std::string& copy_sql, const std::string& data) {
  PGconn* conn = tx.raw();
  {
    std::unique_ptr<PGresult, void (*)(PGresult*)> started(PQexec(conn, copy_sql.c_str()),
                                                           &PQclear);
    if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
      return db::StatusFromResult(started.get(), conn);
    }
  }
  for (size_t offset = 0; offset < data.size(); offset += kChunk) {
    const size_t length = std::min(kChunk, data.size() - offset);
    if (PQputCopyData(conn, data.data() + offset, static_cast<int>(length)) != 1) {
      return absl::UnavailableError(absl::StrCat("postgresql copy: ", PQerrorMessage(conn)));
    }
  }
  if (PQputCopyEnd(conn, nullptr) != 1) {
    return absl::UnavailableError(absl::StrCat("postgresql copy: ", PQerrorMessage(conn)));
  }
  absl::Status status;
  // The COPY's own result, then the terminating null.
  while (PGresult* raw = PQgetResult(conn)) {
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && status.ok()) {
      status = db::StatusFromResult(raw, conn);
    }
    PQclear(raw);
  }
  return status;
}

absl::StatusOr<MergeResult> StageAndMerge(db::PgConn& tx, const CopyBuffer& rows,
                                          const MergeSpec& spec) {
  if (auto copied = CopyIn(tx, absl::StrCat("COPY ", spec.staging, " (", spec.columns, ") FROM STDIN"),
                           rows.data());
      !copied.ok()) {
    return copied;
  }
  // Every part of one statement sees the rows as they were before it, so `existing` is what
  // the import found already stored.
  auto merged = tx.Exec(absl::StrCat(
      "WITH merged AS (", spec.upsert, "), existing AS (SELECT s.", spec.key, " FROM ",
      spec.staging, " s JOIN ", spec.target, " e ON e.", spec.key, " = s.", spec.key,
      ") SELECT (SELECT count(*) FROM merged), (SELECT count(*) FROM existing), "
      "(SELECT COALESCE(string_agg(m.", spec.key, ", ','), '') FROM merged m JOIN existing x ON x.",
      spec.key, " = m.", spec.key, ")"));
  if (!merged.ok()) return merged.status();
  if (auto cleared = tx.Exec(absl::StrCat("DELETE FROM ", spec.staging)); !cleared.ok()) {
    return cleared.status();
  }
  const int written = static_cast<int>(merged->GetInt64(0, 0));
  const int existing = static_cast<int>(merged->GetInt64(0, 1));
  MergeResult result;
  result.created = static_cast<int>(rows.rows()) - existing;
  result.updated = written - result.created;
  result.unchanged = existing - result.updated;
  // Ids never contain commas (validated).
  if (!merged->Get(0, 2).empty()) result.updated_ids = absl::StrSplit(merged->GetString(0, 2), ',');
  return result;
}

}  // namespace attain::planning::catalog
