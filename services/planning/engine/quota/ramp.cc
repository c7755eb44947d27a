#include "services/planning/engine/quota/ramp.h"

#include <algorithm>

#include "services/planning/engine/quota/checked_math.h"

namespace attain::planning::quota {

using money::Decimal;

void ValidateRamp(const RampSchedule& ramp, const std::string& field, Violations* violations) {
  for (size_t i = 0; i < ramp.by_tenure_month.size(); ++i) {
    const Decimal value = ramp.by_tenure_month[i];
    if (value.IsNegative() || value > kOne) {
      violations->Add(Indexed(field + ".by_tenure_month", i),
                      "must be within 0..1 (0..100 %), got " + value.ToString());
    }
  }
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  const int month_length = static_cast<int>(absl::CivilDay(target + 1) - absl::CivilDay(target));
  return absl::CivilDay(target.year(), target.month(), std::min(day.day(), month_length));
}

int TenureMonth(absl::CivilDay hire, absl::CivilDay day) {
  if (day < hire) return 0;
  // The calendar-month distance is right or one too many (when `day` falls before the
  // hire's day of month); one comparison settles it.
  int n = static_cast<int>(absl::CivilMonth(day) - absl::CivilMonth(hire)) + 1;
  if (day < AddMonths(hire, n - 1)) --n;
  return n;
}

int MonthsToFullRamp(const RampSchedule& ramp) {
  for (int n = static_cast<int>(ramp.by_tenure_month.size()); n > 0; --n) {
    if (ramp.by_tenure_month[n - 1] < kOne) return n;
  }
  return 0;
}

absl::StatusOr<Decimal> RampedDays(const RampSchedule& ramp, absl::CivilDay hire,
                                   absl::CivilDay first, absl::CivilDay last) {
  first = std::max(first, hire);
  if (last < first) return Decimal();
  Checked c;
  Decimal sum;
  const int ramp_months = MonthsToFullRamp(ramp);
  // Walk the tenure months that overlap [first, last]; from the first fully ramped month on,
  // every remaining day counts 1.
  for (int n = TenureMonth(hire, first); first <= last; ++n) {
    if (n > ramp_months) {
      sum = c.Add(sum, Units(last - first + 1));
      break;
    }
    const absl::CivilDay segment_end = std::min(last, AddMonths(hire, n) - 1);
    sum = c.Add(sum, c.Mul(Units(segment_end - first + 1), ramp.by_tenure_month[n - 1]));
    first = segment_end + 1;
  }
  if (!c.ok()) return c.status();
  return sum;
}

}  // namespace attain::planning::quota
