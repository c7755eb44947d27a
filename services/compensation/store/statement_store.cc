#include "services/compensation/store/statement_store.h"

#include <nlohmann/json.hpp>

#include "services/compensation/store/sql_text.h"
#include "absl/strings/str_cat.h"

namespace attain::compensation::store {
namespace {

absl::StatusOr<std::vector<std::string>> ManagersFromJson(std::string_view json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return absl::InternalError("statements.managers is not an array");
  std::vector<std::string> managers;
  for (const nlohmann::json& manager : parsed) {
    if (!manager.is_string()) return absl::InternalError("statements.managers has a null");
    managers.push_back(manager.get<std::string>());
  }
  return managers;
}

}  // namespace

absl::StatusOr<std::optional<statements::PublishedRun>> GetPublishedRun(db::PgConn& conn,
                                                                        const std::string& period) {
  auto rows = conn.Exec(
      "SELECT r.run_id, r.run_number FROM calc_periods p "
      "JOIN calc_runs r ON r.run_id = p.published_run_id WHERE p.period = $1",
      {period});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<statements::PublishedRun>();
  return std::optional<statements::PublishedRun>(
      statements::PublishedRun{rows->GetInt64(0, 0), static_cast<int>(rows->GetInt64(0, 1))});
}

absl::StatusOr<std::optional<statements::StatementRecord>> GetStatement(
    db::PgConn& conn, int64_t run_id, const std::string& seller_id) {
  auto rows = conn.Exec(
      "SELECT array_to_json(managers)::text, encode(body, 'hex') FROM statements "
      "WHERE run_id = $1 AND seller_id = $2",
      {absl::StrCat(run_id), seller_id});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<statements::StatementRecord>();
  auto managers = ManagersFromJson(rows->Get(0, 0));
  if (!managers.ok()) return managers.status();
  return std::optional<statements::StatementRecord>(
      statements::StatementRecord{*std::move(managers), BytesFromHex(rows->Get(0, 1))});
}

absl::StatusOr<StatementPage> ListPublishedStatements(db::PgConn& conn, const std::string& period,
                                                      const StatementVisibility& visibility,
                                                      const std::string& after_seller, int limit) {
  // One SQL text per visibility, so a manager's list is planned on the GIN index.
  std::string visible;
  if (!visibility.everyone) {
    visible = visibility.with_reports ? " AND (s.seller_id = $4 OR s.managers @> ARRAY[$4]::text[])"
                                      : " AND s.seller_id = $4";
  }
  db::Params params = {period, after_seller.empty() ? db::Param() : db::Param(after_seller),
                       absl::StrCat(limit + 1)};
  if (!visibility.everyone) params.push_back(visibility.viewer);
  auto rows = conn.Exec(
      absl::StrCat("SELECT s.seller_id, encode(s.body, 'hex') FROM calc_periods p "
                   "JOIN statements s ON s.run_id = p.published_run_id WHERE p.period = $1 "
                   "AND ($2::text IS NULL OR s.seller_id > $2)",
                   visible, " ORDER BY s.seller_id LIMIT $3"),
      params);
  if (!rows.ok()) return rows.status();
  StatementPage page;
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    page.statements.emplace_back(rows->GetString(i, 0), BytesFromHex(rows->Get(i, 1)));
  }
  page.more = rows->rows() > limit;
  return page;
}

absl::StatusOr<std::optional<PublishedPayroll>> LoadPublishedPayroll(db::PgConn& conn,
                                                                     const std::string& period) {
  // LEFT JOIN: a published run without statements still names its run (one row, NULLs).
  auto rows = conn.Exec(
      "SELECT r.run_id, r.run_number, s.seller_id, s.currency, s.total::text FROM calc_periods p "
      "JOIN calc_runs r ON r.run_id = p.published_run_id "
      "LEFT JOIN statements s ON s.run_id = p.published_run_id WHERE p.period = $1 "
      "ORDER BY s.seller_id",
      {period});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<PublishedPayroll>();
  PublishedPayroll payroll;
  payroll.run = {rows->GetInt64(0, 0), static_cast<int>(rows->GetInt64(0, 1))};
  payroll.rows.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) {
    if (rows->IsNull(i, 2)) continue;
    auto total = money::Decimal::Parse(rows->Get(i, 4));
    if (!total.ok()) {
      return absl::InternalError(absl::StrCat("statement total of sellers/", rows->GetString(i, 2),
                                              " is out of range: ", rows->GetString(i, 4)));
    }
    payroll.rows.push_back({rows->GetString(i, 2), rows->GetString(i, 3), *total});
  }
  return std::optional<PublishedPayroll>(std::move(payroll));
}

}  // namespace attain::compensation::store
