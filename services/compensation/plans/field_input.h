#pragma once
// Field-level decoding shared by the plan and assignment inputs: decimal text, dates, ids and
// enums, each adding a violation named after its request field and returning nullopt on error.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"

namespace attain::compensation::plans {

using Violations = std::vector<errors::FieldViolation>;

// At most this many entries in any list of a plan version (measures, tiers, gates, ...).
inline constexpr int kMaxListSize = 100;
// At most this many values in a filter's product or family list.
inline constexpr int kMaxFilterValues = 1000;
inline constexpr size_t kMaxIdLength = 64;
inline constexpr size_t kMaxDisplayNameLength = 200;

// "tiers", 2 -> "tiers[2]".
std::string Indexed(const std::string& field, int index);

// 1-64 letters, digits, '-', '_' or '.' (plan, assignment, seller and product ids).
bool IsResourceId(std::string_view id);
inline constexpr char kResourceIdRule[] = "1-64 letters, digits, '-', '_' or '.'";

// A lower-case letter, then lower-case letters, digits or '_'; at most 64 characters. Measure,
// parameter and component ids, which expressions name ("earnings.new_logo").
bool IsIdentifier(std::string_view id);
inline constexpr char kIdentifierRule[] =
    "must be a lower-case identifier: a letter, then letters, digits or '_' (at most 64)";

// Decimal text; empty -> `empty_value` when given, else "is required".
std::optional<money::Decimal> ParseDecimal(const std::string& text, const std::string& field,
                                           Violations* violations,
                                           std::optional<money::Decimal> empty_value = {});

// As ParseDecimal, and not negative.
std::optional<money::Decimal> ParseNonNegative(const std::string& text, const std::string& field,
                                               Violations* violations,
                                               std::optional<money::Decimal> empty_value = {});

// As ParseDecimal, and greater than 0.
std::optional<money::Decimal> ParsePositive(const std::string& text, const std::string& field,
                                            Violations* violations);

// "YYYY-MM-DD", required.
std::optional<absl::CivilDay> ParseDate(const std::string& text, const std::string& field,
                                        Violations* violations);

// Adds "must not be before <start_name> (<start>)" on `end_field` when end < start.
void CheckDateOrder(absl::CivilDay start, absl::CivilDay end, const std::string& start_name,
                    const std::string& end_field, Violations* violations);

// Adds "at most <limit> entries" on `field` when size > limit.
void CheckListSize(int size, int limit, const std::string& field, Violations* violations);

}  // namespace attain::compensation::plans
