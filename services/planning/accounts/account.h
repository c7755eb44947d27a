#pragma once
// Customer accounts: the domain type and its as-received (text) form.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "common/money/decimal.h"

namespace attain::planning::accounts {

struct Account {
  std::string id;
  std::string display_name;
  std::string parent_id;  // "" for a top-level account
  std::string country;
  std::string region;
  std::string state;
  std::string postal_code;
  std::string industry;
  std::string segment;
  int64_t employee_count = 0;
  std::optional<money::Decimal> annual_revenue;
  std::optional<money::Decimal> potential;
  std::optional<money::Decimal> workload;
  std::string currency;  // of annual_revenue and potential; "" when neither is set
  std::map<std::string, std::string> attributes;
  bool locked = false;
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// An account as received (API or CSV): decimals still text, so validation can name each bad
// field instead of failing on the first.
struct AccountInput {
  std::string id;
  std::string display_name;
  std::string parent_id;
  std::string country;
  std::string region;
  std::string state;
  std::string postal_code;
  std::string industry;
  std::string segment;
  int64_t employee_count = 0;
  std::string annual_revenue;
  std::string potential;
  std::string workload;
  std::string currency;
  std::map<std::string, std::string> attributes;
  bool locked = false;
};

}  // namespace attain::planning::accounts
