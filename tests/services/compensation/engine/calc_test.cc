// Golden tests of the incentive arithmetic, each with its hand computation: graduated and
// retroactive tiers at and one cent either side of each boundary, accelerators,
// decelerators, per-unit rates, caps, gates, thresholds, bonus steps and curve
// interpolation, weighted attainment, SPIFs, and statements whose lines sum to the total.
#include <random>

#include <gtest/gtest.h>

#include "services/compensation/engine/calc/incentive.h"
#include "services/compensation/engine/calc/statement.h"
#include "services/compensation/engine/calc/tiers.h"

namespace attain::compensation::calc {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

plan::Tier T(const char* from, const char* to, const char* rate) {
  plan::Tier t{D(from), std::nullopt, D(rate)};
  if (to != nullptr) t.to = D(to);
  return t;
}

// 2 % to 50 % attainment, 4 % to 100 %, 8 % beyond (the accelerator).
plan::RateTable Accelerated(plan::TierMode mode) {
  return {plan::TierBasis::kAttainment, mode, plan::RateKind::kPercentOfMeasure,
          {T("0", "0.5", "0.02"), T("0.5", "1", "0.04"), T("1", nullptr, "0.08")}};
}

TierResult Apply(const plan::RateTable& table, const char* measure, const char* quota) {
  auto m = MakeMeasureValue(D(measure), D(quota));
  EXPECT_TRUE(m.ok());
  auto result = ApplyRateTable(table, m->value, m->attainment, m->quota);
  EXPECT_TRUE(result.ok()) << result.status();
  return *result;
}

TEST(TiersTest, GraduatedAtAndAroundTheQuotaBoundary) {
  const plan::RateTable table = Accelerated(plan::TierMode::kGraduated);
  // 100 000 of 100 000: 50 000 x 2 % + 50 000 x 4 % = 1 000 + 2 000 = 3 000; nothing at 8 %.
  TierResult at = Apply(table, "100000", "100000");
  EXPECT_EQ(at.earnings, D("3000"));
  EXPECT_EQ(at.tier_reached, 2);
  ASSERT_EQ(at.slices.size(), 2u);
  // One cent past: + 0.01 x 8 % = 0.0008.
  EXPECT_EQ(Apply(table, "100000.01", "100000").earnings, D("3000.0008"));
  // One cent short: 1 000 + 49 999.99 x 4 % = 1 000 + 1 999.9996 = 2 999.9996, tier 2 of 3.
  TierResult below = Apply(table, "99999.99", "100000");
  EXPECT_EQ(below.earnings, D("2999.9996"));
  EXPECT_EQ(below.tier_reached, 1);
  // The 50 % boundary: 50 000 x 2 % = 1 000; one cent past adds 0.01 x 4 % = 0.0004.
  EXPECT_EQ(Apply(table, "50000", "100000").earnings, D("1000"));
  EXPECT_EQ(Apply(table, "50000.01", "100000").earnings, D("1000.0004"));
  EXPECT_EQ(Apply(table, "49999.99", "100000").earnings, D("999.9998"));
}

TEST(TiersTest, RetroactivePaysEverythingAtTheTierReached) {
  const plan::RateTable table = Accelerated(plan::TierMode::kRetroactive);
  // 100 000 x 8 % = 8 000 (a tier holds its lower bound).
  EXPECT_EQ(Apply(table, "100000", "100000").earnings, D("8000"));
  EXPECT_EQ(Apply(table, "100000.01", "100000").earnings, D("8000.0008"));
  // 99 999.99 is 99.999999 % (rounds to 100 % at 6 digits) but has not reached the quota:
  // 99 999.99 x 4 % = 3 999.9996.
  TierResult below = Apply(table, "99999.99", "100000");
  EXPECT_EQ(below.earnings, D("3999.9996"));
  EXPECT_EQ(below.tier_reached, 1);
  EXPECT_EQ(below.basis_value, D("1"));  // the rounded attainment shown
  EXPECT_EQ(Apply(table, "50000", "100000").earnings, D("2000"));       // 50 000 x 4 %
  EXPECT_EQ(Apply(table, "49999.99", "100000").earnings, D("999.9998"));  // x 2 %
}

TEST(TiersTest, DeceleratorBelowAThreshold) {
  // 1 % below 60 % attainment, 5 % from there (retroactive): 59 999.99 x 1 % = 599.9999;
  // 60 000 x 5 % = 3 000.
  const plan::RateTable table{plan::TierBasis::kAttainment, plan::TierMode::kRetroactive,
                              plan::RateKind::kPercentOfMeasure,
                              {T("0", "0.6", "0.01"), T("0.6", nullptr, "0.05")}};
  EXPECT_EQ(Apply(table, "59999.99", "100000").earnings, D("599.9999"));
  EXPECT_EQ(Apply(table, "60000", "100000").earnings, D("3000"));
}

TEST(TiersTest, RetroactiveOneCentPastTheLowerBoundaryPaysTheWholeMeasureAtTheNextRate) {
  const plan::RateTable table = Accelerated(plan::TierMode::kRetroactive);
  // 50 000.01 of 100 000 has passed the 50 % bound: all of it at 4 %,
  // 50 000.01 x 0.04 = 2 000.0004 (graduated pays 1 000.0004 here, see above).
  TierResult past = Apply(table, "50000.01", "100000");
  EXPECT_EQ(past.earnings, D("2000.0004"));
  EXPECT_EQ(past.tier_reached, 1);
  ASSERT_EQ(past.slices.size(), 1u);
  EXPECT_EQ(past.slices[0].amount, D("50000.01"));
  EXPECT_EQ(past.slices[0].rate, D("0.04"));
  // Exactly at each bound the tier above applies (a tier holds its lower bound).
  EXPECT_EQ(Apply(table, "50000", "100000").tier_reached, 1);
  EXPECT_EQ(Apply(table, "100000", "100000").tier_reached, 2);
}

TEST(TiersTest, AmountBoundsAtAndOneCentPastInBothModes) {
  // 5 % on [0, 10 000), 10 % from 10 000.
  plan::RateTable table{plan::TierBasis::kAmount, plan::TierMode::kGraduated,
                        plan::RateKind::kPercentOfMeasure,
                        {T("0", "10000", "0.05"), T("10000", nullptr, "0.1")}};
  // Graduated: 9 999.99 x 5 % = 499.9995; 10 000 x 5 % = 500;
  // 10 000.01: 500 + 0.01 x 10 % = 500.001.
  EXPECT_EQ(Apply(table, "9999.99", "0").earnings, D("499.9995"));
  EXPECT_EQ(Apply(table, "10000", "0").earnings, D("500"));
  TierResult graduated = Apply(table, "10000.01", "0");
  EXPECT_EQ(graduated.earnings, D("500.001"));
  EXPECT_EQ(graduated.tier_reached, 1);
  // Retroactive: 9 999.99 x 5 % = 499.9995; 10 000 x 10 % = 1 000; 10 000.01 x 10 % = 1 000.001.
  table.mode = plan::TierMode::kRetroactive;
  EXPECT_EQ(Apply(table, "9999.99", "0").earnings, D("499.9995"));
  EXPECT_EQ(Apply(table, "10000", "0").earnings, D("1000"));
  EXPECT_EQ(Apply(table, "10000.01", "0").earnings, D("1000.001"));
}

TEST(TiersTest, AcceleratorPaysItsRateAboveQuota) {
  // Graduated at 150 %: 50 000 x 2 % + 50 000 x 4 % + 50 000 x 8 % = 1 000 + 2 000 + 4 000 = 7 000.
  TierResult graduated = Apply(Accelerated(plan::TierMode::kGraduated), "150000", "100000");
  EXPECT_EQ(graduated.earnings, D("7000"));
  ASSERT_EQ(graduated.slices.size(), 3u);
  EXPECT_EQ(graduated.slices[2].amount, D("50000"));
  EXPECT_EQ(graduated.slices[2].earnings, D("4000"));
  // Retroactive at 150 %: 150 000 x 8 % = 12 000.
  EXPECT_EQ(Apply(Accelerated(plan::TierMode::kRetroactive), "150000", "100000").earnings, D("12000"));
}

TEST(TiersTest, GraduatedDeceleratorPaysTheLowRateOnlyOnTheSliceBelowTheThreshold) {
  // 1 % below 60 % attainment, 5 % from there.
  plan::RateTable table{plan::TierBasis::kAttainment, plan::TierMode::kGraduated,
                        plan::RateKind::kPercentOfMeasure,
                        {T("0", "0.6", "0.01"), T("0.6", nullptr, "0.05")}};
  // 59 999.99 x 1 % = 599.9999; 60 000 x 1 % = 600; 60 000.01: 600 + 0.01 x 5 % = 600.0005;
  // 100 000: 600 + 40 000 x 5 % = 600 + 2 000 = 2 600.
  EXPECT_EQ(Apply(table, "59999.99", "100000").earnings, D("599.9999"));
  EXPECT_EQ(Apply(table, "60000", "100000").earnings, D("600"));
  EXPECT_EQ(Apply(table, "60000.01", "100000").earnings, D("600.0005"));
  EXPECT_EQ(Apply(table, "100000", "100000").earnings, D("2600"));
  // Retroactive one cent past: 60 000.01 x 5 % = 3 000.0005.
  table.mode = plan::TierMode::kRetroactive;
  EXPECT_EQ(Apply(table, "60000.01", "100000").earnings, D("3000.0005"));
}

TEST(TiersTest, AmountTiersPerUnitRatesNegativeMeasuresAndNoQuota) {
  // Amount tiers: 10 000 x 5 % + 5 000 x 10 % = 500 + 500 = 1 000.
  const plan::RateTable amounts{plan::TierBasis::kAmount, plan::TierMode::kGraduated,
                                plan::RateKind::kPercentOfMeasure,
                                {T("0", "10000", "0.05"), T("10000", nullptr, "0.1")}};
  EXPECT_EQ(Apply(amounts, "15000", "0").earnings, D("1000"));
  // Per unit: 100 units x 2.50 + 20 x 3.00 = 250 + 60 = 310.
  const plan::RateTable units{plan::TierBasis::kAmount, plan::TierMode::kGraduated,
                              plan::RateKind::kPerUnit, {T("0", "100", "2.5"), T("100", nullptr, "3")}};
  EXPECT_EQ(Apply(units, "120", "0").earnings, D("310"));
  // Net returns pay the entry rate: -500 x 2 % = -10.
  EXPECT_EQ(Apply(Accelerated(plan::TierMode::kGraduated), "-500", "100000").earnings, D("-10"));
  // No quota: attainment tiers pay the entry rate on everything: 70 000 x 2 % = 1 400.
  TierResult no_quota = Apply(Accelerated(plan::TierMode::kRetroactive), "70000", "0");
  EXPECT_EQ(no_quota.earnings, D("1400"));
  EXPECT_EQ(no_quota.tier_reached, 0);
}

TEST(TiersTest, GraduatedSlicesPartitionTheMeasureForAnyValue) {
  const plan::RateTable table = Accelerated(plan::TierMode::kGraduated);
  std::mt19937_64 random(7);
  for (int i = 0; i < 2000; ++i) {
    const Decimal quota = Decimal::FromMicros(static_cast<int64_t>(random() % 10'000'000'000ULL) + 1);
    const Decimal measure = Decimal::FromMicros(static_cast<int64_t>(random() % 40'000'000'000ULL));
    auto m = MakeMeasureValue(measure, quota);
    ASSERT_TRUE(m.ok());
    auto result = ApplyRateTable(table, measure, m->attainment, quota);
    ASSERT_TRUE(result.ok());
    Decimal sum, earnings;
    for (const TierSlice& s : result->slices) {
      sum = *sum.Add(s.amount);
      earnings = *earnings.Add(s.earnings);
    }
    EXPECT_EQ(sum, measure) << measure.ToString() << " / " << quota.ToString();
    EXPECT_EQ(earnings, result->earnings);
  }
}

SellerPeriod Inputs(std::initializer_list<std::tuple<const char*, const char*, const char*>> measures,
                    const char* target_incentive = "20000") {
  SellerPeriod inputs;
  for (const auto& [id, value, quota] : measures) inputs.measures[id] = *MakeMeasureValue(D(value), D(quota));
  inputs.target_incentive = D(target_incentive);
  return inputs;
}

plan::Component CommissionOn(const char* measure, plan::TierMode mode = plan::TierMode::kRetroactive) {
  plan::Component c;
  c.id = "commission";
  c.kind = plan::ComponentKind::kCommission;
  c.commission.measure_id = measure;
  c.commission.rates = Accelerated(mode);
  return c;
}

// A bonus paid on `measure` by a payout curve.
plan::Component CurveOn(const char* measure, std::vector<plan::CurvePoint> curve) {
  plan::Component c;
  c.id = "curve";
  c.kind = plan::ComponentKind::kBonus;
  c.bonus.measure_id = measure;
  c.bonus.curve = std::move(curve);
  return c;
}

ComponentResult Evaluate(const plan::Component& c, const SellerPeriod& inputs) {
  auto result = EvaluateComponent(c, inputs, nullptr);
  EXPECT_TRUE(result.ok()) << result.status();
  return *result;
}

TEST(IncentiveTest, CapsTakeTheLowestBound) {
  plan::Component c = CommissionOn("revenue");
  // 150 000 x 8 % = 12 000; caps 7 000 and 30 % x 20 000 = 6 000 -> 6 000.
  c.cap.amount = D("7000");
  c.cap.percent_of_target = D("0.3");
  ComponentResult r = Evaluate(c, Inputs({{"revenue", "150000", "100000"}}));
  EXPECT_EQ(r.uncapped, D("12000"));
  EXPECT_EQ(r.earnings, D("6000"));
  EXPECT_TRUE(r.capped);
  // Under the cap nothing changes: 60 000 x 4 % = 2 400.
  ComponentResult under = Evaluate(c, Inputs({{"revenue", "60000", "100000"}}));
  EXPECT_EQ(under.earnings, D("2400"));
  EXPECT_FALSE(under.capped);
}

TEST(IncentiveTest, ComponentCapAmountPercentOfTargetAndExactlyAtTheCap) {
  plan::Component c = CommissionOn("revenue");
  const SellerPeriod inputs = Inputs({{"revenue", "150000", "100000"}});  // 150 000 x 8 % = 12 000
  // Amount 5 000 below 30 % x 20 000 = 6 000: the amount wins.
  c.cap.amount = D("5000");
  c.cap.percent_of_target = D("0.3");
  ComponentResult amount = Evaluate(c, inputs);
  EXPECT_EQ(amount.earnings, D("5000"));
  EXPECT_TRUE(amount.capped);
  // Percent of target alone: 50 % x 20 000 = 10 000.
  c.cap.amount.reset();
  c.cap.percent_of_target = D("0.5");
  ComponentResult percent = Evaluate(c, inputs);
  EXPECT_EQ(percent.uncapped, D("12000"));
  EXPECT_EQ(percent.earnings, D("10000"));
  EXPECT_TRUE(percent.capped);
  // A cap equal to the earnings does not bite; one cent lower does.
  c.cap.percent_of_target.reset();
  c.cap.amount = D("12000");
  ComponentResult equal = Evaluate(c, inputs);
  EXPECT_EQ(equal.earnings, D("12000"));
  EXPECT_FALSE(equal.capped);
  c.cap.amount = D("11999.99");
  EXPECT_EQ(Evaluate(c, inputs).earnings, D("11999.99"));
}

TEST(IncentiveTest, EveryGateMustPassAndAGateWithoutQuotaFails) {
  plan::Component c = CommissionOn("revenue");
  c.gates = {{"new_logo", D("0.5")}, {"margin", D("0.8")}};
  // new_logo 5 000 / 10 000 = 50 % passes; margin 39 999.99 / 50 000 is below 80 %
  // (80 % x 50 000 = 40 000): nothing, and the reason names the failing gate.
  ComponentResult second_fails = Evaluate(
      c, Inputs({{"revenue", "100000", "100000"}, {"new_logo", "5000", "10000"}, {"margin", "39999.99", "50000"}}));
  EXPECT_FALSE(second_fails.paid);
  EXPECT_EQ(second_fails.earnings, D("0"));
  EXPECT_NE(second_fails.not_paid_reason.find("margin"), std::string::npos) << second_fails.not_paid_reason;
  // Both exactly at their bound: 100 000 x 8 % = 8 000.
  ComponentResult both = Evaluate(
      c, Inputs({{"revenue", "100000", "100000"}, {"new_logo", "5000", "10000"}, {"margin", "40000", "50000"}}));
  EXPECT_TRUE(both.paid);
  EXPECT_EQ(both.earnings, D("8000"));
  // A gate measure without a quota reaches no positive bound.
  EXPECT_FALSE(Evaluate(c, Inputs({{"revenue", "100000", "100000"},
                                   {"new_logo", "999999", "0"},
                                   {"margin", "40000", "50000"}}))
                   .paid);
  // Gates apply to every kind: a SPIF with 4 deals x 100 pays 0 when its gate fails, 400 when it passes.
  plan::Component spif;
  spif.id = "spif";
  spif.kind = plan::ComponentKind::kSpif;
  spif.spif.amount_per_deal = D("100");
  spif.gates = {{"revenue", D("1")}};
  SellerPeriod low = Inputs({{"revenue", "99999.99", "100000"}});
  low.spif_deals["spif"] = D("4");
  EXPECT_EQ(Evaluate(spif, low).earnings, D("0"));
  SellerPeriod high = Inputs({{"revenue", "100000", "100000"}});
  high.spif_deals["spif"] = D("4");
  EXPECT_EQ(Evaluate(spif, high).earnings, D("400"));
}

TEST(IncentiveTest, GatesAndThresholdsAreExactAtTheBoundary) {
  plan::Component c = CommissionOn("revenue");
  c.gates.push_back({"new_logo", D("0.5")});
  // new_logo 4 999.99 of 10 000 is below 50 %: nothing.
  ComponentResult gated = Evaluate(c, Inputs({{"revenue", "100000", "100000"}, {"new_logo", "4999.99", "10000"}}));
  EXPECT_FALSE(gated.paid);
  EXPECT_EQ(gated.earnings, D("0"));
  // Exactly 50 %: 100 000 x 8 % = 8 000.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "100000", "100000"}, {"new_logo", "5000", "10000"}})).earnings,
            D("8000"));

  plan::Component t = CommissionOn("revenue");
  t.threshold = D("0.5");
  EXPECT_FALSE(Evaluate(t, Inputs({{"revenue", "49999.99", "100000"}})).paid);
  EXPECT_EQ(Evaluate(t, Inputs({{"revenue", "50000", "100000"}})).earnings, D("2000"));  // x 4 %
}

TEST(IncentiveTest, BonusStepsPayTheHighestStepReached) {
  plan::Component c;
  c.id = "bonus";
  c.kind = plan::ComponentKind::kBonus;
  c.bonus.measure_id = "revenue";
  c.bonus.steps = {{D("0.8"), D("1000"), std::nullopt}, {D("1"), std::nullopt, D("0.1")}};
  // 100 %: 10 % x 20 000 = 2 000; 99 999.99: the 80 % step, 1 000; 70 %: nothing.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "100000", "100000"}})).earnings, D("2000"));
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "99999.99", "100000"}})).earnings, D("1000"));
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "70000", "100000"}})).earnings, D("0"));
}

