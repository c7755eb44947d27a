#pragma once
// Decimal arithmetic that keeps the first failure (overflow, division by zero), so a
// formula reads as one expression and is checked once:
//   Checked c;
//   Decimal q = c.Div(c.Mul(quota, split), days);
//   if (!c.ok()) return c.status();
// After a failure every operation returns zero and the first status is kept.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/money/decimal.h"

namespace attain::planning::quota {

class Checked {
 public:
  using Decimal = money::Decimal;

  Decimal Add(Decimal a, Decimal b) { return Take(a.Add(b)); }
  Decimal Sub(Decimal a, Decimal b) { return Take(a.Sub(b)); }
  Decimal Mul(Decimal a, Decimal b) { return Take(a.Mul(b)); }
  Decimal Div(Decimal a, Decimal b) { return Take(a.Div(b)); }
  // Any other Decimal-valued step (RampedDays, ...), under the same first-failure rule.
  Decimal Take(absl::StatusOr<Decimal> result) {
    if (!status_.ok()) return Decimal();
    if (!result.ok()) {
      status_ = result.status();
      return Decimal();
    }
    return *result;
  }
  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }

 private:
  absl::Status status_;
};

inline money::Decimal Units(int64_t units) { return money::Decimal::FromUnits(units); }

// 1 as a Decimal; the bounds of every rate and fraction in this engine are 0 and kOne.
inline constexpr money::Decimal kOne = money::Decimal::FromMicros(money::Decimal::kScale);

}  // namespace attain::planning::quota
