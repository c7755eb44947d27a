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
  kClawback,  // a cancelled deal's commission reversed at the rate its period paid
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

// A linked reversal (a cancellation or refund naming its deal) settled against the commission
// the deal's period paid: credit x the rate actually paid there (the component's earnings /
// its measure value), posted in the reversal's period.
struct Clawback {
  std::string id;           // "clawback:{source}/{reversal id}:{component id}"
  std::string description;
  std::string component_id;
  std::string source_system;
  std::string transaction_id;           // the reversal
  std::string original_transaction_id;  // the deal it reverses
  std::string original_period;          // the period that paid the deal
  Decimal credit;  // the reversal's credit to the seller's measure there (negative)
  Decimal rate;    // the rate actually paid, 6 digits
  Decimal amount;  // credit x rate, unrounded
};

struct Statement {
  std::vector<StatementLine> lines;
  Decimal total;  // sum of the lines' amounts: what the period pays
  Settlement settlement;
};

// A period's own earnings are its component, plan-cap, manual-adjustment and clawback lines:
// not the
// true-ups it carries for earlier periods nor its settlement against the balance. True-ups
// and what-if comparisons compare these.
bool IsOwnEarning(LineKind kind);
Decimal OwnEarned(const Statement& statement);

// The plan cap (lowest of its amount and percent-of-target bounds) limits the components'
// total as a negative line; adjustments and prior-period true-ups come after it and are not
// capped, nor are clawbacks. `opening_balance` is what the seller owed at the period's start (the previous
// period's closing balance).
absl::StatusOr<Statement> BuildStatement(const plan::Plan& plan,
                                         const std::vector<ComponentResult>& components,
                                         Decimal target_incentive,
                                         const std::vector<Adjustment>& adjustments,
                                         Decimal opening_balance = Decimal(),
                                         const std::vector<Adjustment>& true_ups = {},
                                         const std::vector<Clawback>& clawbacks = {});

}  // namespace attain::compensation::calc
