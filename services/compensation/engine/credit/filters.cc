#include "services/compensation/engine/credit/filters.h"

#include <algorithm>

#include "services/compensation/engine/credit/chunks.h"

namespace attain::compensation::credit {

uint32_t TypeBit(plan::TransactionType type) { return 1u << static_cast<uint32_t>(type); }

bool Passes(const CompiledFilter& filter, const Transaction& t, size_t index) {
  if (!filter.dates.Contains(t.date)) return false;
  if (filter.types != 0 && (filter.types & TypeBit(t.type)) == 0) return false;
  if (!filter.products.empty() &&
      !std::binary_search(filter.products.begin(), filter.products.end(), t.product)) {
    return false;
  }
  if (filter.min_amount && t.amount < *filter.min_amount) return false;
  return !filter.condition || filter.condition(t, index);
}

std::vector<uint64_t> BuildMasks(std::span<const Transaction> transactions,
                                 std::span<const CompiledFilter> filters, int threads) {
  std::vector<uint64_t> masks(transactions.size(), 0);
  threads = std::max(1, std::min<int>(threads, static_cast<int>(transactions.size() / 4096) + 1));
  InChunks(transactions.size(), threads, [&](int, size_t begin, size_t end) {
    FillMasks(transactions, begin, end, filters, masks.data() + begin);
  });
  return masks;
}

void FillMasks(std::span<const Transaction> transactions, size_t begin, size_t end,
               std::span<const CompiledFilter> filters, uint64_t* out) {
  const size_t count = std::min<size_t>(filters.size(), 64);
  for (size_t i = begin; i < end; ++i) {
    uint64_t mask = 0;
    for (size_t m = 0; m < count; ++m) {
      if (Passes(filters[m], transactions[i], i)) mask |= uint64_t{1} << m;
    }
    out[i - begin] = mask;
  }
}

}  // namespace attain::compensation::credit
