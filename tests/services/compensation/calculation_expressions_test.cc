// Plan conditions and formulas evaluated for a seller: variables bound from measures,
// quotas, attainments, parameters and other components' earnings; formulas after the
// components they read.
#include <gtest/gtest.h>

#include "services/compensation/calculation/plan_expressions.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;
Decimal D(const char* text) { return *Decimal::Parse(text); }

plan::Plan KickerPlan() {
  plan::Plan p;
  p.plan_id = "p";
  p.measures = {{"revenue", plan::MeasureBasis::kCreditAmount, {}, false},
                {"margin", plan::MeasureBasis::kMargin, {}, false}};
  p.parameters = {{"kicker", D("0.1")}};
  plan::Component base;
  base.id = "base";
  base.kind = plan::ComponentKind::kCommission;
  base.commission.measure_id = "revenue";
  base.commission.rates = {plan::TierBasis::kAttainment, plan::TierMode::kRetroactive,
                           plan::RateKind::kPercentOfMeasure, {{D("0"), std::nullopt, D("0.05")}}};
  plan::Component kicker;  // listed first: must still run after `base`
  kicker.id = "kicker";
  kicker.kind = plan::ComponentKind::kFormula;
  kicker.formula.expression = "earnings.base * param.kicker";
  kicker.condition = "attainment.margin >= 0.8";
  p.components = {kicker, base};
  return p;
}

TEST(PlanExpressionsTest, FormulasReadEarningsParametersAndConditionsReadAttainment) {
  const plan::Plan p = KickerPlan();
  auto host = PlanExpressions::Compile(p);
  ASSERT_TRUE(host.ok()) << host.status();
  calc::SellerPeriod inputs;
  inputs.measures["revenue"] = *calc::MakeMeasureValue(D("200000"), D("100000"));
  inputs.measures["margin"] = *calc::MakeMeasureValue(D("40000"), D("50000"));  // 80 %
  inputs.parameters["kicker"] = D("0.1");
  auto results = calc::EvaluatePlan(p, inputs, host->get());
  ASSERT_TRUE(results.ok()) << results.status();
  // base: 200 000 x 5 % = 10 000; kicker: 10 000 x 0.1 = 1 000.
  EXPECT_EQ((*results)[1].earnings, D("10000"));
  EXPECT_EQ((*results)[0].earnings, D("1000"));
  // Margin at 79.9998 %: the kicker's condition fails. (attainment.<id> is rounded to 6
  // digits: 39 999.99 would be 0.7999998 -> 0.8 and pass; an exact test is written
  // measure.margin >= 0.8 * quota.margin.)
  inputs.measures["margin"] = *calc::MakeMeasureValue(D("39999.9"), D("50000"));
  results = calc::EvaluatePlan(p, inputs, host->get());
  ASSERT_TRUE(results.ok());
  EXPECT_FALSE((*results)[0].paid);
  EXPECT_EQ((*results)[0].earnings, D("0"));
}

TEST(PlanExpressionsTest, AFormulaCycleIsRefused) {
  plan::Plan p = KickerPlan();
  p.components[1].kind = plan::ComponentKind::kFormula;
  p.components[1].formula.expression = "earnings.kicker + 1";
  auto host = PlanExpressions::Compile(p);
  ASSERT_TRUE(host.ok());
  calc::SellerPeriod inputs;
  inputs.measures["revenue"] = *calc::MakeMeasureValue(D("1"), D("1"));
  inputs.measures["margin"] = *calc::MakeMeasureValue(D("1"), D("1"));
  EXPECT_EQ(calc::EvaluatePlan(p, inputs, host->get()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace attain::compensation::calculation
