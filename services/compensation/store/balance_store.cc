#include "services/compensation/store/balance_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {

absl::StatusOr<std::vector<std::pair<std::string, money::Decimal>>> LoadOpeningBalances(
    db::PgConn& tx, const std::string& period) {
  // Labels of one kind sort in time order byte-wise ("2026-09" < "2026-10", "2026-Q4" <
  // "2027-Q1"); a kind is its length and whether it names a quarter.
  auto rows = tx.Exec(
      "SELECT DISTINCT ON (s.seller_id) s.seller_id, encode(s.body, 'hex') "
      "FROM calc_periods p JOIN statements s ON s.run_id = p.published_run_id "
      "WHERE p.period COLLATE \"C\" < $1 AND length(p.period) = length($1) "
      "AND (strpos(p.period, 'Q') > 0) = (strpos($1, 'Q') > 0) "
      "ORDER BY s.seller_id, p.period COLLATE \"C\" DESC",
      {period});
  if (!rows.ok()) return rows.status();
  std::vector<std::pair<std::string, money::Decimal>> balances;
  for (int i = 0; i < rows->rows(); ++i) {
    compensation::v1::Statement statement;
    if (!statement.ParseFromString(BytesFromHex(rows->Get(i, 1)))) {
      return absl::InternalError(absl::StrCat("the stored statement of ", rows->GetString(i, 0),
                                              " is unreadable"));
    }
    if (!statement.has_balance()) continue;
    auto closing = money::Decimal::Parse(statement.balance().closing());
    if (!closing.ok()) return closing.status();
    if (!closing->IsZero()) balances.emplace_back(rows->GetString(i, 0), *closing);
  }
  // DISTINCT ON ordered by the database's collation; the run wants byte order.
  std::sort(balances.begin(), balances.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return balances;
}

}  // namespace attain::compensation::store
