#pragma once
// Calculation periods named by labels: "2026-10" (a month), "2026-Q4" (a fiscal quarter),
// "2026" (a fiscal year). Fiscal quarters and years start in the fiscal-year start month and
// are named after the calendar year in which the fiscal year ends (planning's quota plans
// use the same convention), so with a February start "2027-Q1" is Feb-Apr 2026.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calculation {

struct Period {
  std::string label;          // canonical ("2026-10", "2026-Q4", "2026")
  plan::PeriodType type = plan::PeriodType::kMonthly;
  absl::CivilDay first;       // inclusive
  absl::CivilDay last;        // inclusive
  absl::CivilDay year_start;  // first day of the fiscal year containing the period
};

// INVALID_ARGUMENT naming `field` when the label is not one of the three forms or the year
// is outside 2000-2100. `fiscal_year_start_month` is 1..12.
absl::StatusOr<Period> ParsePeriod(std::string_view label, int fiscal_year_start_month,
                                   std::string_view field = "period");

// The label of the period of `type` containing `day` ("2026-10", "2027-Q1", "2027").
std::string LabelContaining(absl::CivilDay day, plan::PeriodType type, int fiscal_year_start_month);

// The period of the same kind just before `period` (INVALID_ARGUMENT before the year 2000).
absl::StatusOr<Period> PeriodBefore(const Period& period, int fiscal_year_start_month);

}  // namespace attain::compensation::calculation
