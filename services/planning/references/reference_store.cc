#include "services/planning/references/reference_store.h"

#include "absl/strings/str_cat.h"
#include "services/planning/accounts/sql_params.h"

namespace attain::planning::references::store {
namespace {

// Table and key column are fixed strings chosen here, never caller input.
std::pair<const char*, const char*> TableAndKey(Table table) {
  switch (table) {
    case Table::kAccounts: return {"accounts", "account_id"};
    case Table::kProducts: return {"products", "product_id"};
    case Table::kSellers: return {"sellers", "seller_id"};
  }
  std::abort();  // every enumerator is handled above
}

}  // namespace

absl::StatusOr<std::vector<std::string>> MissingIds(db::PgConn& conn, Table table,
                                                    const std::vector<std::string>& ids) {
  std::vector<std::string> missing;
  if (ids.empty()) return missing;
  const auto [name, key] = TableAndKey(table);
  auto rows = conn.Exec(
      absl::StrCat("SELECT DISTINCT r.id FROM unnest($1::text[]) AS r(id) WHERE NOT EXISTS "
                   "(SELECT 1 FROM ", name, " t WHERE t.", key, " = r.id) ORDER BY r.id"),
      {catalog::TextArray(ids)});
  if (!rows.ok()) return rows.status();
  missing.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) missing.push_back(rows->GetString(i, 0));
  return missing;
}

}  // namespace attain::planning::references::store
