#include "services/compensation/engine/calc/balances.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace attain::compensation::calc {
namespace {

// a + b - c, with overflow reported.
absl::StatusOr<Decimal> AddSub(Decimal a, Decimal b, Decimal c) {
  auto sum = a.Add(b);
  if (!sum.ok()) return sum.status();
  return sum->Sub(c);
}

}  // namespace

absl::StatusOr<Settlement> Settle(const plan::Balances& policy, Decimal earned, Decimal opening) {
  if (opening < Decimal()) {
    return absl::InvalidArgumentError("an opening balance is what the seller owes: not negative");
  }
  Settlement s;
  s.earned = earned;
  s.opening = opening;
  Decimal base = earned;
  if (earned < Decimal() && policy.negative_earnings == plan::NegativeEarnings::kCarryForward) {
    s.carried = Decimal().Sub(earned).value();  // |earned| of a negative Decimal cannot overflow
    base = Decimal();
    s.steps.push_back(absl::StrCat("earned ", earned.ToString(), " is negative: pays 0, carries ",
                                   s.carried.ToString(), " to the balance"));
  }
  const Decimal draw = policy.draw ? policy.draw->amount.RoundToCents() : Decimal();
  // The draw guarantees earnings, not deductions: under DEDUCT a negative base is still
  // deducted from what the draw pays.
  const Decimal earning = std::max(base, Decimal());
  if (policy.draw && earning < draw) {
    auto advance = draw.Sub(earning);
    if (!advance.ok()) return advance.status();
    s.advance = *advance;
    if (!policy.draw->recoverable) s.forgiven = s.advance;
    s.steps.push_back(absl::StrCat("draw ", draw.ToString(), " > earnings ", earning.ToString(),
                                   ": advance ", s.advance.ToString(),
                                   policy.draw->recoverable ? " (recoverable: owed back)"
                                                            : " (non-recoverable: forgiven)"));
  } else if (opening > Decimal() && base > draw) {
    auto above_draw = base.Sub(draw);
    if (!above_draw.ok()) return above_draw.status();
    Decimal limit = base;
    if (policy.max_recovery) {
      auto share = policy.max_recovery->Mul(base);
      if (!share.ok()) return share.status();
      limit = share->RoundToCents();
    }
    s.recovered = std::min({opening, *above_draw, limit});
    s.steps.push_back(absl::StrCat(
        "recovered min(balance ", opening.ToString(), ", earnings above the draw ",
        above_draw->ToString(), ", ",
        policy.max_recovery ? absl::StrCat(policy.max_recovery->ToString(), " x ", base.ToString(),
                                           " = ", limit.ToString())
                            : absl::StrCat("earnings ", limit.ToString()),
        ") = ", s.recovered.ToString()));
  }
  auto paid = AddSub(base, s.advance, s.recovered);
  if (!paid.ok()) return paid.status();
  s.payable = *paid;
  auto owed_advance = s.advance.Sub(s.forgiven);
  if (!owed_advance.ok()) return owed_advance.status();
  auto grown = AddSub(opening, s.carried, s.recovered);
  if (!grown.ok()) return grown.status();
  auto closing = grown->Add(*owed_advance);
  if (!closing.ok()) return closing.status();
  s.closing = *closing;
  s.steps.push_back(absl::StrCat("balance ", opening.ToString(), " + carried ", s.carried.ToString(),
                                 " + advance owed ", owed_advance->ToString(), " - recovered ",
                                 s.recovered.ToString(), " = ", s.closing.ToString()));
  return s;
}

}  // namespace attain::compensation::calc
