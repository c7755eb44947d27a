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
  plan::Component c;
  c.id = "curve";
  c.kind = plan::ComponentKind::kBonus;
  c.bonus.measure_id = "revenue";
  c.bonus.curve = {{D("0.5"), D("0")}, {D("1"), D("0.5")}, {D("1.5"), D("1")}};
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

TEST(StatementTest, LinesRoundOnceAndSumExactlyToTheTotalWithThePlanCap) {
  plan::Plan p;
  p.components = {CommissionOn("a"), CommissionOn("b")};
  p.components[0].id = "a";
  p.components[1].id = "b";
  p.cap.amount = D("5000");
  ComponentResult a, b;
  a.component_id = "a";
  a.earnings = D("3000.0008");  // -> 3 000.00
  b.component_id = "b";
  b.earnings = D("2999.9996");  // -> 3 000.00
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
