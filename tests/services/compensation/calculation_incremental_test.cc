// What an incremental run relies on besides the sums (calculation_properties_test.cc (e)):
// a carried statement is stored under the new run's name with exactly the bytes a full run
// would store, and a seller's inputs key changes with every input of their statement.
#include <gtest/gtest.h>

#include "services/compensation/calculation/kept_period.h"
#include "services/compensation/calculation/period_calculation.h"
#include "services/compensation/calculation/statement_proto.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;

v1::Statement SampleStatement() {
  v1::Statement s;
  s.set_name("periods/2026-10/statements/rep-1");
  s.set_seller_id("rep-1");
  s.set_period("2026-10");
  s.set_plan_id("ae");
  s.set_plan_version(3);
  s.set_currency("USD");
  s.set_total("1234.56");
  s.add_lines()->set_amount("1234.56");
  return s;
}

TEST(WithRunNameTest, GivesTheBytesOfTheStatementSerializedWithItsRun) {
  v1::Statement statement = SampleStatement();
  const std::string without = SerializeDeterministic(statement);
  statement.set_run("periods/2026-10/runs/7");
  auto with = WithRunName(without, "periods/2026-10/runs/7");
  ASSERT_TRUE(with.ok()) << with.status();
  EXPECT_EQ(*with, SerializeDeterministic(statement));
}

TEST(WithRunNameTest, AppendsWhenNoLaterFieldIsSet) {
  v1::Statement statement;
  statement.set_name("n");
  statement.set_seller_id("rep-1");
  const std::string without = SerializeDeterministic(statement);
  statement.set_run("periods/2026-10/runs/1");
  EXPECT_EQ(*WithRunName(without, "periods/2026-10/runs/1"), SerializeDeterministic(statement));
  EXPECT_EQ(*WithRunName("", "r"), [] {
    v1::Statement only_run;
    only_run.set_run("r");
    return SerializeDeterministic(only_run);
  }());
}

TEST(WithRunNameTest, RefusesMalformedBytesAndAStatementThatNamesItsRun) {
  EXPECT_EQ(WithRunName("\x0a\x20", "r").status().code(), absl::StatusCode::kInternal);
  v1::Statement named = SampleStatement();
  named.set_run("periods/2026-10/runs/1");
  EXPECT_EQ(WithRunName(SerializeDeterministic(named), "r").status().code(),
            absl::StatusCode::kInternal);
}

TEST(SellerInputsKeyTest, ChangesWithEveryInputOfTheStatement) {
  auto plan = std::make_shared<plan::Plan>();
  plan->plan_id = "ae";
  plan->version = 1;
  SellerPlan base;
  base.seller = 4;
  base.plan = plan;
  base.target_incentive = Decimal::FromUnits(1000);
  const std::string key = SellerInputsKey(base);
  EXPECT_EQ(SellerInputsKey(base), key);

  std::vector<std::pair<std::string, std::function<void(SellerPlan&)>>> changes = {
      {"plan", [](SellerPlan& sp) { sp.plan = std::make_shared<plan::Plan>(*sp.plan); }},
      {"target", [](SellerPlan& sp) { sp.target_incentive = Decimal::FromUnits(1001); }},
      {"parameter", [](SellerPlan& sp) { sp.parameters["rate"] = Decimal::FromUnits(1); }},
      {"quota", [](SellerPlan& sp) { sp.quotas["revenue"] = Decimal::FromUnits(5); }},
      {"adjustment", [](SellerPlan& sp) { sp.adjustments.push_back({"a1", Decimal::FromUnits(5), "why", "ops"}); }},
      {"credit adjustment", [](SellerPlan& sp) { sp.credit_adjustments["revenue"] = Decimal::FromUnits(5); }},
      {"mbo", [](SellerPlan& sp) { sp.mbo_scores["mbo"] = Decimal::FromUnits(80); }},
      {"opening balance", [](SellerPlan& sp) { sp.opening_balance = Decimal::FromUnits(-50); }},
      {"true-up", [](SellerPlan& sp) { sp.true_ups.push_back({"t1", Decimal::FromUnits(5), "late deal", "run"}); }},
      {"clawback", [](SellerPlan& sp) {
         calc::Clawback c;
         c.id = "clawback:crm/X:c1";
         c.amount = Decimal::FromUnits(-3);
         sp.clawbacks.push_back(c);
       }},
  };
  for (const auto& [what, change] : changes) {
    SellerPlan changed = base;
    change(changed);
    EXPECT_NE(SellerInputsKey(changed), key) << what;
  }
  // Texts that would run together without their lengths stay apart.
  SellerPlan a = base, b = base;
  a.adjustments.push_back({"a", Decimal::FromUnits(1), "bc", "d"});
  b.adjustments.push_back({"ab", Decimal::FromUnits(1), "c", "d"});
  EXPECT_NE(SellerInputsKey(a), SellerInputsKey(b));
}

TEST(PlansKeyTest, ChangesWithVersionsRangesAndAssignments) {
  store::PlansInForce plans;
  auto plan = std::make_shared<plan::Plan>();
  plan->plan_id = "ae";
  plan->version = 1;
  plans.versions.push_back({plan, absl::CivilDay(2026, 1, 1), std::nullopt});
  store::AssignmentInForce a;
  a.assignment_id = "as-1";
  a.plan_id = "ae";
  a.title = "AE";
  a.effective_from = absl::CivilDay(2026, 1, 1);
  a.target_incentive = Decimal::FromUnits(1000);
  plans.assignments.push_back(a);
  const std::string key = PlansKey(plans);
  EXPECT_EQ(PlansKey(plans), key);

  store::PlansInForce retired = plans;
  retired.versions[0].effective_to = absl::CivilDay(2026, 10, 15);
  EXPECT_NE(PlansKey(retired), key);
  store::PlansInForce target = plans;
  target.assignments[0].target_incentive = Decimal::FromUnits(1200);
  EXPECT_NE(PlansKey(target), key);
  store::PlansInForce overridden = plans;
  overridden.assignments[0].parameter_overrides.push_back({"rate", Decimal::FromUnits(1)});
  EXPECT_NE(PlansKey(overridden), key);
  store::PlansInForce quota = plans;
  quota.assignments[0].quota_measure_id = "revenue";
  EXPECT_NE(PlansKey(quota), key);
}

}  // namespace
}  // namespace attain::compensation::calculation
