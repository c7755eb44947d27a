#pragma once
// Turning a scenario's moves into territory versions. Pure logic: the caller validates the
// resulting tree and writes it.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/territories.pb.h"

namespace attain::planning::scenarios {

// Account ids moved into each destination territory (ids sorted).
using MovesByDestination = std::map<std::string, std::vector<std::string>>;

// The destination territories as they become when the moves take effect on `effective_from`:
// the version in force that day is closed the day before (or, when it starts that day,
// changed in place) and continued by a copy from `effective_from`; that copy and every later
// version gain one rule with a NAMED_ACCOUNTS predicate listing the accounts moved in, with a
// priority number below every rule of every territory of `type`, so it wins the account
// under the normal precedence. FAILED_PRECONDITION (SCENARIO_STALE) when a destination no
// longer exists or is not in force on `effective_from`.
absl::StatusOr<std::vector<v1::Territory>> PlanPromotion(const std::vector<v1::Territory>& stored,
                                                         v1::TerritoryType type,
                                                         const MovesByDestination& moves,
                                                         absl::CivilDay effective_from);

}  // namespace attain::planning::scenarios
