#include "services/compensation/store/copy_writer.h"

#include <memory>

#include "absl/strings/str_cat.h"

namespace attain::compensation::store {
namespace {

absl::Status CopyError(db::PgConn& conn) {
  return absl::UnavailableError(absl::StrCat("postgresql copy: ", PQerrorMessage(conn.raw())));
}

}  // namespace

absl::StatusOr<CopyWriter> CopyWriter::Start(db::PgConn& tx, const std::string& copy_sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> started(PQexec(tx.raw(), copy_sql.c_str()),
                                                         &PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
    return db::StatusFromResult(started.get(), tx.raw());
  }
  return CopyWriter(&tx);
}

CopyWriter::~CopyWriter() {
  if (conn_ == nullptr) return;
  // Abandoned mid-stream (an error elsewhere): abort the COPY and drain its result so the
  // connection can roll back.
  PQputCopyEnd(conn_->raw(), "import abandoned");
  while (PGresult* result = PQgetResult(conn_->raw())) PQclear(result);
}

absl::Status CopyWriter::Send(std::string_view data) {
  if (data.empty()) return absl::OkStatus();
  if (PQputCopyData(conn_->raw(), data.data(), static_cast<int>(data.size())) != 1) {
    return CopyError(*conn_);
  }
  return absl::OkStatus();
}

absl::Status CopyWriter::Finish() {
  db::PgConn* conn = conn_;
  conn_ = nullptr;
  if (PQputCopyEnd(conn->raw(), nullptr) != 1) return CopyError(*conn);
  absl::Status status;
  // The COPY's own result, then the terminating null.
  while (PGresult* result = PQgetResult(conn->raw())) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && status.ok()) {
      status = db::StatusFromResult(result, conn->raw());
    }
    PQclear(result);
  }
  return status;
}

}  // namespace attain::compensation::store
