#include "services/planning/engine/quota/fiscal_calendar.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/validation.h"

namespace attain::planning::quota {

absl::StatusOr<FiscalCalendar> FiscalCalendar::Create(int start_month, PeriodType period_type) {
  if (start_month < 1 || start_month > 12) {
    Violations violations;
    violations.Add("fiscal_year_start_month", absl::StrCat("must be 1..12, got ", start_month));
    return violations.ToStatus();
  }
  return FiscalCalendar(start_month, period_type);
}

absl::CivilDay FiscalCalendar::YearStart(int fiscal_year) const {
  // Named after the calendar year it ends in, so a non-January year starts the year before.
  const int calendar_year = start_month_ == 1 ? fiscal_year : fiscal_year - 1;
  return absl::CivilDay(calendar_year, start_month_, 1);
}

absl::CivilDay FiscalCalendar::YearEnd(int fiscal_year) const {
  return YearStart(fiscal_year + 1) - 1;
}

int FiscalCalendar::FiscalYearOf(absl::CivilDay day) const {
  const int year = static_cast<int>(day.year());
  if (start_month_ == 1) return year;
  return day.month() >= start_month_ ? year + 1 : year;
}

int FiscalCalendar::FiscalMonthIndex(absl::CivilMonth month) const {
  return (month.month() - start_month_ + 12) % 12;
}

int FiscalCalendar::PeriodIndexOf(absl::CivilMonth month) const {
  const int index = FiscalMonthIndex(month);
  return period_type_ == PeriodType::kMonthly ? index : index / 3;
}

std::vector<FiscalPeriod> FiscalCalendar::Periods(int fiscal_year) const {
  const int months_per_period = period_type_ == PeriodType::kMonthly ? 1 : 3;
  const absl::CivilMonth first(YearStart(fiscal_year));
  std::vector<FiscalPeriod> periods;
  periods.reserve(PeriodsPerYear());
  for (int i = 0; i < PeriodsPerYear(); ++i) {
    const absl::CivilMonth begin = first + i * months_per_period;
    const absl::CivilMonth next = begin + months_per_period;
    char label[32];
    if (period_type_ == PeriodType::kMonthly) {
      std::snprintf(label, sizeof label, "FY%d-M%02d", fiscal_year, i + 1);
    } else {
      std::snprintf(label, sizeof label, "FY%d-Q%d", fiscal_year, i + 1);
    }
    periods.push_back(FiscalPeriod{i, absl::CivilDay(begin), absl::CivilDay(next) - 1, label});
  }
  return periods;
}

dates::DateRange FiscalCalendar::HistoryWindow(HistoryBasis basis, int fiscal_year,
                                               absl::CivilDay as_of) const {
  if (basis == HistoryBasis::kPriorFiscalYear) {
    return dates::DateRange{YearStart(fiscal_year - 1), YearEnd(fiscal_year - 1)};
  }
  const absl::CivilMonth current(as_of);
  return dates::DateRange{absl::CivilDay(current - 12), absl::CivilDay(current) - 1};
}

}  // namespace attain::planning::quota
