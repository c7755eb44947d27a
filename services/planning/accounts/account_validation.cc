#include "services/planning/accounts/account_validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/planning/accounts/field_checks.h"

namespace attain::planning::accounts {
namespace {

constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxTextLength = 100;
constexpr size_t kMaxPostalCodeLength = 20;
constexpr size_t kMaxAttributes = 50;
constexpr size_t kMaxAttributeValueLength = 1000;

bool IsCountryCode(const std::string& code) {
  return code.size() == 2 && absl::ascii_isupper(static_cast<unsigned char>(code[0])) &&
         absl::ascii_isupper(static_cast<unsigned char>(code[1]));
}

std::string DecimalText(const std::optional<money::Decimal>& value) {
  return value ? value->ToString() : std::string();
}

}  // namespace

std::optional<Account> ParseAccount(const AccountInput& input, const std::string& prefix,
                                    std::vector<errors::FieldViolation>* violations) {
  catalog::FieldChecker check(prefix, violations);
  Account account;
  account.id = check.Id("account_id", input.id);
  account.display_name = check.Text("display_name", input.display_name, true, kMaxNameLength);
  account.parent_id = input.parent_id;
  if (!input.parent_id.empty()) {
    if (!catalog::IsValidId(input.parent_id)) {
      check.Add("parent_account_id", "must be an existing account's id");
    } else if (input.parent_id == input.id) {
      check.Add("parent_account_id", "an account cannot be its own parent");
    }
  }
  account.country = input.country;
  if (!IsCountryCode(input.country)) {
    check.Add("country", "must be an ISO 3166-1 alpha-2 code such as US");
  }
  account.region = check.Text("region", input.region, false, kMaxTextLength);
  account.state = check.Text("state", input.state, false, kMaxTextLength);
  account.postal_code = check.Text("postal_code", input.postal_code, false, kMaxPostalCodeLength);
  account.industry = check.Text("industry", input.industry, false, kMaxTextLength);
  account.segment = check.Text("segment", input.segment, false, kMaxTextLength);
  account.employee_count = input.employee_count;
  if (input.employee_count < 0) check.Add("employee_count", "must not be negative");
  account.annual_revenue = check.Amount("annual_revenue", input.annual_revenue, false, true);
  account.potential = check.Amount("potential", input.potential, false, true);
  account.workload = check.Amount("workload", input.workload, false, true);
  const bool has_money = !input.annual_revenue.empty() || !input.potential.empty();
  account.currency = check.Currency("currency", input.currency, has_money);
  if (input.attributes.size() > kMaxAttributes) {
    check.Add("attributes", absl::StrCat("at most ", kMaxAttributes, " attributes"));
  }
  for (const auto& [key, value] : input.attributes) {
    if (!catalog::IsValidId(key)) {
      check.Add(absl::StrCat("attributes[", key, "]"),
                "keys are 1-64 letters, digits, '-', '_' or '.'");
    } else if (value.size() > kMaxAttributeValueLength) {
      check.Add(absl::StrCat("attributes[", key, "]"), "must be at most 1000 characters");
    }
  }
  account.attributes = input.attributes;
  account.locked = input.locked;
  if (!check.Clean()) return std::nullopt;
  return account;
}

AccountInput ToInput(const Account& account) {
  AccountInput input;
  input.id = account.id;
  input.display_name = account.display_name;
  input.parent_id = account.parent_id;
  input.country = account.country;
  input.region = account.region;
  input.state = account.state;
  input.postal_code = account.postal_code;
  input.industry = account.industry;
  input.segment = account.segment;
  input.employee_count = account.employee_count;
  input.annual_revenue = DecimalText(account.annual_revenue);
  input.potential = DecimalText(account.potential);
  input.workload = DecimalText(account.workload);
  input.currency = account.currency;
  input.attributes = account.attributes;
  input.locked = account.locked;
  return input;
}

}  // namespace attain::planning::accounts
