#pragma once
// Draws and balances: from what a seller earned in a period (the statement's lines so far,
// in cents) and what they owed at its start, to what the period pays and what is carried.
//
// The balance is what the seller owes (>= 0): recoverable draw advances and carried negative
// earnings. For one period, with E = earned, B = opening balance, D = draw (0 without one):
//   1. negative earnings: CARRY_FORWARD pays from 0 and carries -E to the balance;
//      DEDUCT pays from E (negative) and carries nothing.        base = E + carried
//   2. draw: when max(base, 0) < D, advance = D - max(base, 0) (so the period pays D, less a
//      DEDUCT period's negative earnings). A recoverable advance joins the balance; a
//      non-recoverable one is forgiven.
//   3. otherwise recovery: recovered = min(B, base - D, cents(max_recovery x base)), so a
//      period never pays less than its draw nor gives up more than max_recovery of earnings.
//   payable = E + carried + advance - recovered
//   closing = B + carried + (advance - forgiven) - recovered
// Every amount is in cents (the draw and the recovery limit are rounded half-even), so the
// identities hold exactly:  payable - (closing - opening) = earned + forgiven.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calc {

using money::Decimal;

struct Settlement {
  Decimal earned;
  Decimal opening;
  Decimal carried;    // negative earnings moved to the balance
  Decimal advance;    // draw paid above the earnings
  Decimal forgiven;   // the part of the advance not owed back (non-recoverable draw)
  Decimal recovered;  // earnings kept back against the balance
  Decimal payable;
  Decimal closing;
  std::vector<std::string> steps;  // the arithmetic, one line per step
};

// INVALID_ARGUMENT when `opening` is negative; OUT_OF_RANGE on overflow.
absl::StatusOr<Settlement> Settle(const plan::Balances& policy, Decimal earned, Decimal opening);

}  // namespace attain::compensation::calc
