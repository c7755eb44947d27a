#pragma once
// Fiscal years and their planning periods. A fiscal year starts on the first day of its
// start month and is named after the calendar year in which it ENDS: with a February
// start, FY2027 runs 2026-02-01..2027-01-31; with a January start, FY2026 is calendar 2026.
// Periods are whole months ("FY2027-M01".."FY2027-M12") or quarters of three fiscal months
// ("FY2027-Q1".."FY2027-Q4"); their date ranges are closed [start, end].

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/time/dates.h"

namespace attain::planning::quota {

enum class PeriodType { kMonthly, kQuarterly };

struct FiscalPeriod {
  int index = 0;  // 0-based within the fiscal year
  absl::CivilDay start;
  absl::CivilDay end;  // inclusive
  std::string label;
  int64_t Days() const { return end - start + 1; }
};

// Where historical-share weights come from; the caller sums bookings over the window.
enum class HistoryBasis { kPriorFiscalYear, kTrailingTwelveMonths };

class FiscalCalendar {
 public:
  // start_month 1..12, else INVALID_ARGUMENT naming "fiscal_year_start_month".
  static absl::StatusOr<FiscalCalendar> Create(int start_month, PeriodType period_type);

  int start_month() const { return start_month_; }
  PeriodType period_type() const { return period_type_; }
  int PeriodsPerYear() const { return period_type_ == PeriodType::kMonthly ? 12 : 4; }

  absl::CivilDay YearStart(int fiscal_year) const;
  absl::CivilDay YearEnd(int fiscal_year) const;
  int FiscalYearOf(absl::CivilDay day) const;
  // 0..11: the month's position in its fiscal year.
  int FiscalMonthIndex(absl::CivilMonth month) const;
  // 0..PeriodsPerYear()-1: the period of its fiscal year that contains `month`.
  int PeriodIndexOf(absl::CivilMonth month) const;
  std::vector<FiscalPeriod> Periods(int fiscal_year) const;

  // The dates whose bookings weight a historical-share allocation for `fiscal_year`:
  // the whole prior fiscal year, or the 12 whole months before the month of `as_of`.
  dates::DateRange HistoryWindow(HistoryBasis basis, int fiscal_year, absl::CivilDay as_of) const;

 private:
  FiscalCalendar(int start_month, PeriodType period_type)
      : start_month_(start_month), period_type_(period_type) {}
  int start_month_;
  PeriodType period_type_;
};

}  // namespace attain::planning::quota