TEST(IncentiveTest, BonusCurveInterpolatesLinearly) {
  const plan::Component c = CurveOn("revenue", {{D("0.5"), D("0")}, {D("1"), D("0.5")}, {D("1.5"), D("1")}});
  // 120 %: 0.5 + (1.2 - 1) x (1 - 0.5) / (1.5 - 1) = 0.7; x 20 000 = 14 000.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "120000", "100000"}})).earnings, D("14000"));
  // 75 %: 0 + 0.25 x 0.5 / 0.5 = 0.25 -> 5 000.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "75000", "100000"}})).earnings, D("5000"));
  // Below the first point nothing; beyond the last point flat at 100 % -> 20 000.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "40000", "100000"}})).earnings, D("0"));
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "200000", "100000"}})).earnings, D("20000"));
  // 100.0001 %: 0.5 + 0.000001 x 0.5 / 0.5 = 0.500001 -> 10 000.02.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "100000.1", "100000"}})).earnings, D("10000.02"));
}

TEST(IncentiveTest, BonusCurveAtEveryPointAndBetweenThemWithAnUnevenTarget) {
  const plan::Component c = CurveOn("revenue", {{D("0.5"), D("0")}, {D("1"), D("0.5")}, {D("1.5"), D("1")}});
  // Exactly at each point the point's payout: 50 % -> 0; 100 % -> 0.5 x 20 000 = 10 000;
  // 150 % -> 1 x 20 000 = 20 000.
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "50000", "100000"}})).earnings, D("0"));
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "100000", "100000"}})).earnings, D("10000"));
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "150000", "100000"}})).earnings, D("20000"));
  // 83 333.33 / 100 000 = 0.833333 (6 digits), target 12 345.67, between (50 %, 0) and
  // (100 %, 0.5): 12 345.67 x 0 + (0.833333 - 0.5) x (12 345.67 x 0.5) / (1 - 0.5)
  //   = 0.333333 x 6 172.835 / 0.5 = 2 057.609609 (of 2 057.609609055) / 0.5 = 4 115.219218.
  ComponentResult between = Evaluate(c, Inputs({{"revenue", "83333.33", "100000"}}, "12345.67"));
  EXPECT_EQ(between.attainment, D("0.833333"));
  EXPECT_EQ(between.earnings, D("4115.219218"));
}

