#pragma once
// Measure values per seller from credits: for each credit, the credited share of the
// transaction's amount, margin or quantity is added to every measure whose filter the
// transaction passes. Filters are evaluated once per transaction by the caller (they may
// involve expressions) and arrive as a bit mask per transaction (bit m = measure m).
//
// Credited value = transaction value x fraction (Decimal.Mul, half-even at 6 digits; a
// whole share is the value itself). Sums are exact integer micro-unit additions, so the
// result does not depend on credit order or thread count.

#include <cstdint>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "services/compensation/engine/credit/crediting.h"
#include "services/compensation/engine/credit/filters.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::credit {

inline constexpr size_t kMaxMeasures = 64;

// What one measure adds per credit: a share of the transaction's amount, margin or quantity,
// or of the deal itself (1 x the credit fraction: SPIF deal counts). `direct_only` skips
// roll-up credits (a manager does not earn a SPIF for a report's deal).
enum class Basis : uint8_t { kAmount, kMargin, kQuantity, kDeals };
struct MeasureSpec {
  Basis basis = Basis::kAmount;
  bool direct_only = false;
};
MeasureSpec SpecOf(plan::MeasureBasis basis);

// values[seller * measure_count + m]
struct MeasureTable {
  size_t measure_count = 0;
  std::vector<Decimal> values;
  Decimal Get(uint32_t seller, size_t measure) const { return values[seller * measure_count + measure]; }
};

// The credited value of one credit on one basis.
Decimal CreditedValue(const Transaction& t, const Credit& c, Basis basis);

// OUT_OF_RANGE when a sum overflows. `masks[i]` belongs to transactions[i]; `specs` has one
// entry per measure (at most kMaxMeasures).
absl::StatusOr<MeasureTable> SumMeasures(std::span<const Transaction> transactions,
                                         std::span<const uint64_t> masks,
                                         std::span<const MeasureSpec> specs,
                                         std::span<const Credit> credits, size_t sellers, int threads);

// Crediting and summing fused: the same sums as SumMeasures over CreditAll's credits,
// without materializing the credits — territory and owner credits come from per-thread
// credit templates (credit_templates.h), explicit splits are credited on the fly.
absl::StatusOr<MeasureTable> CreditAndSumMeasures(std::span<const Transaction> transactions,
                                                  std::span<const SplitShare> splits,
                                                  std::span<const uint64_t> masks,
                                                  std::span<const MeasureSpec> specs,
                                                  const OrgIndex& org, const RollUpPolicy& policy,
                                                  size_t sellers, int threads);

// The same with the masks computed from `filters` (one per measure, as BuildMasks does)
// within the pass, a block of transactions at a time, rather than held for every transaction.
absl::StatusOr<MeasureTable> CreditAndSumMeasures(std::span<const Transaction> transactions,
                                                  std::span<const SplitShare> splits,
                                                  std::span<const CompiledFilter> filters,
                                                  std::span<const MeasureSpec> specs,
                                                  const OrgIndex& org, const RollUpPolicy& policy,
                                                  size_t sellers, int threads);

}  // namespace attain::compensation::credit
