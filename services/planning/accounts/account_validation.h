#pragma once
// Field-level validation of one account, independent of the other accounts (unknown parents
// and cycles are checked by account_hierarchy against the whole set).

#include <optional>
#include <string>
#include <vector>

#include "common/errors/errors.h"
#include "services/planning/accounts/account.h"

namespace attain::planning::accounts {

// Parses and checks every field; violations are named `prefix` + "." + the proto field.
// Returns the account when `violations` gained nothing.
std::optional<Account> ParseAccount(const AccountInput& input, const std::string& prefix,
                                    std::vector<errors::FieldViolation>* violations);

// The input that ParseAccount turns back into `account` (for partial updates).
AccountInput ToInput(const Account& account);

}  // namespace attain::planning::accounts
