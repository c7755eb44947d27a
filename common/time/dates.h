#pragma once
// Calendar dates for effective dating (hire dates, reporting lines, as-of queries).
// Dates are absl::CivilDay; the wire and CSV form is ISO-8601 "YYYY-MM-DD".

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace attain::dates {

// Strict "YYYY-MM-DD" (no normalization: "2026-02-30" is an error). The error is
// INVALID_ARGUMENT naming `field`.
absl::StatusOr<absl::CivilDay> Parse(std::string_view text, std::string_view field);

// Empty text -> nullopt (open-ended); otherwise as Parse.
absl::StatusOr<std::optional<absl::CivilDay>> ParseOptional(std::string_view text,
                                                            std::string_view field);

std::string Format(absl::CivilDay day);
std::string FormatOptional(const std::optional<absl::CivilDay>& day);  // "" for nullopt

// Today in UTC.
absl::CivilDay TodayUtc();

// A closed interval [start, end]; end == nullopt means open-ended.
struct DateRange {
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
  bool Contains(absl::CivilDay day) const;
  bool Overlaps(const DateRange& other) const;
};

}  // namespace attain::dates
