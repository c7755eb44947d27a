#pragma once
// Local repair of a complete assignment: moves (and, when no move helps, swaps) unlocked
// accounts between territories until every territory is within its band. Internal.

#include <cstdint>
#include <vector>

#include "services/planning/engine/balancing/problem.h"

namespace attain::planning::balancing {

struct RepairResult {
  int64_t moves = 0;
  int64_t swaps = 0;
  // kNone when every territory ended within its band, else kNoImprovingMove or
  // kIterationLimit.
  Shortfall stop = Shortfall::kNone;
};

// `territory_of` assigns every account; `loads` are its loads. Both are updated in place.
RepairResult Repair(const Problem& problem, std::vector<int>& territory_of, Loads& loads);

}  // namespace attain::planning::balancing