// A curve whose first point pays something is a cliff, decided exactly like tiers, steps and
// gates: 49 999.99 of 100 000 is 49.99999 %, which rounds to 50 % at 6 digits but has not
// reached the first point, so it pays nothing; 50 000 pays 10 % x 20 000 = 2 000.
TEST(IncentiveTest, BonusCurveFirstPointIsDecidedOnTheExactMeasure) {
  const plan::Component c = CurveOn("revenue", {{D("0.5"), D("0.1")}, {D("1"), D("0.5")}});
  ComponentResult below = Evaluate(c, Inputs({{"revenue", "49999.99", "100000"}}));
  EXPECT_EQ(below.attainment, D("0.5"));  // the rounded attainment shown
  EXPECT_EQ(below.earnings, D("0"));
  EXPECT_EQ(Evaluate(c, Inputs({{"revenue", "50000", "100000"}})).earnings, D("2000"));
}

TEST(IncentiveTest, WeightedAttainmentMixesMeasures) {
  plan::Component c;
  c.id = "mix";
  c.kind = plan::ComponentKind::kBonus;
  c.bonus.measure_id = "revenue";
  c.bonus.weighted = {{"revenue", D("0.6")}, {"margin", D("0.4")}};
  c.bonus.curve = {{D("0"), D("0")}, {D("2"), D("2")}};  // payout fraction = attainment
  // 0.6 x 120 % + 0.4 x 80 % = 0.72 + 0.32 = 104 % -> 1.04 x 20 000 = 20 800.
  ComponentResult r = Evaluate(c, Inputs({{"revenue", "120000", "100000"}, {"margin", "40000", "50000"}}));
  EXPECT_EQ(r.attainment, D("1.04"));
  EXPECT_EQ(r.earnings, D("20800"));
}

