#include "services/compensation/engine/credit/measures.h"

#include <algorithm>
#include <thread>

#include "services/compensation/engine/credit/chunks.h"
#include "services/compensation/engine/credit/credit_templates.h"

namespace attain::compensation::credit {
namespace {

const Decimal kWhole = Decimal::FromUnits(1);

Decimal Base(const Transaction& t, Basis basis) {
  switch (basis) {
    case Basis::kMargin: return t.margin;
    case Basis::kQuantity: return t.quantity;
    case Basis::kDeals: return kWhole;
    default: return t.amount;
  }
}

// Adds credits[begin, end) into `sums` (micro-units); false on overflow.
bool Accumulate(std::span<const Transaction> transactions, std::span<const uint64_t> masks,
                std::span<const MeasureSpec> specs, std::span<const Credit> credits,
                std::vector<int64_t>& sums) {
  const size_t measures = specs.size();
  bool ok = true;
  for (const Credit& c : credits) {
    uint64_t mask = masks[c.transaction];
    if (mask == 0) continue;
    const Transaction& t = transactions[c.transaction];
    int64_t* row = sums.data() + static_cast<size_t>(c.seller) * measures;
    while (mask != 0) {
      const int m = __builtin_ctzll(mask);
      mask &= mask - 1;
      if (specs[m].direct_only && c.rule == CreditRule::kRollUp) continue;
      const Decimal value = CreditedValue(t, c, specs[m].basis);
      ok &= !__builtin_add_overflow(row[m], value.micros(), &row[m]);
    }
  }
  return ok;
}

// Adds one transaction's credits into `sums`; false on overflow.
bool AddCredits(const Transaction& t, uint64_t mask, std::span<const MeasureSpec> specs,
                const std::vector<Credit>& credits, std::vector<int64_t>& sums) {
  const size_t measures = specs.size();
  bool ok = true;
  for (const Credit& c : credits) {
    int64_t* row = sums.data() + static_cast<size_t>(c.seller) * measures;
    for (uint64_t m_mask = mask; m_mask != 0; m_mask &= m_mask - 1) {
      const int m = __builtin_ctzll(m_mask);
      if (specs[m].direct_only && c.rule == CreditRule::kRollUp) continue;
      ok &= !__builtin_add_overflow(row[m], CreditedValue(t, c, specs[m].basis).micros(), &row[m]);
    }
  }
  return ok;
}

// Adds the per-thread partial sums; OUT_OF_RANGE on overflow anywhere.
absl::StatusOr<MeasureTable> Merge(const std::vector<std::vector<int64_t>>& parts,
                                   const std::vector<char>& ok, size_t measure_count) {
  MeasureTable table;
  table.measure_count = measure_count;
  const size_t width = parts.empty() ? 0 : parts[0].size();
  table.values.resize(width);
  for (size_t i = 0; i < width; ++i) {
    int64_t sum = 0;
    for (size_t w = 0; w < parts.size(); ++w) {
      if (!ok[w] || __builtin_add_overflow(sum, parts[w][i], &sum)) {
        return absl::OutOfRangeError("a measure sum exceeds the decimal range");
      }
    }
    table.values[i] = Decimal::FromMicros(sum);
  }
  return table;
}

}  // namespace

MeasureSpec SpecOf(plan::MeasureBasis basis) {
  switch (basis) {
    case plan::MeasureBasis::kMargin: return {Basis::kMargin, false};
    case plan::MeasureBasis::kQuantity: return {Basis::kQuantity, false};
    default: return {Basis::kAmount, false};
  }
}

Decimal CreditedValue(const Transaction& t, const Credit& c, Basis basis) {
  const Decimal base = Base(t, basis);
  if (c.fraction == kWhole) return base;
  // |base| < 9.2e12 and fraction <= a few units: the product fits.
  return base.Mul(c.fraction).value_or(Decimal());
}

absl::StatusOr<MeasureTable> SumMeasures(std::span<const Transaction> transactions,
                                         std::span<const uint64_t> masks,
                                         std::span<const MeasureSpec> specs,
                                         std::span<const Credit> credits, size_t sellers, int threads) {
  if (specs.size() > kMaxMeasures) return absl::InvalidArgumentError("too many measures");
  if (masks.size() != transactions.size()) return absl::InvalidArgumentError("one mask per transaction");
  threads = std::max(1, std::min<int>(threads, static_cast<int>(credits.size() / 4096) + 1));
  std::vector<std::vector<int64_t>> parts(threads, std::vector<int64_t>(sellers * specs.size(), 0));
  std::vector<char> ok(threads, 1);
  InChunks(credits.size(), threads, [&](int w, size_t begin, size_t end) {
    ok[w] = Accumulate(transactions, masks, specs, credits.subspan(begin, end - begin), parts[w]);
  });
  return Merge(parts, ok, specs.size());
}

absl::StatusOr<MeasureTable> CreditAndSumMeasures(std::span<const Transaction> transactions,
                                                  std::span<const uint64_t> masks,
                                                  std::span<const MeasureSpec> specs,
                                                  const OrgIndex& org, const RollUpPolicy& policy,
                                                  size_t sellers, int threads) {
  if (specs.size() > kMaxMeasures) return absl::InvalidArgumentError("too many measures");
  if (masks.size() != transactions.size()) return absl::InvalidArgumentError("one mask per transaction");
  threads = std::max(1, std::min<int>(threads, static_cast<int>(transactions.size() / 4096) + 1));
  std::vector<std::vector<int64_t>> parts(threads, std::vector<int64_t>(sellers * specs.size(), 0));
  std::vector<char> ok(threads, 1);
  InChunks(transactions.size(), threads, [&](int w, size_t begin, size_t end) {
    TemplateCache cache(org, policy);
    std::vector<Credit> scratch;
    bool fine = true;
    for (size_t i = begin; i < end; ++i) {
      const Transaction& t = transactions[i];
      if (masks[i] == 0) continue;
      if (t.splits.empty()) {
        fine &= AddCredits(t, masks[i], specs, cache.For(t), parts[w]);
        continue;
      }
      scratch.clear();
      CreditTransactions(transactions.subspan(i, 1), static_cast<uint32_t>(i), org, policy, &scratch);
      fine &= AddCredits(t, masks[i], specs, scratch, parts[w]);
    }
    ok[w] = fine;
  });
  return Merge(parts, ok, specs.size());
}

}  // namespace attain::compensation::credit
