#include "services/planning/org/seller_validation.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/money/decimal.h"

namespace attain::planning::org {
namespace {

constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxTitleLength = 100;
constexpr size_t kMaxEmailLength = 254;

class Violations {
 public:
  Violations(std::string prefix, std::vector<errors::FieldViolation>* out)
      : prefix_(std::move(prefix)), out_(out) {}
  void Add(const std::string& field, const std::string& description) {
    out_->push_back({absl::StrCat(prefix_, ".", field), description});
  }

 private:
  std::string prefix_;
  std::vector<errors::FieldViolation>* out_;
};

std::optional<absl::CivilDay> ParseDay(const std::string& text, const std::string& field,
                                       bool required, Violations& violations) {
  if (text.empty()) {
    if (required) violations.Add(field, "is required (YYYY-MM-DD)");
    return std::nullopt;
  }
  auto day = dates::Parse(text, field);
  if (!day.ok()) {
    violations.Add(field, "must be a calendar date YYYY-MM-DD");
    return std::nullopt;
  }
  return *day;
}

}  // namespace

bool IsValidSellerId(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool IsValidEmail(const std::string& email) {
  if (email.size() > kMaxEmailLength) return false;
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  std::string domain = email.substr(at + 1);
  size_t dot = domain.find('.');
  if (domain.empty() || dot == std::string::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string::npos) {
    return false;
  }
  return std::none_of(email.begin(), email.end(), [](char c) {
    return absl::ascii_isspace(static_cast<unsigned char>(c)) || absl::ascii_iscntrl(static_cast<unsigned char>(c)) ||
           c == ',' || c == ';' || c == '<' || c == '>' || c == '"';
  });
}

std::optional<Seller> ParseSeller(const SellerInput& input, const std::string& prefix,
                                  std::vector<errors::FieldViolation>* out) {
  const size_t before = out->size();
  Violations violations(prefix, out);
  Seller seller;
  seller.id = input.id;
  if (!IsValidSellerId(input.id)) {
    violations.Add("seller_id",
                   "is required: 1-64 letters, digits, '-', '_' or '.'");
  }
  seller.display_name = std::string(absl::StripAsciiWhitespace(input.display_name));
  if (seller.display_name.empty() || seller.display_name.size() > kMaxNameLength) {
    violations.Add("display_name", "is required (at most 200 characters)");
  }
  seller.email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(input.email));
  if (!IsValidEmail(seller.email)) violations.Add("email", "must be an email address");
  seller.title = std::string(absl::StripAsciiWhitespace(input.title));
  if (seller.title.empty() || seller.title.size() > kMaxTitleLength) {
    violations.Add("title", "is required (at most 100 characters)");
  }
  seller.home_currency = input.home_currency;
  if (!money::IsCurrencyCode(seller.home_currency)) {
    violations.Add("home_currency", "must be an ISO-4217 code such as USD");
  }
  auto hire = ParseDay(input.hire_date, "hire_date", /*required=*/true, violations);
  auto termination =
      ParseDay(input.termination_date, "termination_date", /*required=*/false, violations);
  if (hire) seller.hire_date = *hire;
  seller.termination_date = termination;
  if (hire && termination && *termination < *hire) {
    violations.Add("termination_date", "must not be before hire_date");
  }

  for (size_t i = 0; i < input.lines.size(); ++i) {
    const SellerInput::Line& in = input.lines[i];
    const std::string field = absl::StrCat("reporting_lines[", i, "]");
    ReportingLine line;
    line.manager_id = in.manager_id;
    if (!IsValidSellerId(in.manager_id)) {
      violations.Add(field + ".manager_id", "must be an existing seller's id");
    } else if (in.manager_id == input.id) {
      violations.Add(field + ".manager_id", "a seller cannot report to themselves");
    }
    auto start = ParseDay(in.start_date, field + ".start_date", /*required=*/true, violations);
    auto end = ParseDay(in.end_date, field + ".end_date", /*required=*/false, violations);
    if (!start) continue;
    line.period.start = *start;
    line.period.end = end;
    if (end && *end < *start) {
      violations.Add(field + ".end_date", "must not be before start_date");
      continue;
    }
    if (hire && *start < *hire) {
      violations.Add(field + ".start_date", "must not be before the seller's hire_date");
    }
    if (termination && *start > *termination) {
      violations.Add(field + ".start_date", "must not be after the seller's termination_date");
    }
    seller.lines.push_back(std::move(line));
  }
  std::sort(seller.lines.begin(), seller.lines.end(),
            [](const ReportingLine& a, const ReportingLine& b) {
              return a.period.start < b.period.start;
            });
  // Lines were sorted; report an overlap against the input index of the later line.
  for (size_t i = 1; i < seller.lines.size(); ++i) {
    if (seller.lines[i - 1].period.Overlaps(seller.lines[i].period)) {
      size_t index = 0;
      for (size_t k = 0; k < input.lines.size(); ++k) {
        if (input.lines[k].start_date == dates::Format(seller.lines[i].period.start)) index = k;
      }
      violations.Add(absl::StrCat("reporting_lines[", index, "]"),
                     "overlaps another reporting line of the same seller");
    }
  }
  if (out->size() != before) return std::nullopt;
  return seller;
}

}  // namespace attain::planning::org
