// MBO components: score / scale_max of the target, by hand.
#include <gtest/gtest.h>

#include "services/compensation/engine/calc/incentive.h"

namespace attain::compensation::calc {
namespace {

using money::Decimal;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

plan::Component Mbo(std::optional<Decimal> amount, std::optional<Decimal> percent_of_target,
                    Decimal scale_max = Decimal::FromUnits(100)) {
  plan::Component c;
  c.id = "objectives";
  c.kind = plan::ComponentKind::kMbo;
  c.mbo.amount = amount;
  c.mbo.percent_of_target = percent_of_target;
  c.mbo.scale_max = scale_max;
  return c;
}

TEST(MboTest, ScoreOfTheScaleTimesAnAmountTarget) {
  SellerPeriod inputs;
  inputs.mbo_scores["objectives"] = D("85");
  // 85 / 100 x 4 000 = 3 400.
  auto result = EvaluateComponent(Mbo(D("4000"), std::nullopt), inputs, nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->earnings, D("3400"));
  EXPECT_EQ(result->measure_value, D("85"));
  EXPECT_EQ(result->steps.back(), "score 85 of 100 x target 4000 = 3400");
}

TEST(MboTest, PercentOfTargetIncentiveOnAPlanScaleMultipliesBeforeDividing) {
  SellerPeriod inputs;
  inputs.target_incentive = D("10000");
  inputs.mbo_scores["objectives"] = D("2");
  // Target 0.5 x 10 000 = 5 000; score 2 of 3: 5 000 x 2 / 3 = 3 333.333333 (one rounding,
  // not 0.666667 x 5 000 = 3 333.335).
  auto result = EvaluateComponent(Mbo(std::nullopt, D("0.5"), D("3")), inputs, nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->earnings, D("3333.333333"));
}

TEST(MboTest, NoScorePaysNothingAndTheCapStillApplies) {
  SellerPeriod inputs;
  auto none = EvaluateComponent(Mbo(D("4000"), std::nullopt), inputs, nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->earnings, Decimal());
  EXPECT_EQ(none->steps.back(), "no score entered for the period: pays 0 (target 4000)");

  plan::Component capped = Mbo(D("4000"), std::nullopt, D("100"));
  capped.cap.amount = D("3000");
  inputs.mbo_scores["objectives"] = D("100");
  auto result = EvaluateComponent(capped, inputs, nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->uncapped, D("4000"));
  EXPECT_EQ(result->earnings, D("3000"));
  EXPECT_TRUE(result->capped);
}

}  // namespace
}  // namespace attain::compensation::calc
