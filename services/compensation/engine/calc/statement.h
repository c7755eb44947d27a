#pragma once
// A seller's statement for one period: one line per component, then the plan cap (when it
// bites) and manual adjustments, each rounded half-even to cents once; what that earns is
// settled against the seller's balance (balances.h) into carried, draw-advance and recovery
// lines. The total is the sum of the rounded lines, so lines always add up to it exactly.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/calc/balances.h"
#include "services/compensation/engine/calc/incentive.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::calc {

enum class LineKind {
  kComponent,
  kPlanCap,
  kAdjustment,
  kTrueUp,  // a locked earlier period recomputed: recomputed - paid
  kCarried,
  kDrawAdvance,
  kRecovery,
};

struct StatementLine {
  LineKind kind = LineKind::kComponent;
  std::string id;           // component id, "plan_cap" or the adjustment id
  std::string description;
  Decimal unrounded;
  Decimal amount;           // cents
};

// A manual payout adjustment (comp_admin), already in the plan's currency.
struct Adjustment {
  std::string id;
  Decimal amount;
  std::string reason;
  std::string author;
};

struct Statement {
  std::vector<StatementLine> lines;
  Decimal total;  // sum of the lines' amounts: what the period pays
  Settlement settlement;
};

// A period's own earnings are its component, plan-cap and manual-adjustment lines: not the
// true-ups it carries for earlier periods nor its settlement against the balance. True-ups
// and what-if comparisons compare these.
bool IsOwnEarning(LineKind kind);
Decimal OwnEarned(const Statement& statement);

// The plan cap (lowest of its amount and percent-of-target bounds) limits the components'
// total as a negative line; adjustments and prior-period true-ups come after it and are not
// capped. `opening_balance` is what the seller owed at the period's start (the previous
// period's closing balance).
absl::StatusOr<Statement> BuildStatement(const plan::Plan& plan,
                                         const std::vector<ComponentResult>& components,
                                         Decimal target_incentive,
                                         const std::vector<Adjustment>& adjustments,
                                         Decimal opening_balance = Decimal(),
                                         const std::vector<Adjustment>& true_ups = {});

}  // namespace attain::compensation::calc
