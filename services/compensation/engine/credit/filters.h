#pragma once
// Measure filters compiled against a run's dense indices, and the per-transaction bit masks
// crediting sums by (bit m set = the transaction counts toward measure m). Each filter is
// evaluated once per transaction, never once per credit.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "services/compensation/engine/credit/inputs.h"

namespace attain::compensation::credit {

struct CompiledFilter {
  uint32_t types = 0;              // bit per plan::TransactionType; 0 = every type
  // Sorted product indices; empty = every product. (A filter on product families names the
  // products of those families: the engine knows products only.)
  std::vector<uint32_t> products;
  DayRange dates;                  // the period, or the year to date
  std::optional<Decimal> min_amount;
  // A further test (an expression over the transaction's fields), run last and only when
  // everything else passed. `index` is the transaction's position in the run.
  std::function<bool(const Transaction&, size_t index)> condition;
};

uint32_t TypeBit(plan::TransactionType type);

bool Passes(const CompiledFilter& filter, const Transaction& transaction, size_t index);

// One mask per transaction; at most 64 filters.
std::vector<uint64_t> BuildMasks(std::span<const Transaction> transactions,
                                 std::span<const CompiledFilter> filters, int threads);

// The masks of transactions[begin, end) into out[0, end - begin).
void FillMasks(std::span<const Transaction> transactions, size_t begin, size_t end,
               std::span<const CompiledFilter> filters, uint64_t* out);

}  // namespace attain::compensation::credit
