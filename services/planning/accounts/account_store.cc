#include "services/planning/accounts/account_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/planning/accounts/sql_params.h"

namespace attain::planning::accounts::store {
namespace {

// Columns every account query selects, in the order RowToAccount reads them.
constexpr char kAccountColumns[] =
    "a.account_id, a.display_name, COALESCE(a.parent_account_id, ''), a.country, a.region, "
    "a.state, a.postal_code, a.industry, a.segment, a.employee_count, a.annual_revenue::text, "
    "a.potential::text, a.workload::text, a.currency, a.attributes::text, a.locked, a.revision, "
    "(extract(epoch from a.create_time) * 1000000)::bigint, "
    "(extract(epoch from a.update_time) * 1000000)::bigint";
constexpr int kAccountColumnCount = 19;

// The writable columns, in the order of AccountParams and of the import staging table.
constexpr char kWritableColumns[] =
    "account_id, display_name, parent_account_id, country, region, state, postal_code, "
    "industry, segment, employee_count, annual_revenue, potential, workload, currency, "
    "attributes, locked";

std::optional<money::Decimal> DecimalOrDie(const db::PgResult& rows, int row, int col) {
  if (rows.IsNull(row, col)) return std::nullopt;
  // The database only holds decimals we validated; anything else is a broken invariant.
  auto value = money::Decimal::Parse(rows.Get(row, col));
  if (!value.ok()) std::abort();
  return *value;
}

Account RowToAccount(const db::PgResult& rows, int row) {
  Account account;
  account.id = rows.GetString(row, 0);
  account.display_name = rows.GetString(row, 1);
  account.parent_id = rows.GetString(row, 2);
  account.country = rows.GetString(row, 3);
  account.region = rows.GetString(row, 4);
  account.state = rows.GetString(row, 5);
  account.postal_code = rows.GetString(row, 6);
  account.industry = rows.GetString(row, 7);
  account.segment = rows.GetString(row, 8);
  account.employee_count = rows.GetInt64(row, 9);
  account.annual_revenue = DecimalOrDie(rows, row, 10);
  account.potential = DecimalOrDie(rows, row, 11);
  account.workload = DecimalOrDie(rows, row, 12);
  account.currency = rows.GetString(row, 13);
  const nlohmann::json attributes = nlohmann::json::parse(rows.Get(row, 14));
  for (const auto& [key, value] : attributes.items()) {
    account.attributes[key] = value.get<std::string>();
  }
  account.locked = rows.GetBool(row, 15);
  account.revision = rows.GetInt64(row, 16);
  account.create_time = absl::FromUnixMicros(rows.GetInt64(row, 17));
  account.update_time = absl::FromUnixMicros(rows.GetInt64(row, 18));
  return account;
}

db::Param OptionalDecimal(const std::optional<money::Decimal>& value) {
  if (!value) return std::nullopt;
  return value->ToString();
}

std::string AttributesJson(const Account& account) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, value] : account.attributes) json[key] = value;
  return json.dump();
}

db::Params AccountParams(const Account& account) {
  return {account.id,
          account.display_name,
          account.parent_id.empty() ? db::Param() : db::Param(account.parent_id),
          account.country,
          account.region,
          account.state,
          account.postal_code,
          account.industry,
          account.segment,
          absl::StrCat(account.employee_count),
          OptionalDecimal(account.annual_revenue),
          OptionalDecimal(account.potential),
          OptionalDecimal(account.workload),
          account.currency,
          AttributesJson(account),
          account.locked ? "true" : "false"};
}

}  // namespace

absl::Status LockHierarchy(db::PgConn& tx) {
  return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('attain.planning.accounts'))").status();
}

absl::StatusOr<std::optional<Account>> GetAccount(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", kAccountColumns, " FROM accounts a WHERE a.account_id = $1"), {id});
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::optional<Account>();
  return std::optional<Account>(RowToAccount(*rows, 0));
}

