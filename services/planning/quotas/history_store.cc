#include "services/planning/quotas/history_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/planning/quotas/quota_store.h"

namespace attain::planning::quotas {
namespace {

db::Param OptionalText(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// The FROM and WHERE clauses shared by every booking query, with their parameters: the
// accounts are either those of an assignment run ($1 as_of, $2 territory ids) or a list
// ($2); then $3..$4 the window, $5 the currency and $6 the product family.
struct ScopeSql {
  std::string from_where;
  db::Params params;
};

ScopeSql Scope(const BookingScope& scope, bool with_currency = true) {
  constexpr char kRunAccounts[] =
      " FROM bookings b WHERE b.account_id IN (SELECT account_id FROM account_assignments "
      "WHERE as_of = $1::date AND territory_id = ANY(string_to_array($2, ','))) ";
  // $1 is unused here but keeps the numbering of the shared tail.
  constexpr char kListedAccounts[] =
      " FROM bookings b WHERE ($1::date IS NULL OR true) "
      "AND b.account_id = ANY(string_to_array($2, ',')) ";
  constexpr char kTail[] =
      "AND b.booking_date BETWEEN $3::date AND $4::date "
      "AND ($5::text IS NULL OR b.currency = $5) "
      "AND ($6::text IS NULL OR b.product_id IN (SELECT product_id FROM products WHERE family = $6)) ";
  const bool listed = scope.account_ids.has_value();
  return {absl::StrCat(listed ? kListedAccounts : kRunAccounts, kTail),
          {dates::Format(scope.as_of),
           absl::StrJoin(listed ? *scope.account_ids : scope.territory_ids, ","),
           dates::Format(scope.window.start),
           dates::Format(scope.window.end.value_or(scope.window.start)),
           with_currency ? OptionalText(scope.currency) : std::nullopt,
           OptionalText(scope.product_family)}};
}

absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> DecimalByKey(
    const db::PgResult& rows) {
  absl::flat_hash_map<std::string, money::Decimal> out;
  for (int i = 0; i < rows.rows(); ++i) {
    auto amount = StoredDecimal(rows.Get(i, 1));
    if (!amount.ok()) return amount.status();
    out[rows.GetString(i, 0)] = *amount;
  }
  return out;
}

}  // namespace

absl::StatusOr<AccountAssignments> LatestAccountAssignments(
    db::PgConn& conn, absl::CivilDay day, const std::vector<std::string>& territory_ids) {
  auto run = conn.Exec("SELECT max(as_of)::text FROM account_assignments WHERE as_of <= $1::date",
                       {dates::Format(day)});
  if (!run.ok()) return run.status();
  AccountAssignments out;
  if (run->IsNull(0, 0)) return out;
  auto as_of = dates::Parse(run->Get(0, 0), "as_of");
  if (!as_of.ok()) return as_of.status();
  out.as_of = *as_of;
  auto rows = conn.Exec(
      "SELECT account_id, territory_id FROM account_assignments WHERE as_of = $1::date "
      "AND territory_id = ANY(string_to_array($2, ','))",
      {dates::Format(*as_of), absl::StrJoin(territory_ids, ",")});
  if (!rows.ok()) return rows.status();
  out.rows.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) out.rows.emplace_back(rows->GetString(i, 0), rows->GetString(i, 1));
  return out;
}

absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> BookingsByAccount(
    db::PgConn& conn, const BookingScope& scope) {
  const ScopeSql sql = Scope(scope);
  auto rows = conn.Exec(
      absl::StrCat("SELECT b.account_id, sum(b.amount)::text", sql.from_where, "GROUP BY b.account_id"),
      sql.params);
  if (!rows.ok()) return rows.status();
  return DecimalByKey(*rows);
}

absl::StatusOr<std::vector<quota::MonthlyTotal>> BookingsByMonth(db::PgConn& conn,
                                                                 const BookingScope& scope) {
  const ScopeSql sql = Scope(scope);
  auto rows = conn.Exec(
      absl::StrCat("SELECT extract(year from b.booking_date)::int, "
                   "extract(month from b.booking_date)::int, sum(b.amount)::text",
                   sql.from_where, "GROUP BY 1, 2 ORDER BY 1, 2"),
      sql.params);
  if (!rows.ok()) return rows.status();
  std::vector<quota::MonthlyTotal> out;
  for (int i = 0; i < rows->rows(); ++i) {
    auto total = StoredDecimal(rows->Get(i, 2));
    if (!total.ok()) return total.status();
    out.push_back({absl::CivilMonth(rows->GetInt64(i, 0), rows->GetInt64(i, 1)), *total});
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> BookingCurrencies(db::PgConn& conn,
                                                           const BookingScope& scope) {
  const ScopeSql sql = Scope(scope, /*with_currency=*/false);
  auto rows = conn.Exec(absl::StrCat("SELECT DISTINCT b.currency", sql.from_where, "ORDER BY 1"),
                        sql.params);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (int i = 0; i < rows->rows(); ++i) out.push_back(rows->GetString(i, 0));
  return out;
}

absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> PotentialByAccount(
    db::PgConn& conn, absl::CivilDay as_of, const std::vector<std::string>& territory_ids) {
  auto rows = conn.Exec(
      "SELECT a.account_id, coalesce(a.potential, 0)::text FROM accounts a WHERE a.account_id IN "
      "(SELECT account_id FROM account_assignments WHERE as_of = $1::date "
      "AND territory_id = ANY(string_to_array($2, ',')))",
      {dates::Format(as_of), absl::StrJoin(territory_ids, ",")});
  if (!rows.ok()) return rows.status();
  return DecimalByKey(*rows);
}

absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> PotentialOfAccounts(
    db::PgConn& conn, const std::vector<std::string>& account_ids) {
  auto rows = conn.Exec(
      "SELECT a.account_id, coalesce(a.potential, 0)::text FROM accounts a "
      "WHERE a.account_id = ANY(string_to_array($1, ','))",
      {absl::StrJoin(account_ids, ",")});
  if (!rows.ok()) return rows.status();
  return DecimalByKey(*rows);
}

absl::StatusOr<std::vector<Coverage>> CoverageOfSellers(db::PgConn& conn,
                                                        const std::vector<std::string>& seller_ids,
                                                        const dates::DateRange& range) {
  auto rows = conn.Exec(
      "SELECT seller_id, territory_id, split_percent::text, role, start_date::text, "
      "end_date::text FROM seller_territory_assignments "
      "WHERE start_date <= $3::date AND (end_date IS NULL OR end_date >= $2::date) "
      "AND territory_id IN (SELECT territory_id FROM seller_territory_assignments "
      "WHERE seller_id = ANY(string_to_array($1, ',')) AND start_date <= $3::date "
      "AND (end_date IS NULL OR end_date >= $2::date)) ORDER BY seller_id, territory_id, start_date",
      {absl::StrJoin(seller_ids, ","), dates::Format(range.start),
       dates::Format(range.end.value_or(range.start))});
  if (!rows.ok()) return rows.status();
  std::vector<Coverage> out;
  const money::Decimal hundred = money::Decimal::FromUnits(100);
  for (int i = 0; i < rows->rows(); ++i) {
    Coverage c;
    c.seller_id = rows->GetString(i, 0);
    c.territory_id = rows->GetString(i, 1);
    auto percent = StoredDecimal(rows->Get(i, 2));
    if (!percent.ok()) return percent.status();
    auto split = percent->Div(hundred);
    if (!split.ok()) return split.status();
    c.split = *split;
    c.overlay = rows->Get(i, 3) == "OVERLAY";
    auto start = dates::Parse(rows->Get(i, 4), "start_date");
    if (!start.ok()) return start.status();
    c.active.start = *start;
    if (!rows->IsNull(i, 5)) {
      auto end = dates::Parse(rows->Get(i, 5), "end_date");
      if (!end.ok()) return end.status();
      c.active.end = *end;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace attain::planning::quotas