TEST(IncentiveTest, SpifPaysPerQualifyingDealAndUnknownMeasuresAreErrors) {
  plan::Component c;
  c.id = "spif";
  c.kind = plan::ComponentKind::kSpif;
  c.spif.amount_per_deal = D("250");
  SellerPeriod inputs = Inputs({});
  inputs.spif_deals["spif"] = D("3");
  EXPECT_EQ(Evaluate(c, inputs).earnings, D("750"));  // 3 x 250

  auto missing = EvaluateComponent(CommissionOn("nowhere"), inputs, nullptr);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  plan::Component formula;
  formula.id = "f";
  formula.kind = plan::ComponentKind::kFormula;
  formula.formula.expression = "1";
  EXPECT_EQ(EvaluateComponent(formula, inputs, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(IncentiveTest, SpifPaysForCreditedShareOfDealsAndNothingWithoutDeals) {
  plan::Component c;
  c.id = "spif";
  c.kind = plan::ComponentKind::kSpif;
  c.spif.amount_per_deal = D("250");
  SellerPeriod inputs = Inputs({});
  EXPECT_EQ(Evaluate(c, inputs).earnings, D("0"));  // no qualifying deal
  // One whole deal and one half-credited split deal: 1.5 x 250 = 375.
  inputs.spif_deals["spif"] = D("1.5");
  EXPECT_EQ(Evaluate(c, inputs).earnings, D("375"));
}

// A plan of two commissions "a" and "b" (their results are given directly).
plan::Plan TwoComponentPlan() {
  plan::Plan p;
  p.components = {CommissionOn("a"), CommissionOn("b")};
  p.components[0].id = "a";
  p.components[1].id = "b";
  return p;
}

ComponentResult Earned(const char* id, const char* earnings) {
  ComponentResult r;
  r.component_id = id;
  r.earnings = D(earnings);
  return r;
}

TEST(StatementTest, PlanCapTakesTheLowerOfAmountAndPercentOfTarget) {
  plan::Plan p = TwoComponentPlan();
  p.cap.amount = D("9000");
  p.cap.percent_of_target = D("0.4");  // 0.4 x 20 000 = 8 000 < 9 000
  ComponentResult a = Earned("a", "5000.004");  // -> 5 000.00
  ComponentResult b = Earned("b", "4000.006");  // -> 4 000.01
  // 9 000.01 over the 8 000 cap: a plan-cap line of -1 000.01; then the adjustment
  // -50.005 -> -50.00 (half-even), which the cap does not limit: 8 000 - 50 = 7 950.
  auto capped = BuildStatement(p, {a, b}, D("20000"), {{"adj", D("-50.005"), "clawback", "ops"}});
  ASSERT_TRUE(capped.ok());
  ASSERT_EQ(capped->lines.size(), 4u);
  EXPECT_EQ(capped->lines[1].amount, D("4000.01"));
  EXPECT_EQ(capped->lines[2].kind, LineKind::kPlanCap);
  EXPECT_EQ(capped->lines[2].amount, D("-1000.01"));
  EXPECT_EQ(capped->lines[3].amount, D("-50"));
  EXPECT_EQ(capped->total, D("7950"));
  // The amount bound lower: 7 000 -> -2 000.01.
  p.cap.amount = D("7000");
  auto by_amount = BuildStatement(p, {a, b}, D("20000"), {});
  ASSERT_TRUE(by_amount.ok());
  EXPECT_EQ(by_amount->lines.back().amount, D("-2000.01"));
  EXPECT_EQ(by_amount->total, D("7000"));
  // Under the cap (3 000 + 4 999.99 = 7 999.99 < 8 000 with the amount back at 9 000): no cap line.
  p.cap.amount = D("9000");
  a.earnings = D("3000");
  b.earnings = D("4999.99");
  auto under = BuildStatement(p, {a, b}, D("20000"), {});
  ASSERT_TRUE(under.ok());
  EXPECT_EQ(under->lines.size(), 2u);
  EXPECT_EQ(under->total, D("7999.99"));
}

TEST(StatementTest, LinesRoundOnceAndSumExactlyToTheTotalWithThePlanCap) {
  plan::Plan p = TwoComponentPlan();
  p.cap.amount = D("5000");
  const ComponentResult a = Earned("a", "3000.0008");  // -> 3 000.00
  const ComponentResult b = Earned("b", "2999.9996");  // -> 3 000.00
  auto statement = BuildStatement(p, {a, b}, D("20000"), {{"adj-1", D("125.555"), "spiff correction", "ops"}});
  ASSERT_TRUE(statement.ok());
  ASSERT_EQ(statement->lines.size(), 4u);
  EXPECT_EQ(statement->lines[0].amount, D("3000"));
  EXPECT_EQ(statement->lines[1].amount, D("3000"));
  EXPECT_EQ(statement->lines[2].kind, LineKind::kPlanCap);  // 6 000 capped at 5 000
  EXPECT_EQ(statement->lines[2].amount, D("-1000"));
  EXPECT_EQ(statement->lines[3].amount, D("125.56"));  // half-even: 125.555 -> 125.56
  EXPECT_EQ(statement->total, D("5125.56"));

  std::mt19937_64 random(11);
  for (int i = 0; i < 500; ++i) {
    std::vector<ComponentResult> results(5);
    plan::Plan any;
    for (int k = 0; k < 5; ++k) {
      results[k].component_id = std::to_string(k);
      results[k].earnings = Decimal::FromMicros(static_cast<int64_t>(random() % 10'000'000'000ULL));
    }
    auto s = BuildStatement(any, results, D("0"), {});
    ASSERT_TRUE(s.ok());
    Decimal sum;
    for (const StatementLine& line : s->lines) sum = *sum.Add(line.amount);
    EXPECT_EQ(sum, s->total);
  }
}

}  // namespace
}  // namespace attain::compensation::calc