absl::Status InsertAccount(db::PgConn& tx, const Account& account) {
  return tx
      .Exec(absl::StrCat("INSERT INTO accounts (", kWritableColumns,
                         ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                         "$15::jsonb, $16)"),
            AccountParams(account))
      .status();
}

absl::Status UpdateAccount(db::PgConn& tx, const Account& account) {
  auto updated = tx.Exec(
      "UPDATE accounts SET display_name = $2, parent_account_id = $3, country = $4, region = $5, "
      "state = $6, postal_code = $7, industry = $8, segment = $9, employee_count = $10, "
      "annual_revenue = $11, potential = $12, workload = $13, currency = $14, "
      "attributes = $15::jsonb, locked = $16, revision = revision + 1, update_time = now() "
      "WHERE account_id = $1",
      AccountParams(account));
  if (!updated.ok()) return updated.status();
  if (updated->affected() == 0) return absl::NotFoundError(absl::StrCat("accounts/", account.id));
  return absl::OkStatus();
}

absl::Status DeleteAccount(db::PgConn& tx, const std::string& id) {
  auto deleted = tx.Exec("DELETE FROM accounts WHERE account_id = $1", {id});
  if (!deleted.ok()) return deleted.status();
  if (deleted->affected() == 0) return absl::NotFoundError(absl::StrCat("accounts/", id));
  return absl::OkStatus();
}

