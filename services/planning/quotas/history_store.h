#pragma once
// Read-only SQL over account assignments, bookings, account potential and seller coverage
// that quota allocation, seller quotas and forecasts need. Territory sets are passed as ids
// (territory ids never contain ',').

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/seasonality.h"
#include "services/planning/quotas/plan_tree.h"

namespace attain::planning::quotas {

// The latest AssignAccounts run on or before `day`, restricted to `territory_ids`.
struct AccountAssignments {
  std::optional<absl::CivilDay> as_of;  // absent when no run exists
  std::vector<AccountTerritory> rows;
};
absl::StatusOr<AccountAssignments> LatestAccountAssignments(
    db::PgConn& conn, absl::CivilDay day, const std::vector<std::string>& territory_ids);

// Which bookings to sum: those of the accounts assigned (in run `as_of`) to `territory_ids`,
// within `window`, in `currency` ("" = any) and of `product_family` ("" = any). When
// `account_ids` is set, those accounts are taken instead of the run's (a scenario's rules
// evaluated in memory) and `as_of` and `territory_ids` are not used.
struct BookingScope {
  absl::CivilDay as_of;
  std::vector<std::string> territory_ids;
  dates::DateRange window;
  std::string currency;
  std::string product_family;
  std::optional<std::vector<std::string>> account_ids;
};
absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> BookingsByAccount(
    db::PgConn& conn, const BookingScope& scope);
absl::StatusOr<std::vector<quota::MonthlyTotal>> BookingsByMonth(db::PgConn& conn,
                                                                 const BookingScope& scope);
// The distinct currencies of the bookings in scope (ignoring scope.currency).
absl::StatusOr<std::vector<std::string>> BookingCurrencies(db::PgConn& conn,
                                                           const BookingScope& scope);

// Account potential (missing = 0) of the accounts assigned in run `as_of` to `territory_ids`.
absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> PotentialByAccount(
    db::PgConn& conn, absl::CivilDay as_of, const std::vector<std::string>& territory_ids);

// Potential (missing = 0) of the given accounts.
absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> PotentialOfAccounts(
    db::PgConn& conn, const std::vector<std::string>& account_ids);

// A seller's coverage of a territory (split as a fraction of 1).
struct Coverage {
  std::string seller_id;
  std::string territory_id;
  money::Decimal split;
  bool overlay = false;
  dates::DateRange active;
};
// Every assignment overlapping `range` of the territories any of `seller_ids` covers in it
// (so co-sellers come along and split checks see whole territories).
absl::StatusOr<std::vector<Coverage>> CoverageOfSellers(db::PgConn& conn,
                                                        const std::vector<std::string>& seller_ids,
                                                        const dates::DateRange& range);

}  // namespace attain::planning::quotas
