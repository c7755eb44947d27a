#include "services/compensation/engine/credit/measures.h"

#include <algorithm>
#include <thread>

#include "services/compensation/engine/credit/chunks.h"
#include "services/compensation/engine/credit/credit_templates.h"

namespace attain::compensation::credit {
namespace {

const Decimal kWhole = Decimal::FromUnits(1);
// How many transactions ahead the fused pass prefetches a template, then its credits (or the
// transaction's split list).
constexpr size_t kTemplateAhead = 16;
constexpr size_t kCreditsAhead = 8;
// Transactions whose masks the pass computes at a time.
constexpr size_t kMaskBlock = 4096;

Decimal Base(const Transaction& t, Basis basis) {
  switch (basis) {
    case Basis::kMargin: return t.margin;
    case Basis::kQuantity: return t.quantity;
    case Basis::kDeals: return kWhole;
    default: return t.amount;
  }
}

// `fraction` of `base`, as a credit counts it.
Decimal Share(Decimal base, Decimal fraction) {
  if (fraction == kWhole) return base;
  // |base| < 9.2e12 and fraction <= a few units: the product fits.
  return base.Mul(fraction).value_or(Decimal());
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

// Bit m set: measure m skips roll-up credits.
uint64_t DirectOnlyBits(std::span<const MeasureSpec> specs) {
  uint64_t bits = 0;
  for (size_t m = 0; m < specs.size(); ++m) {
    if (specs[m].direct_only) bits |= uint64_t{1} << m;
  }
  return bits;
}

// Adds one transaction's credits (Credit or SumCredit) into `sums`, rows of `measures`;
// `base[m]` is the transaction's value on measure m's basis for every m in `mask`. False on
// overflow.
template <typename C>
bool AddCredits(std::span<const C> credits, uint64_t mask, uint64_t direct_only, const int64_t* base,
                size_t measures, int64_t* sums) {
  bool ok = true;
  for (const C& c : credits) {
    int64_t* row = sums + static_cast<size_t>(c.seller) * measures;
    uint64_t m_mask = c.rule == CreditRule::kRollUp ? mask & ~direct_only : mask;
    if (c.fraction == kWhole) {
      for (; m_mask != 0; m_mask &= m_mask - 1) {
        const int m = __builtin_ctzll(m_mask);
        ok &= !__builtin_add_overflow(row[m], base[m], &row[m]);
      }
      continue;
    }
    for (; m_mask != 0; m_mask &= m_mask - 1) {
      const int m = __builtin_ctzll(m_mask);
      const Decimal value = Share(Decimal::FromMicros(base[m]), c.fraction);
      ok &= !__builtin_add_overflow(row[m], value.micros(), &row[m]);
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

// The fused pass over the transactions in blocks of kMaskBlock; `masks_of(begin, end,
// buffer)` gives the masks of transactions[begin, end) (from `buffer` or elsewhere).
template <typename MasksOf>
absl::StatusOr<MeasureTable> CreditAndSum(std::span<const Transaction> transactions,
                                          std::span<const SplitShare> splits, MasksOf masks_of,
                                          std::span<const MeasureSpec> specs, const OrgIndex& org,
                                          const RollUpPolicy& policy, size_t sellers, int threads) {
  if (specs.size() > kMaxMeasures) return absl::InvalidArgumentError("too many measures");
  threads = std::max(1, std::min<int>(threads, static_cast<int>(transactions.size() / 4096) + 1));
  const size_t measures = specs.size();
  const uint64_t direct_only = DirectOnlyBits(specs);
  std::vector<std::vector<int64_t>> parts(threads, std::vector<int64_t>(sellers * measures, 0));
  std::vector<char> ok(threads, 1);
  InChunks(transactions.size(), threads, [&](int w, size_t begin, size_t end) {
    TemplateCache cache(org, policy);
    std::vector<Credit> scratch;
    std::vector<uint64_t> buffer;
    int64_t base[kMaxMeasures];
    int64_t* sums = parts[w].data();
    bool fine = true;
    for (size_t block = begin; block < end; block += kMaskBlock) {
      const size_t block_end = std::min(end, block + kMaskBlock);
      const std::span<const uint64_t> masks = masks_of(block, block_end, buffer);
      for (size_t i = block; i < block_end; ++i) {
        if (i + kTemplateAhead < end) cache.PrefetchTemplate(transactions[i + kTemplateAhead]);
        if (i + kCreditsAhead < end) {
          const Transaction& ahead = transactions[i + kCreditsAhead];
          if (ahead.split_count == 0) {
            cache.PrefetchCredits(ahead);
          } else {
            __builtin_prefetch(splits.data() + ahead.split_offset);
          }
        }
        const uint64_t mask = masks[i - block];
        if (mask == 0) continue;
        const Transaction& t = transactions[i];
        for (uint64_t m_mask = mask; m_mask != 0; m_mask &= m_mask - 1) {
          const int m = __builtin_ctzll(m_mask);
          base[m] = Base(t, specs[m].basis).micros();
        }
        if (t.split_count == 0) {
          fine &= AddCredits(cache.For(t), mask, direct_only, base, measures, sums);
          continue;
        }
        scratch.clear();
        CreditTransactions(transactions.subspan(i, 1), splits, static_cast<uint32_t>(i), org, policy,
                           &scratch);
        fine &= AddCredits(std::span<const Credit>(scratch), mask, direct_only, base, measures, sums);
      }
    }
    ok[w] = fine;
  });
  return Merge(parts, ok, measures);
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
  return Share(Base(t, basis), c.fraction);
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
                                                  std::span<const SplitShare> splits,
                                                  std::span<const uint64_t> masks,
                                                  std::span<const MeasureSpec> specs,
                                                  const OrgIndex& org, const RollUpPolicy& policy,
                                                  size_t sellers, int threads) {
  if (masks.size() != transactions.size()) return absl::InvalidArgumentError("one mask per transaction");
  auto masks_of = [masks](size_t begin, size_t end, std::vector<uint64_t>&) {
    return masks.subspan(begin, end - begin);
  };
  return CreditAndSum(transactions, splits, masks_of, specs, org, policy, sellers, threads);
}

absl::StatusOr<MeasureTable> CreditAndSumMeasures(std::span<const Transaction> transactions,
                                                  std::span<const SplitShare> splits,
                                                  std::span<const CompiledFilter> filters,
                                                  std::span<const MeasureSpec> specs,
                                                  const OrgIndex& org, const RollUpPolicy& policy,
                                                  size_t sellers, int threads) {
  if (filters.size() != specs.size()) return absl::InvalidArgumentError("one filter per measure");
  auto masks_of = [transactions, filters](size_t begin, size_t end, std::vector<uint64_t>& buffer) {
    buffer.resize(end - begin);
    FillMasks(transactions, begin, end, filters, buffer.data());
    return std::span<const uint64_t>(buffer);
  };
  return CreditAndSum(transactions, splits, masks_of, specs, org, policy, sellers, threads);
}

}  // namespace attain::compensation::credit
