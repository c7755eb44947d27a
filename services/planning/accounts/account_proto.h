#pragma once
// Conversion between attain.planning.v1.Account and the domain types — the only place that
// knows both.

#include <string>

#include "attain/planning/v1/accounts.pb.h"
#include "services/planning/accounts/account.h"

namespace attain::planning::accounts {

AccountInput ToInput(const v1::Account& account);
void ToProto(const Account& account, v1::Account* out);
v1::Account ToProto(const Account& account);
// The event payload: the resource as JSON (proto3 JSON mapping).
std::string ToJson(const Account& account);

}  // namespace attain::planning::accounts
