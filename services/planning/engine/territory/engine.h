#pragma once
// The territory engine's entry points for the service: validate the model, take the rules in
// force on `as_of`, and assign or explain. Pure domain logic; loading accounts and territories
// and mapping to protobuf belong to the caller.
//
// Semantics in brief (docs/engines/territory.md has the detail): per territory type an
// account gets the matching rule of best precedence -- lowest priority number, then territory
// id ascending, then rule position -- so it belongs to at most one territory of each type.

#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/assignments.h"
#include "services/planning/engine/territory/explain.h"
#include "services/planning/engine/territory/territory.h"

namespace attain::planning::territory {

// Every account against every rule effective on `as_of`, through the RuleIndex over `threads`
// threads. Invalid territories (ValidateTerritories) -> INVALID_ARGUMENT.
absl::StatusOr<Assignments> AssignAccounts(const AccountTable& accounts,
                                           std::span<const Territory> territories,
                                           absl::CivilDay as_of, int threads = 2);

// Invalid territories -> INVALID_ARGUMENT; unknown account -> NOT_FOUND.
absl::StatusOr<Explanation> ExplainAssignment(const AccountTable& accounts,
                                              std::span<const Territory> territories,
                                              std::string_view account_id, absl::CivilDay as_of,
                                              bool include_misses = false);

}  // namespace attain::planning::territory