absl::StatusOr<bool> HasChildren(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec(
      "SELECT EXISTS (SELECT 1 FROM accounts WHERE parent_account_id = $1)", {id});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<bool> HasBookings(db::PgConn& conn, const std::string& id) {
  auto rows = conn.Exec("SELECT EXISTS (SELECT 1 FROM bookings WHERE account_id = $1)", {id});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<ParentMap> LoadParents(db::PgConn& conn, const std::vector<std::string>& ids) {
  constexpr size_t kChunk = 50000;
  ParentMap parents;
  for (size_t begin = 0; begin < ids.size(); begin += kChunk) {
    const size_t end = std::min(ids.size(), begin + kChunk);
    // Ids never contain commas (validated), so a joined list is unambiguous.
    auto rows = conn.Exec(
        "SELECT account_id, COALESCE(parent_account_id, '') FROM accounts "
        "WHERE account_id = ANY(string_to_array($1, ','))",
        {absl::StrJoin(ids.begin() + begin, ids.begin() + end, ",")});
    if (!rows.ok()) return rows.status();
    for (int i = 0; i < rows->rows(); ++i) parents[rows->GetString(i, 0)] = rows->GetString(i, 1);
  }
  return parents;
}

std::string CoveredAccountsSql(int param) {
  return absl::StrCat(
      "SELECT aa.account_id FROM account_assignments aa "
      "JOIN seller_territory_assignments sta ON sta.territory_id = aa.territory_id "
      "WHERE aa.as_of = (SELECT max(as_of) FROM account_assignments WHERE as_of <= CURRENT_DATE) "
      "AND sta.seller_id = ANY(string_to_array($", param, ", ',')) "
      "AND sta.start_date <= CURRENT_DATE "
      "AND (sta.end_date IS NULL OR sta.end_date >= CURRENT_DATE)");
}

absl::StatusOr<bool> CoveredBySellers(db::PgConn& conn, const std::string& account_id,
                                      const std::string& seller_ids) {
  auto rows = conn.Exec(absl::StrCat("SELECT $1 IN (", CoveredAccountsSql(2), ")"),
                        {account_id, seller_ids});
  if (!rows.ok()) return rows.status();
  return rows->GetBool(0, 0);
}

absl::StatusOr<AccountPage> ListAccounts(db::PgConn& conn, const AccountFilter& filter,
                                         const std::string& after_id, int limit) {
  // The window count runs before the keyset cut, so total_size covers every page.
  std::string sql = absl::StrCat(
      "SELECT * FROM (SELECT ", kAccountColumns, ", count(*) OVER () FROM accounts a WHERE "
      "($1::text IS NULL OR a.display_name ILIKE $1) "
      "AND ($2::text IS NULL OR a.country = $2) "
      "AND ($3::text IS NULL OR a.region = $3) "
      "AND ($4::text IS NULL OR a.state = $4) "
      "AND ($5::text IS NULL OR a.industry = $5) "
      "AND ($6::text IS NULL OR a.segment = $6) "
      "AND ($7::text IS NULL OR a.parent_account_id = $7) "
      "AND ($10::text IS NULL OR a.account_id IN (", CoveredAccountsSql(10), "))"
      ") page WHERE page.account_id > $8 ORDER BY page.account_id LIMIT $9");
  auto rows = conn.Exec(
      sql, {filter.display_name_contains.empty()
                ? db::Param()
                : db::Param(catalog::LikePattern(filter.display_name_contains)),
            catalog::OptionalText(filter.country), catalog::OptionalText(filter.region), catalog::OptionalText(filter.state),
            catalog::OptionalText(filter.industry), catalog::OptionalText(filter.segment), catalog::OptionalText(filter.parent_id),
            after_id, absl::StrCat(limit + 1),
            filter.covered_by_sellers ? db::Param(*filter.covered_by_sellers) : db::Param()});
  if (!rows.ok()) return rows.status();
  AccountPage page;
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    page.accounts.push_back(RowToAccount(*rows, i));
    page.total = static_cast<int>(rows->GetInt64(i, kAccountColumnCount));
  }
  page.more = rows->rows() > limit;
  return page;
}

void AppendImportRow(const Account& account, catalog::CopyBuffer* buffer) {
  for (const db::Param& field : AccountParams(account)) {
    buffer->Field(field ? std::optional<std::string_view>(*field) : std::nullopt);
  }
  buffer->EndRow();
}

absl::StatusOr<catalog::MergeResult> MergeImport(db::PgConn& tx, const catalog::CopyBuffer& rows) {
  const catalog::MergeSpec spec{
      "account_import", "accounts", "account_id", kWritableColumns,
      absl::StrCat("INSERT INTO accounts AS a (", kWritableColumns, ") SELECT ",
      kWritableColumns,
      " FROM account_import ON CONFLICT (account_id) DO UPDATE SET "
      "display_name = EXCLUDED.display_name, parent_account_id = EXCLUDED.parent_account_id, "
      "country = EXCLUDED.country, region = EXCLUDED.region, state = EXCLUDED.state, "
      "postal_code = EXCLUDED.postal_code, industry = EXCLUDED.industry, "
      "segment = EXCLUDED.segment, employee_count = EXCLUDED.employee_count, "
      "annual_revenue = EXCLUDED.annual_revenue, potential = EXCLUDED.potential, "
      "workload = EXCLUDED.workload, currency = EXCLUDED.currency, "
      "attributes = EXCLUDED.attributes, locked = EXCLUDED.locked, "
      "revision = a.revision + 1, update_time = now() "
      "WHERE (a.display_name, a.parent_account_id, a.country, a.region, a.state, a.postal_code, "
      "a.industry, a.segment, a.employee_count, a.annual_revenue, a.potential, a.workload, "
      "a.currency, a.attributes, a.locked) IS DISTINCT FROM (EXCLUDED.display_name, "
      "EXCLUDED.parent_account_id, EXCLUDED.country, EXCLUDED.region, EXCLUDED.state, "
      "EXCLUDED.postal_code, EXCLUDED.industry, EXCLUDED.segment, EXCLUDED.employee_count, "
      "EXCLUDED.annual_revenue, EXCLUDED.potential, EXCLUDED.workload, EXCLUDED.currency, "
      "EXCLUDED.attributes, EXCLUDED.locked) "
      "RETURNING a.account_id")};
  return catalog::StageAndMerge(tx, rows, spec);
}

}  // namespace attain::planning::accounts::store
