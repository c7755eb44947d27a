#pragma once
// Capacity planning: can the sales force we have (and plan to hire) carry the quota?
// Month by month, for every cohort c of reps (count n, start day S, role productivity P):
//
//   e(m)        = m - max(M0, month(S))            months of attrition so far (M0 = first
//                                                   plan month); the cohort is absent before S
//   survivors(m) = n * (1 - a)^e(m)                 a = monthly attrition; fractional is fine
//   capacity(m)  = P * survivors(m) * RampedDays(S, m) / days(m)
//
// capacity(p) sums its months and cohorts; gap(p) = target(p) - capacity(p). A shortfall is
// closed by hires who are fully ramped during p: they start on the first day of
//   start(p) = first month of p - MonthsToFullRamp(ramp)
// and their requisitions open `hiring_lead_time_months` before that. Periods are taken in
// order; hires recommended for earlier periods count toward later ones:
//   hires_needed(p) = max(0, gap(p) - recommended_capacity(p)) / capacity of one such hire in p
// All arithmetic is Decimal (6 decimals, half-even at each step); see docs/engines/quota.md.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/ramp.h"

namespace attain::planning::quota {

struct HeadcountCohort {
  std::string role;
  absl::CivilDay start_date;  // may be long past: the ramp then is complete
  money::Decimal count;
};

struct PlannedHire {
  absl::CivilMonth month;  // starts on the first day of the month
  std::string role;
  money::Decimal count;
};

struct RoleProductivity {
  std::string role;
  money::Decimal per_rep_per_month;  // bookings of one fully ramped rep in one month
};

struct CapacityRequest {
  std::vector<FiscalPeriod> periods;    // consecutive whole months, e.g. FiscalCalendar::Periods
  std::vector<money::Decimal> targets;  // quota target per period
  std::vector<HeadcountCohort> headcount;
  std::vector<PlannedHire> planned_hires;
  RampSchedule ramp;
  money::Decimal monthly_attrition;  // fraction 0..1 of reps leaving each month
  std::vector<RoleProductivity> productivity;
  std::string hire_role;            // the role recommended hires are for
  int hiring_lead_time_months = 0;  // requisition opened -> start date
};

struct CapacityPeriod {
  std::string label;
  money::Decimal target;
  money::Decimal headcount;             // survivors in the period's last month (current + planned)
  money::Decimal capacity;              // ramp-weighted, current + planned reps
  money::Decimal gap;                   // target - capacity; positive is a shortfall
  money::Decimal recommended_capacity;  // from hires recommended for earlier periods
  money::Decimal hires_needed;          // more hire_role reps starting in hires_start_month
  absl::CivilMonth hires_start_month;   // when such hires must start (even if none needed)
  absl::CivilMonth requisition_month;   // hires_start_month - hiring lead time
  bool achievable = true;               // requisition_month is not before the plan's first month
};

absl::StatusOr<std::vector<CapacityPeriod>> PlanCapacity(const CapacityRequest& request);

}  // namespace attain::planning::quota
