#pragma once
// Retroactive true-ups: what a LOCKED period paid a seller, what it would pay on today's data,
// and the difference posted as a prior-period line in the first period after it that is not
// locked (docs/compensation.md, "Retroactive true-ups").
//
// Only a period's own earnings are compared — its component, plan-cap and adjustment lines —
// never its settlement (draw, recovery) nor the true-ups it carried for earlier periods: the
// difference then joins the open period's earnings and is settled there. A true-up already
// posted in a later locked period counts as paid, so processing one change twice posts it
// once.

#include <optional>
#include <string>

#include "attain/compensation/v1/calculation.pb.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/calc/statement.h"

namespace attain::compensation::calculation {

using money::Decimal;

// "true-up:2026-08": the line id of true-ups for a period.
std::string TrueUpId(const std::string& period);

// calc::OwnEarned of a stored statement.
Decimal OwnEarned(const v1::Statement& statement);

// What the statement posted as true-ups of `period`.
Decimal PostedTrueUps(const v1::Statement& statement, const std::string& period);

struct TrueUpInput {
  std::string period;     // the locked period
  std::string cause;      // why it was recomputed, e.g. "late or changed transactions: 2 (...)"
  Decimal recomputed;     // OwnEarned on today's data
  Decimal paid;           // OwnEarned of the locked statement
  Decimal posted;         // true-ups of the period already in later locked statements
};

// recomputed - paid - posted as a line for the open period's statement; nullopt when 0.
std::optional<calc::Adjustment> TrueUpLine(const TrueUpInput& input);

}  // namespace attain::compensation::calculation
