#pragma once
// Largest-remainder (Hamilton) apportionment of whole currency units.
//
// Part i's exact quota is q_i = total * w_i / W (W = sum of weights). Each part gets
// floor(q_i); the L = total - sum(floor(q_i)) units left over (0 <= L < n) go one each to
// the L parts with the largest fractional remainders. Equal remainders are broken by
// `tie_rank` (lower rank first), so the result is deterministic and independent of input
// order. The parts are whole units and always sum exactly to `total`.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/money/decimal.h"

namespace attain::planning::quota {

// total: whole units, >= 0. weights: each >= 0, at least one > 0. tie_rank: same size as
// weights. Violated preconditions -> INVALID_ARGUMENT (callers validate requests first).
absl::StatusOr<std::vector<money::Decimal>> ApportionWholeUnits(
    money::Decimal total, absl::Span<const money::Decimal> weights, absl::Span<const int> tie_rank);

}  // namespace attain::planning::quota
