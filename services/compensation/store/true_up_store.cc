#include "services/compensation/store/true_up_store.h"

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
absl::StatusOr<PublishedRunInputs> LoadPublishedRunInputs(db::PgConn& conn, const std::string& period) {
  auto rows = conn.Exec(
      "SELECT r.run_id, COALESCE(r.import_watermark, 0), "
      "encode(COALESCE(r.planning_digest, ''::bytea), 'hex') "
      "FROM calc_periods p JOIN calc_runs r ON r.run_id = p.published_run_id WHERE p.period = $1",
      {period});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return absl::NotFoundError(absl::StrCat("period ", period, " has no published run"));
  return PublishedRunInputs{rows->GetInt64(0, 0), rows->GetInt64(0, 1), BytesFromHex(rows->Get(0, 2))};
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> LoadRunStatements(db::PgConn& conn,
                                                                                   int64_t run_id) {
  auto rows = conn.Exec(
      "SELECT seller_id, encode(body, 'hex') FROM statements WHERE run_id = $1 "
      "ORDER BY seller_id COLLATE \"C\"",
      {absl::StrCat(run_id)});
  if (!rows.ok()) return rows.status();
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) out.emplace_back(rows->GetString(i, 0), BytesFromHex(rows->Get(i, 1)));
  return out;
}

absl::StatusOr<LateTransactions> FindLateTransactions(db::PgConn& conn, absl::CivilDay first,
                                                      absl::CivilDay last, int64_t watermark) {
  auto rows = conn.Exec(
      "SELECT t.source_system || '/' || t.transaction_id, count(*) OVER () FROM transactions t "
      "WHERE t.import_id > $3 AND (t.transaction_date BETWEEN $1::date AND $2::date "
      "  OR EXISTS (SELECT 1 FROM transactions o WHERE o.source_system = t.source_system "
      "             AND o.transaction_id = t.transaction_id AND o.version = t.version - 1 "
      "             AND o.transaction_date BETWEEN $1::date AND $2::date)) "
      "ORDER BY t.source_system, t.transaction_id, t.version LIMIT 3",
      {dates::Format(first), dates::Format(last), absl::StrCat(watermark)});
  if (!rows.ok()) return rows.status();
  LateTransactions late;
  for (int i = 0; i < rows->rows(); ++i) {
    late.count = rows->GetInt64(i, 1);
    late.examples.push_back(rows->GetString(i, 0));
  }
  return late;
}

}  // namespace attain::compensation::store
