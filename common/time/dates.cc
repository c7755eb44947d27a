#include "common/time/dates.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace attain::dates {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads text[pos, pos+len) as decimal digits; the caller has checked they are digits.
int Digits(std::string_view text, size_t pos, size_t len) {
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

absl::StatusOr<absl::CivilDay> Parse(std::string_view text, std::string_view field) {
  // Hand-rolled rather than absl::ParseCivilTime, which accepts "2026-2-3" and
  // normalizes "2026-02-30" to March 2nd: an effective date must mean exactly what it says.
  const bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        IsDigit(text[0]) && IsDigit(text[1]) && IsDigit(text[2]) &&
                        IsDigit(text[3]) && IsDigit(text[5]) && IsDigit(text[6]) &&
                        IsDigit(text[8]) && IsDigit(text[9]);
  if (!shape_ok) {
    return absl::InvalidArgumentError(std::string(field) + ": must be a date YYYY-MM-DD");
  }
  const int year = Digits(text, 0, 4);
  const int month = Digits(text, 5, 2);
  const int day = Digits(text, 8, 2);
  const absl::CivilDay parsed(year, month, day);
  // CivilDay normalizes out-of-range fields, so a round trip that changes them means the
  // calendar has no such day.
  if (year == 0 || parsed.year() != year || parsed.month() != month || parsed.day() != day) {
    return absl::InvalidArgumentError(
        std::string(field) + ": must be a date YYYY-MM-DD that exists in the calendar");
  }
  return parsed;
}

absl::StatusOr<std::optional<absl::CivilDay>> ParseOptional(std::string_view text,
                                                            std::string_view field) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  absl::StatusOr<absl::CivilDay> day = Parse(text, field);
  if (!day.ok()) return day.status();
  return std::optional<absl::CivilDay>(*day);
}

std::string Format(absl::CivilDay day) {
  // Explicit zero padding: absl's "%Y" would print year 5 as "5", which Parse rejects.
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string FormatOptional(const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? Format(*day) : std::string();
}

absl::CivilDay TodayUtc() { return absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()); }

bool DateRange::Contains(absl::CivilDay day) const {
  return day >= start && (!end.has_value() || day <= *end);
}

bool DateRange::Overlaps(const DateRange& other) const {
  // Closed intervals overlap unless one ends strictly before the other starts.
  const bool this_ends_before = end.has_value() && *end < other.start;
  const bool other_ends_before = other.end.has_value() && *other.end < start;
  return !this_ends_before && !other_ends_before;
}

}  // namespace attain::dates
