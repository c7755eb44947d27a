#pragma once
// New-hire ramp: the share of full productivity (and of full quota) by month of tenure.
//
// Tenure month n (n >= 1) of a seller hired on day H covers the days
//   [AddMonths(H, n - 1), AddMonths(H, n))
// where AddMonths keeps H's day of month, clamped to the target month's last day. Hired
// 2026-02-15: month 1 = 02-15..03-14, month 2 = 03-15..04-14, ... Hired 2026-01-31: month 2
// starts 02-28, month 3 starts 03-31 (always clamped from H, never chained).
// by_tenure_month[n-1] applies in tenure month n; months past the schedule are 100 %.
// Days before the hire date count zero.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/validation.h"

namespace attain::planning::quota {

struct RampSchedule {
  std::vector<money::Decimal> by_tenure_month;  // fractions 0..1: {0.25, 0.5, 0.75, 1}
};

// Adds "<field>.by_tenure_month[i]" for values outside 0..1.
void ValidateRamp(const RampSchedule& ramp, const std::string& field, Violations* violations);

// H + n months, day of month clamped to the target month's length.
absl::CivilDay AddMonths(absl::CivilDay day, int months);

// Tenure month (1-based) of `day` for a hire on `hire`; 0 before the hire date.
int TenureMonth(absl::CivilDay hire, absl::CivilDay day);

// Months until fully productive: the last tenure month whose ramp is below 1 (0 if none).
int MonthsToFullRamp(const RampSchedule& ramp);

// The sum over the days d in [first, last] of ramp(d): a day-weighted count of ramped days
// (a full-ramp day counts 1, a 25 % day 0.25, a day before `hire` 0). Exact in Decimal.
absl::StatusOr<money::Decimal> RampedDays(const RampSchedule& ramp, absl::CivilDay hire,
                                          absl::CivilDay first, absl::CivilDay last);

}  // namespace attain::planning::quota
