#pragma once
// How a node's annual amount spreads over the periods of the fiscal year. A profile is one
// non-negative weight per period with a positive total; only the ratios matter. Splitting
// uses largest remainder, so the whole-unit period amounts sum exactly to the annual.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/validation.h"

namespace attain::planning::quota {

struct SeasonalityProfile {
  std::vector<money::Decimal> weights;  // one per period, in fiscal order
};

struct MonthlyTotal {
  absl::CivilMonth month;
  money::Decimal total;  // bookings in that month, >= 0
};

// Equal weights: every period gets the same share (up to largest-remainder units).
SeasonalityProfile FlatSeasonality(int period_count);

// Weights = history summed by fiscal month (months of several years add up), then by
// period for a quarterly calendar. Violations: "history[i].total" negative, "history"
// empty or totalling zero.
absl::StatusOr<SeasonalityProfile> SeasonalityFromHistory(const FiscalCalendar& calendar,
                                                          const std::vector<MonthlyTotal>& history);

// Adds violations under `field` ("seasonality"): wrong number of weights, a negative
// weight ("seasonality.weights[3]"), or a total that is not positive.
void ValidateSeasonality(const SeasonalityProfile& profile, int period_count,
                         const std::string& field, Violations* violations);

// The whole-unit split of `annual` (whole units >= 0) over the profile's periods; the
// earlier period wins a largest-remainder tie. The profile must be valid.
absl::StatusOr<std::vector<money::Decimal>> SplitAcrossPeriods(money::Decimal annual,
                                                               const SeasonalityProfile& profile);

}  // namespace attain::planning::quota
