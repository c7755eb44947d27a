#include "services/compensation/calculation/period_label.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors/errors.h"

namespace attain::compensation::calculation {
namespace {

constexpr char kForms[] = "a month \"2026-10\", a quarter \"2026-Q4\" or a year \"2026\"";

bool ParseNumber(std::string_view text, size_t digits, int* out) {
  if (text.size() != digits) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return absl::SimpleAtoi(std::string(text), out);
}

// The first day of fiscal year `year` (named after the calendar year it ends in).
absl::CivilDay FiscalYearStart(int year, int start_month) {
  return absl::CivilDay(start_month == 1 ? year : year - 1, start_month, 1);
}

absl::CivilDay LastDayOfMonthsFrom(absl::CivilDay first, int months) {
  const absl::CivilMonth end = absl::CivilMonth(first) + months;
  return absl::CivilDay(end) - 1;
}

}  // namespace

absl::StatusOr<Period> ParsePeriod(std::string_view label, int fiscal_year_start_month,
                                   std::string_view field) {
  auto invalid = [&] {
    return errors::InvalidField(field, absl::StrCat("\"", std::string(label), "\" is not ", kForms,
                                                    " (years 2000-2100)"));
  };
  if (fiscal_year_start_month < 1 || fiscal_year_start_month > 12) {
    return absl::InternalError("fiscal-year start month must be 1..12");
  }
  int year = 0;
  if (label.size() < 4 || !ParseNumber(label.substr(0, 4), 4, &year) || year < 2000 ||
      year > 2100) {
    return invalid();
  }
  Period period;
  const std::string_view rest = label.substr(4);
  if (rest.empty()) {
    period.type = plan::PeriodType::kAnnual;
    period.first = FiscalYearStart(year, fiscal_year_start_month);
    period.last = LastDayOfMonthsFrom(period.first, 12);
    period.label = absl::StrFormat("%04d", year);
  } else if (rest.size() == 3 && rest.substr(0, 2) == "-Q") {
    int quarter = 0;
    if (!ParseNumber(rest.substr(2), 1, &quarter) || quarter < 1 || quarter > 4) return invalid();
    period.type = plan::PeriodType::kQuarterly;
    period.first = absl::CivilDay(absl::CivilMonth(FiscalYearStart(year, fiscal_year_start_month)) +
                                  3 * (quarter - 1));
    period.last = LastDayOfMonthsFrom(period.first, 3);
    period.label = absl::StrFormat("%04d-Q%d", year, quarter);
  } else if (rest.size() == 3 && rest[0] == '-') {
    int month = 0;
    if (!ParseNumber(rest.substr(1), 2, &month) || month < 1 || month > 12) return invalid();
    period.type = plan::PeriodType::kMonthly;
    period.first = absl::CivilDay(year, month, 1);
    period.last = LastDayOfMonthsFrom(period.first, 1);
    period.label = absl::StrFormat("%04d-%02d", year, month);
  } else {
    return invalid();
  }
  // The fiscal year containing the period: the latest fiscal-year start on or before it.
  absl::CivilDay start(period.first.year(), fiscal_year_start_month, 1);
  if (start > period.first) start = absl::CivilDay(period.first.year() - 1, fiscal_year_start_month, 1);
  period.year_start = start;
  return period;
}

std::string LabelContaining(absl::CivilDay day, plan::PeriodType type, int fiscal_year_start_month) {
  if (type == plan::PeriodType::kMonthly) {
    return absl::StrFormat("%04d-%02d", day.year(), day.month());
  }
  // Fiscal years are named after the calendar year they end in.
  const int months_in = static_cast<int>((day.month() - fiscal_year_start_month + 12) % 12);
  const absl::CivilMonth year_end = absl::CivilMonth(day) - months_in + 11;
  const int year = static_cast<int>(year_end.year());
  if (type == plan::PeriodType::kAnnual) return absl::StrFormat("%04d", year);
  return absl::StrFormat("%04d-Q%d", year, months_in / 3 + 1);
}

absl::StatusOr<Period> PeriodBefore(const Period& period, int fiscal_year_start_month) {
  return ParsePeriod(LabelContaining(period.first - 1, period.type, fiscal_year_start_month),
                     fiscal_year_start_month);
}

}  // namespace attain::compensation::calculation
