#include "services/planning/crediting/crediting_export.h"

#include <algorithm>
#include <tuple>

#include "services/planning/crediting/crediting_store.h"
#include "services/planning/crediting/intervals.h"

namespace attain::planning::crediting {
namespace {

// The account territories of `range` from the stored AssignAccounts runs.
absl::StatusOr<std::vector<AccountTerritoryRecord>> AccountTerritories(db::PgConn& tx,
                                                                       const DaySpan& range) {
  auto all_runs = store::RunDates(tx);
  if (!all_runs.ok()) return all_runs.status();
  std::vector<absl::CivilDay> runs = DecidingRuns(range, *all_runs);
  if (runs.empty()) return std::vector<AccountTerritoryRecord>{};
  const absl::CivilDay first_run = runs.front();
  const absl::CivilDay last_run = runs.back();
  AccountTerritoryIntervals intervals(range, std::move(runs));
  auto read = store::ForEachAssignment(tx, first_run, last_run, [&](const store::AssignmentRow& row) {
    return intervals.Add(row.account_id, row.territory_type, row.territory_id, row.as_of);
  });
  if (!read.ok()) return read;
  return std::move(intervals).Finish();
}

}  // namespace

void SortRecords(CreditingData& data) {
  std::sort(data.sellers.begin(), data.sellers.end(),
            [](const SellerRecord& a, const SellerRecord& b) { return a.seller_id < b.seller_id; });
  std::sort(data.lines.begin(), data.lines.end(), [](const LineRecord& a, const LineRecord& b) {
    return std::tie(a.seller_id, a.when.first) < std::tie(b.seller_id, b.when.first);
  });
  std::sort(data.account_territories.begin(), data.account_territories.end(),
            [](const AccountTerritoryRecord& a, const AccountTerritoryRecord& b) {
              return std::tie(a.account_id, a.territory_type, a.when.first) <
                     std::tie(b.account_id, b.territory_type, b.when.first);
            });
  std::sort(data.coverage.begin(), data.coverage.end(),
            [](const CoverageRecord& a, const CoverageRecord& b) {
              return std::tie(a.territory_id, a.seller_id, a.role, a.when.first) <
                     std::tie(b.territory_id, b.seller_id, b.role, b.when.first);
            });
  std::sort(data.products.begin(), data.products.end(),
            [](const ProductRecord& a, const ProductRecord& b) { return a.product_id < b.product_id; });
}

absl::StatusOr<CreditingData> ReadCreditingData(db::PgPool& pool, const DaySpan& range) {
  CreditingData data;
  absl::Status read = db::InTransaction(pool, [&](db::PgConn& tx) -> absl::Status {
    data = CreditingData();  // a retried attempt starts over
    if (auto s = store::BeginSnapshot(tx); !s.ok()) return s;
    auto sequence = store::LastSequence(tx);
    if (!sequence.ok()) return sequence.status();
    data.sequence = *sequence;
    auto sellers = store::Sellers(tx, range);
    if (!sellers.ok()) return sellers.status();
    data.sellers = *std::move(sellers);
    auto lines = store::ReportingLines(tx, range);
    if (!lines.ok()) return lines.status();
    data.lines = *std::move(lines);
    auto territories = AccountTerritories(tx, range);
    if (!territories.ok()) return territories.status();
    data.account_territories = *std::move(territories);
    auto coverage = store::Coverage(tx, range);
    if (!coverage.ok()) return coverage.status();
    data.coverage = *std::move(coverage);
    auto products = store::Products(tx);
    if (!products.ok()) return products.status();
    data.products = *std::move(products);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  SortRecords(data);
  return data;
}

}  // namespace attain::planning::crediting
