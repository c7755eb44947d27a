#include "services/compensation/engine/credit/measures.h"

#include <algorithm>
#include <thread>

namespace attain::compensation::credit {
namespace {

const Decimal kWhole = Decimal::FromUnits(1);

Decimal Base(const Transaction& t, plan::MeasureBasis basis) {
  switch (basis) {
    case plan::MeasureBasis::kMargin: return t.margin;
    case plan::MeasureBasis::kQuantity: return t.quantity;
    default: return t.amount;
  }
}

// Adds credits[begin, end) into `sums` (micro-units); false on overflow.
bool Accumulate(std::span<const Transaction> transactions, std::span<const uint64_t> masks,
                std::span<const plan::MeasureBasis> bases, std::span<const Credit> credits,
                std::vector<int64_t>& sums) {
  const size_t measures = bases.size();
  bool ok = true;
  for (const Credit& c : credits) {
    uint64_t mask = masks[c.transaction];
    if (mask == 0) continue;
    const Transaction& t = transactions[c.transaction];
    int64_t* row = sums.data() + static_cast<size_t>(c.seller) * measures;
    while (mask != 0) {
      const int m = __builtin_ctzll(mask);
      mask &= mask - 1;
      const Decimal value = CreditedValue(t, c, bases[m]);
      ok &= !__builtin_add_overflow(row[m], value.micros(), &row[m]);
    }
  }
  return ok;
}

}  // namespace

Decimal CreditedValue(const Transaction& t, const Credit& c, plan::MeasureBasis basis) {
  const Decimal base = Base(t, basis);
  if (c.fraction == kWhole) return base;
  // |base| < 9.2e12 and fraction <= a few units: the product fits.
  return base.Mul(c.fraction).value_or(Decimal());
}

absl::StatusOr<MeasureTable> SumMeasures(std::span<const Transaction> transactions,
                                         std::span<const uint64_t> masks,
                                         std::span<const plan::MeasureBasis> bases,
                                         std::span<const Credit> credits, size_t sellers, int threads) {
  if (bases.size() > kMaxMeasures) return absl::InvalidArgumentError("too many measures");
  if (masks.size() != transactions.size()) return absl::InvalidArgumentError("one mask per transaction");
  threads = std::max(1, std::min<int>(threads, static_cast<int>(credits.size() / 4096) + 1));
  const size_t width = sellers * bases.size();
  std::vector<std::vector<int64_t>> parts(threads, std::vector<int64_t>(width, 0));
  std::vector<char> ok(threads, 1);
  const size_t chunk = (credits.size() + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (int w = 0; w < threads; ++w) {
    const size_t begin = std::min(credits.size(), w * chunk);
    const size_t end = std::min(credits.size(), begin + chunk);
    auto run = [&, w, begin, end] {
      ok[w] = Accumulate(transactions, masks, bases, credits.subspan(begin, end - begin), parts[w]);
    };
    if (w + 1 == threads) {
      run();
    } else {
      workers.emplace_back(run);
    }
  }
  for (std::thread& worker : workers) worker.join();
  MeasureTable table;
  table.measure_count = bases.size();
  table.values.resize(width);
  for (size_t i = 0; i < width; ++i) {
    int64_t sum = 0;
    for (int w = 0; w < threads; ++w) {
      if (!ok[w] || __builtin_add_overflow(sum, parts[w][i], &sum)) {
        return absl::OutOfRangeError("a measure sum exceeds the decimal range");
      }
    }
    table.values[i] = Decimal::FromMicros(sum);
  }
  return table;
}

}  // namespace attain::compensation::credit
