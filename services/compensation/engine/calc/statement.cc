#include "services/compensation/engine/calc/statement.h"

#include "absl/strings/str_cat.h"

namespace attain::compensation::calc {
namespace {

absl::Status Append(Statement& statement, StatementLine line) {
  line.amount = line.unrounded.RoundToCents();
  auto total = statement.total.Add(line.amount);
  if (!total.ok()) return total.status();
  statement.total = *total;
  statement.lines.push_back(std::move(line));
  return absl::OkStatus();
}

// The plan cap's bound, if any.
absl::StatusOr<std::optional<Decimal>> PlanCapLimit(const plan::Cap& cap, Decimal target_incentive) {
  std::optional<Decimal> limit = cap.amount;
  if (cap.percent_of_target) {
    auto bound = cap.percent_of_target->Mul(target_incentive);
    if (!bound.ok()) return bound.status();
    if (!limit || *bound < *limit) limit = *bound;
  }
  return limit;
}

}  // namespace

bool IsOwnEarning(LineKind kind) {
  return kind == LineKind::kComponent || kind == LineKind::kPlanCap ||
         kind == LineKind::kAdjustment || kind == LineKind::kClawback;
}

Decimal OwnEarned(const Statement& statement) {
  Decimal sum;
  for (const StatementLine& line : statement.lines) {
    if (IsOwnEarning(line.kind)) sum = sum.Add(line.amount).value_or(sum);
  }
  return sum;
}

absl::StatusOr<Statement> BuildStatement(const plan::Plan& plan,
                                         const std::vector<ComponentResult>& components,
                                         Decimal target_incentive,
                                         const std::vector<Adjustment>& adjustments,
                                         Decimal opening_balance,
                                         const std::vector<Adjustment>& true_ups,
                                         const std::vector<Clawback>& clawbacks) {
  Statement statement;
  for (const ComponentResult& c : components) {
    StatementLine line{LineKind::kComponent, c.component_id, "", c.earnings, Decimal()};
    for (const plan::Component& pc : plan.components) {
      if (pc.id == c.component_id) line.description = pc.name.empty() ? pc.id : pc.name;
    }
    if (auto s = Append(statement, std::move(line)); !s.ok()) return s;
  }
  auto limit = PlanCapLimit(plan.cap, target_incentive);
  if (!limit.ok()) return limit.status();
  if (*limit && statement.total > **limit) {
    auto over = (**limit).Sub(statement.total);  // negative: brings the total to the cap
    if (!over.ok()) return over.status();
    StatementLine cap{LineKind::kPlanCap, "plan_cap",
                      absl::StrCat("plan cap ", (**limit).ToString()), *over, Decimal()};
    if (auto s = Append(statement, std::move(cap)); !s.ok()) return s;
  }
  for (const Adjustment& a : adjustments) {
    StatementLine line{LineKind::kAdjustment, a.id,
                       absl::StrCat(a.reason, " (", a.author, ")"), a.amount, Decimal()};
    if (auto s = Append(statement, std::move(line)); !s.ok()) return s;
  }
  for (const Clawback& c : clawbacks) {
    StatementLine line{LineKind::kClawback, c.id, c.description, c.amount, Decimal()};
    if (auto s = Append(statement, std::move(line)); !s.ok()) return s;
  }
  for (const Adjustment& t : true_ups) {
    StatementLine line{LineKind::kTrueUp, t.id, t.reason, t.amount, Decimal()};
    if (auto s = Append(statement, std::move(line)); !s.ok()) return s;
  }
  auto settled = Settle(plan.balances, statement.total, opening_balance);
  if (!settled.ok()) return settled.status();
  statement.settlement = *std::move(settled);
  const Settlement& s = statement.settlement;
  const Decimal minus_recovered = Decimal().Sub(s.recovered).value();  // recovered >= 0
  const StatementLine settlement_lines[] = {
      {LineKind::kCarried, "carried", "negative earnings carried to the balance", s.carried, {}},
      {LineKind::kDrawAdvance, "draw",
       s.forgiven.IsZero() ? "draw advance (recoverable)" : "draw (non-recoverable)", s.advance, {}},
      {LineKind::kRecovery, "recovery", "recovery of the balance", minus_recovered, {}},
  };
  for (const StatementLine& line : settlement_lines) {
    if (line.unrounded.IsZero()) continue;
    if (auto appended = Append(statement, line); !appended.ok()) return appended;
  }
  return statement;
}

}  // namespace attain::compensation::calc
