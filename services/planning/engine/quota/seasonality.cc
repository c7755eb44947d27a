#include "services/planning/engine/quota/seasonality.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/checked_math.h"
#include "services/planning/engine/quota/largest_remainder.h"

namespace attain::planning::quota {

using money::Decimal;

SeasonalityProfile FlatSeasonality(int period_count) {
  return SeasonalityProfile{std::vector<Decimal>(period_count, kOne)};
}

absl::StatusOr<SeasonalityProfile> SeasonalityFromHistory(
    const FiscalCalendar& calendar, const std::vector<MonthlyTotal>& history) {
  Violations violations;
  SeasonalityProfile profile{std::vector<Decimal>(calendar.PeriodsPerYear())};
  Checked c;
  for (size_t i = 0; i < history.size(); ++i) {
    if (history[i].total.IsNegative()) {
      violations.Add(Indexed("history", i) + ".total", "must not be negative");
      continue;
    }
    Decimal& slot = profile.weights[calendar.PeriodIndexOf(history[i].month)];
    slot = c.Add(slot, history[i].total);
  }
  if (!c.ok()) return c.status();
  if (violations.empty() && std::none_of(profile.weights.begin(), profile.weights.end(),
                                         [](Decimal w) { return w > Decimal(); })) {
    violations.Add("history", "must total a positive amount");
  }
  if (!violations.empty()) return violations.ToStatus();
  return profile;
}

void ValidateSeasonality(const SeasonalityProfile& profile, int period_count,
                         const std::string& field, Violations* violations) {
  if (static_cast<int>(profile.weights.size()) != period_count) {
    violations->Add(field + ".weights", absl::StrCat("needs one weight per period (", period_count,
                                                     "), got ", profile.weights.size()));
    return;
  }
  bool any_positive = false;
  for (size_t i = 0; i < profile.weights.size(); ++i) {
    if (profile.weights[i].IsNegative()) {
      violations->Add(Indexed(field + ".weights", i), "must not be negative");
    } else if (!profile.weights[i].IsZero()) {
      any_positive = true;
    }
  }
  if (!any_positive) violations->Add(field + ".weights", "must sum to a positive total");
}

absl::StatusOr<std::vector<Decimal>> SplitAcrossPeriods(Decimal annual,
                                                        const SeasonalityProfile& profile) {
  std::vector<int> rank(profile.weights.size());
  std::iota(rank.begin(), rank.end(), 0);
  return ApportionWholeUnits(annual, profile.weights, rank);
}

}  // namespace attain::planning::quota
