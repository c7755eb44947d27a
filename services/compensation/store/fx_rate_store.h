#pragma once
// SQL for the compensation schema's fx_rates table.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/compensation/fx/fx_rate.h"

namespace attain::compensation::store {

struct UpsertCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// Creates or replaces each (from, to, month) in one statement; an equal rate is left alone.
// `rates` has no two entries with the same key.
absl::StatusOr<UpsertCounts> UpsertFxRates(db::PgConn& tx, const std::vector<fx::FxRate>& rates);

struct FxRateFilter {
  std::string from_currency;
  std::string to_currency;
  std::optional<absl::CivilMonth> start_month;
  std::optional<absl::CivilMonth> end_month;
};

struct FxRateKey {
  std::string from_currency;
  std::string to_currency;
  absl::CivilMonth month;
};

struct FxRatePage {
  std::vector<fx::FxRate> rates;
  int total = 0;
  bool more = false;
};

// Rates ordered by (from, to, month), strictly after `after`, at most `limit`.
absl::StatusOr<FxRatePage> ListFxRates(db::PgConn& conn, const FxRateFilter& filter,
                                       const std::optional<FxRateKey>& after, int limit);

}  // namespace attain::compensation::store
