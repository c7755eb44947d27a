// The expression checker plan validation uses: variables per use, custom attributes,
// earnings only in formulas, result types, and positions of problems.
#include <gtest/gtest.h>

#include "services/compensation/plans/plan_variables.h"

namespace attain::compensation::plans {
namespace {

ExpressionContext Context(ExpressionUse use) {
  ExpressionContext c;
  c.use = use;
  if (use != ExpressionUse::kTransactionFilter) {
    c.measure_ids = {"revenue", "margin"};
    c.parameter_ids = {"kicker"};
  }
  if (use == ExpressionUse::kFormula) c.component_ids = {"base", "bonus"};
  return c;
}

TEST(PlanVariablesTest, TransactionFiltersReadTransactionFieldsAndCustomAttributes) {
  const EngineExpressionChecker checker;
  ExpressionCheck ok = checker.Check(
      "txn.product_family == \"Cloud\" and txn.amount >= 1000 and txn.attr.region in (\"EMEA\")",
      Context(ExpressionUse::kTransactionFilter));
  ASSERT_FALSE(ok.problem) << ok.problem->message;
  EXPECT_EQ(ok.variables, (std::vector<std::string>{"txn.amount", "txn.attr.region", "txn.product_family"}));
  // A string literal mentioning txn.attr. declares nothing; measures are not available here.
  ExpressionCheck bad = checker.Check("txn.type == \"txn.attr.x\" and measure.revenue > 0",
                                      Context(ExpressionUse::kTransactionFilter));
  ASSERT_TRUE(bad.problem);
  EXPECT_EQ(bad.problem->line, 1);
  EXPECT_EQ(bad.problem->column, 30);  // "measure" starts at column 30
}

TEST(PlanVariablesTest, ConditionsAreBooleanAndCannotReadEarnings) {
  const EngineExpressionChecker checker;
  EXPECT_FALSE(checker.Check("attainment.margin >= 0.8 and param.kicker > 0",
                             Context(ExpressionUse::kComponentCondition)).problem);
  EXPECT_TRUE(checker.Check("earnings.base > 0", Context(ExpressionUse::kComponentCondition)).problem);
  EXPECT_TRUE(checker.Check("measure.revenue * 0.1", Context(ExpressionUse::kComponentCondition)).problem);
}

TEST(PlanVariablesTest, FormulasAreDecimalsAndListTheEarningsTheyRead) {
  const EngineExpressionChecker checker;
  ExpressionCheck ok = checker.Check("min(earnings.base * 0.1, 5000) + quota.revenue * 0",
                                     Context(ExpressionUse::kFormula));
  ASSERT_FALSE(ok.problem) << ok.problem->message;
  EXPECT_EQ(ok.variables, (std::vector<std::string>{"earnings.base", "quota.revenue"}));
  ExpressionCheck wrong = checker.Check("\n  attainment >", Context(ExpressionUse::kFormula));
  ASSERT_TRUE(wrong.problem);
  EXPECT_EQ(wrong.problem->line, 2);
}

}  // namespace
}  // namespace attain::compensation::plans
