#include "services/compensation/plans/field_input.h"

#include "common/errors/decimal_field.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/time/dates.h"

namespace attain::compensation::plans {

using money::Decimal;

std::string Indexed(const std::string& field, int index) {
  return absl::StrCat(field, "[", index, "]");
}

bool IsResourceId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool IsIdentifier(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || !absl::ascii_islower(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_islower(static_cast<unsigned char>(c)) ||
           absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::optional<Decimal> ParseDecimal(const std::string& text, const std::string& field,
                                    Violations* violations, std::optional<Decimal> empty_value) {
  return errors::ParseDecimalField(text, field, violations, empty_value);
}

std::optional<Decimal> ParseNonNegative(const std::string& text, const std::string& field,
                                        Violations* violations,
                                        std::optional<Decimal> empty_value) {
  auto value = ParseDecimal(text, field, violations, empty_value);
  if (value && value->IsNegative()) {
    violations->push_back({field, "must not be negative"});
    return std::nullopt;
  }
  return value;
}

std::optional<Decimal> ParsePositive(const std::string& text, const std::string& field,
                                     Violations* violations) {
  auto value = ParseDecimal(text, field, violations);
  if (value && (value->IsNegative() || value->IsZero())) {
    violations->push_back({field, "must be greater than 0"});
    return std::nullopt;
  }
  return value;
}

std::optional<absl::CivilDay> ParseDate(const std::string& text, const std::string& field,
                                        Violations* violations) {
  if (text.empty()) {
    violations->push_back({field, "is required"});
    return std::nullopt;
  }
  auto day = dates::Parse(text, field);
  if (!day.ok()) {
    // dates::Parse says "<field>: <why>"; the violation carries the field separately.
    std::string message(day.status().message());
    violations->push_back({field, message.substr(std::min(message.size(), field.size() + 2))});
    return std::nullopt;
  }
  return *day;
}

void CheckDateOrder(absl::CivilDay start, absl::CivilDay end, const std::string& start_name,
                    const std::string& end_field, Violations* violations) {
  if (end < start) {
    violations->push_back({end_field, absl::StrCat("must not be before ", start_name, " (",
                                                   dates::Format(start), ")")});
  }
}

void CheckListSize(int size, int limit, const std::string& field, Violations* violations) {
  if (size > limit) violations->push_back({field, absl::StrCat("at most ", limit, " entries")});
}

}  // namespace attain::compensation::plans
