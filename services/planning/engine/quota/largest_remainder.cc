#include "services/planning/engine/quota/largest_remainder.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"

namespace attain::planning::quota {

using money::Decimal;

absl::StatusOr<std::vector<Decimal>> ApportionWholeUnits(Decimal total,
                                                         absl::Span<const Decimal> weights,
                                                         absl::Span<const int> tie_rank) {
  if (total.IsNegative() || total.micros() % Decimal::kScale != 0) {
    return absl::InvalidArgumentError("apportioned total must be whole units >= 0, got " +
                                      total.ToString());
  }
  if (tie_rank.size() != weights.size()) {
    return absl::InvalidArgumentError("tie_rank and weights differ in size");
  }
  // Decimal offers rounded division only; apportionment needs the exact quotient and
  // remainder, so the integer arithmetic runs on micro-units in int128. |total units| <
  // 2^44 and each weight < 2^63, so every product fits.
  absl::int128 weight_sum = 0;
  for (const Decimal& w : weights) {
    if (w.IsNegative()) return absl::InvalidArgumentError("negative apportionment weight");
    weight_sum += w.micros();
  }
  if (weight_sum == 0) return absl::InvalidArgumentError("apportionment weights are all zero");

  const int64_t total_units = total.micros() / Decimal::kScale;
  std::vector<int64_t> units(weights.size());
  std::vector<absl::int128> remainder(weights.size());
  int64_t assigned = 0;
  // Typical plans fit 64 bits (units * micros < 2^63), where division is far cheaper.
  constexpr absl::int128 kMax64 = std::numeric_limits<int64_t>::max();
  const bool fits64 = weight_sum <= kMax64 && absl::int128(total_units) * weight_sum <= kMax64;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (fits64) {
      const int64_t numerator = total_units * weights[i].micros();
      const int64_t divisor = static_cast<int64_t>(weight_sum);
      units[i] = numerator / divisor;
      remainder[i] = numerator - units[i] * divisor;
    } else {
      const absl::int128 numerator = absl::int128(total_units) * weights[i].micros();
      units[i] = static_cast<int64_t>(numerator / weight_sum);
      remainder[i] = numerator - units[i] * weight_sum;
    }
    assigned += units[i];
  }
  const int64_t leftover = total_units - assigned;  // < weights.size()
  if (leftover > 0) {
    std::vector<size_t> order(weights.size());
    std::iota(order.begin(), order.end(), 0);
    // Only which parts get a unit matters, not their order: a selection, not a sort.
    std::nth_element(order.begin(), order.begin() + (leftover - 1), order.end(),
                     [&](size_t a, size_t b) {
                       if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
                       return tie_rank[a] < tie_rank[b];
                     });
    for (int64_t k = 0; k < leftover; ++k) ++units[order[k]];
  }
  std::vector<Decimal> parts;
  parts.reserve(units.size());
  for (int64_t u : units) parts.push_back(Decimal::FromUnits(u));
  return parts;
}

}  // namespace attain::planning::quota
