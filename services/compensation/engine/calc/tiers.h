#pragma once
// Applying a rate table to a measure value, with every step of the arithmetic kept so a
// statement can show it.
//
// Tier bounds are in the table's basis: attainment (measure / quota) or amount (the measure
// itself). A tier holds its lower bound: [from, to). Attainment bounds become measure
// amounts as bound x quota (Decimal.Mul, half-even at 6 digits), so the slices of a
// graduated table always partition the measure exactly:
//
//   graduated:   earnings = sum over tiers t of rate_t x (clamp(M, lo_t, hi_t) - lo_t)
//   retroactive: earnings = rate_r x M, r = the highest tier with M >= lo_r
//
// The tier reached is decided in measure units, never on the rounded attainment (99 999.99
// of a 100 000 quota is 99.99999 %, which rounds to 100 % at 6 digits but has not reached it).
// (rate x slice is Decimal.Mul: half-even at 6 digits.) A measure below 0 (net returns)
// pays its first tier's rate on the negative amount in either mode, so reversals cost
// what the original paid at the entry rate. Earnings stay unrounded here; statements round
// lines to cents.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calc {

using money::Decimal;

// One tier's contribution.
struct TierSlice {
  int tier = 0;       // index into the table's tiers
  Decimal lower;      // in measure units
  std::optional<Decimal> upper;
  Decimal amount;     // the part of the measure in this tier (all of it when retroactive)
  Decimal rate;
  Decimal earnings;   // rate x amount
};

struct TierResult {
  Decimal basis_value;       // attainment or amount, whichever the tiers are in
  int tier_reached = -1;     // highest tier the basis value reaches (-1: no tiers)
  std::vector<TierSlice> slices;  // graduated: every tier touched; retroactive: one
  Decimal earnings;
};

// `measure` is the measure value, `attainment` measure / quota (absent when there is no
// quota; attainment-based tables then treat it as 0 and pay only the first tier).
// `quota` converts attainment bounds into measure amounts. OUT_OF_RANGE on overflow.
absl::StatusOr<TierResult> ApplyRateTable(const plan::RateTable& table, Decimal measure,
                                          std::optional<Decimal> attainment, Decimal quota);

}  // namespace attain::compensation::calc
