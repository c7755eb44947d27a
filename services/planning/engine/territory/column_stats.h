#pragma once
// What the RuleIndex builder needs to know about the table's columns: how many rows each
// predicate matches (to file each rule under its most selective predicate), and the value ids
// of a string column in text order, in which every prefix and postal-code range is one
// contiguous run. Computed lazily, per column, only for the columns rules actually test.

#include <cstdint>
#include <optional>
#include <vector>

#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/compiled_predicate.h"

namespace attain::planning::territory {

class ColumnStats {
 public:
  explicit ColumnStats(const AccountTable& accounts);

  // The value ids (never kAbsentValue) a string predicate matches, in no particular order.
  std::vector<uint32_t> MatchingValues(const CompiledPredicate& predicate);
  // How many rows of `column` hold one of `values`.
  uint64_t RowsWith(int column, const std::vector<uint32_t>& values);
  // About how many rows hold a number in [min, max] in numeric `column` (from an evenly
  // spaced sample of kNumericSample rows; exact for smaller tables).
  uint64_t EstimateRowsInRange(int column, int64_t min, int64_t max);

  static constexpr uint32_t kNumericSample = 16384;

 private:
  const std::vector<uint32_t>& SortedValues(int column);
  const std::vector<uint32_t>& Frequencies(int column);
  const std::vector<int64_t>& NumericSample(int column);

  const AccountTable& accounts_;
  std::vector<std::optional<std::vector<uint32_t>>> sorted_;
  std::vector<std::optional<std::vector<uint32_t>>> frequencies_;
  std::vector<std::optional<std::vector<int64_t>>> numeric_samples_;  // sorted
};

}  // namespace attain::planning::territory
