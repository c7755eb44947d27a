#include "services/compensation/engine/calc/tiers.h"

#include <algorithm>

namespace attain::compensation::calc {
namespace {

// A tier bound in measure units.
absl::StatusOr<Decimal> InMeasureUnits(const plan::RateTable& table, Decimal bound, Decimal quota) {
  if (table.basis == plan::TierBasis::kAmount) return bound;
  return bound.Mul(quota);
}

// The whole measure at one tier's rate.
absl::StatusOr<TierResult> SingleRate(const plan::RateTable& table, int tier, Decimal measure,
                                      Decimal basis_value) {
  TierResult result;
  result.basis_value = basis_value;
  result.tier_reached = tier;
  TierSlice slice;
  slice.tier = tier;
  slice.amount = measure;
  slice.rate = table.tiers[tier].rate;
  auto earnings = slice.rate.Mul(measure);
  if (!earnings.ok()) return earnings.status();
  slice.earnings = *earnings;
  result.earnings = *earnings;
  result.slices.push_back(slice);
  return result;
}

}  // namespace

absl::StatusOr<TierResult> ApplyRateTable(const plan::RateTable& table, Decimal measure,
                                          std::optional<Decimal> attainment, Decimal quota) {
  TierResult result;
  if (table.tiers.empty()) return result;
  const bool by_attainment = table.basis == plan::TierBasis::kAttainment;
  // Without a quota there is no attainment: the entry rate applies to everything, rather
  // than collapsing every bound to 0 and paying the top rate.
  if (by_attainment && (!attainment || quota <= Decimal())) {
    return SingleRate(table, 0, measure, Decimal());
  }
  const Decimal basis_value = by_attainment ? *attainment : measure;
  if (measure < Decimal()) return SingleRate(table, 0, measure, basis_value);
  // The tier reached is decided in measure units (measure >= from x quota), not on the
  // rounded attainment: 99 999.99 of 100 000 rounds to 100.0000 % but has not reached it.
  int reached = 0;
  for (size_t t = 1; t < table.tiers.size(); ++t) {
    auto lower = InMeasureUnits(table, table.tiers[t].from, quota);
    if (!lower.ok()) return lower.status();
    if (measure >= *lower) reached = static_cast<int>(t);
  }
  if (table.mode == plan::TierMode::kRetroactive) {
    return SingleRate(table, reached, measure, basis_value);
  }
  result.basis_value = basis_value;
  result.tier_reached = reached;
  // Slices are cut in measure units over every tier, so they partition the measure even
  // where the rounded attainment and the rounded bounds disagree by a micro-unit.
  for (int t = 0; t < static_cast<int>(table.tiers.size()); ++t) {
    const plan::Tier& tier = table.tiers[t];
    auto lower = InMeasureUnits(table, tier.from, quota);
    if (!lower.ok()) return lower.status();
    std::optional<Decimal> upper;
    if (tier.to) {
      auto bound = InMeasureUnits(table, *tier.to, quota);
      if (!bound.ok()) return bound.status();
      upper = *bound;
    }
    const Decimal top = upper ? std::min(measure, *upper) : measure;
    auto amount = top.Sub(*lower);
    if (!amount.ok()) return amount.status();
    if (*amount <= Decimal()) break;  // this tier and every later one start above the measure
    TierSlice slice{t, *lower, upper, *amount, tier.rate, Decimal()};
    auto earnings = tier.rate.Mul(*amount);
    if (!earnings.ok()) return earnings.status();
    slice.earnings = *earnings;
    auto total = result.earnings.Add(*earnings);
    if (!total.ok()) return total.status();
    result.earnings = *total;
    result.slices.push_back(slice);
  }
  return result;
}

}  // namespace attain::compensation::calc
