#pragma once
// Before/after figures of an assignment: per-territory totals, coefficient of variation,
// max/min ratio, worst deviation from the mean, band membership and accounts moved.

#include <vector>

#include "services/planning/engine/balancing/types.h"

namespace attain::planning::balancing {

inline constexpr int kUnassigned = -1;

// The current assignment of `request` (kUnassigned where an account has none).
std::vector<int> CurrentAssignment(const Request& request);

// Figures of `territory_of` (one territory index or kUnassigned per account). Bands are those
// of the whole request (all accounts assigned); CV, ratio and deviation use the mean of the
// territories as they are. Requires a request that passed Validate().
Metrics ComputeMetrics(const Request& request, const std::vector<int>& territory_of);

// Population standard deviation / mean of `loads`, rounded to micro-units, computed with
// __int128 sums of squares and an integer square root. Loads large enough to overflow the sums
// are scaled down by powers of ten first (CV is scale-free; the error stays far below 1 micro).
Decimal CoefficientOfVariation(const std::vector<int64_t>& loads);

}  // namespace attain::planning::balancing
