#pragma once
// A scenario against the live assignment: which of its accounts the scenario puts somewhere
// other than where they are now. Pure logic.

#include <vector>

#include "attain/planning/v1/scenarios.pb.h"
#include "services/planning/scenarios/balancing_input.h"

namespace attain::planning::scenarios {

// The accounts of `scenario` whose to_territory_id differs from their territory in `live`
// (empty from_territory_id when `live` no longer has them), sorted by account id (bytes).
// Potential and workload are the live figures where known.
std::vector<v1::ScenarioAccount> DiffAgainstLive(const std::vector<v1::ScenarioAccount>& scenario,
                                                 const std::vector<CurrentAccount>& live);

}  // namespace attain::planning::scenarios
