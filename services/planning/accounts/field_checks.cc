#include "services/planning/accounts/field_checks.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/time/dates.h"

namespace attain::planning::catalog {
namespace {

constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxReportedViolations = 200;

}  // namespace

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

void FieldChecker::Add(const std::string& field, const std::string& description) {
  out_->push_back({absl::StrCat(prefix_, ".", field), description});
}

std::string FieldChecker::Id(const std::string& field, const std::string& text) {
  if (!IsValidId(text)) Add(field, "is required: 1-64 letters, digits, '-', '_' or '.'");
  return text;
}

std::string FieldChecker::Text(const std::string& field, const std::string& text, bool required,
                               size_t max_length) {
  std::string value(absl::StripAsciiWhitespace(text));
  if (required && value.empty()) {
    Add(field, absl::StrCat("is required (at most ", max_length, " characters)"));
  } else if (value.size() > max_length) {
    Add(field, absl::StrCat("must be at most ", max_length, " characters"));
  }
  return value;
}

std::string FieldChecker::Currency(const std::string& field, const std::string& text,
                                   bool required) {
  if (text.empty() && !required) return text;
  if (!money::IsCurrencyCode(text)) Add(field, "must be an ISO-4217 code such as USD");
  return text;
}

std::optional<money::Decimal> FieldChecker::Amount(const std::string& field,
                                                   const std::string& text, bool required,
                                                   bool non_negative) {
  if (text.empty()) {
    if (required) Add(field, "is required (a decimal such as 1250.50)");
    return std::nullopt;
  }
  auto value = money::Decimal::Parse(text);
  if (!value.ok()) {
    Add(field, "must be a decimal with at most 6 fractional digits, such as 1250.50");
    return std::nullopt;
  }
  if (non_negative && value->IsNegative()) {
    Add(field, "must not be negative");
    return std::nullopt;
  }
  return *value;
}

std::optional<absl::CivilDay> FieldChecker::Day(const std::string& field,
                                                const std::string& text) {
  if (text.empty()) {
    Add(field, "is required (YYYY-MM-DD)");
    return std::nullopt;
  }
  auto day = dates::Parse(text, field);
  if (!day.ok()) {
    Add(field, "must be a calendar date YYYY-MM-DD");
    return std::nullopt;
  }
  return *day;
}

absl::Status RejectFields(std::vector<errors::FieldViolation> violations) {
  if (violations.size() > kMaxReportedViolations) violations.resize(kMaxReportedViolations);
  return errors::InvalidFields(std::move(violations));
}

absl::StatusOr<std::string> IdFromName(const std::string& name, const std::string& collection,
                                       const std::string& field) {
  const std::string prefix = collection + "/";
  const std::string message = absl::StrCat("must be a resource name ", collection, "/{id}");
  if (!absl::StartsWith(name, prefix)) return errors::InvalidField(field, message);
  std::string id = name.substr(prefix.size());
  if (!IsValidId(id)) return errors::InvalidField(field, message);
  return id;
}

}  // namespace attain::planning::catalog
