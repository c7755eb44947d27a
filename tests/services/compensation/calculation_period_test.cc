// One period calculated end to end in memory, every figure computed by hand below; and the
// same results for any thread count or transaction order.
//
// October 2026. rep-a (0) and rep-b (1) report to mgr (2). Account 0 is in territory 0
// (rep-a 100 %), account 1 in territory 1 (rep-a 50 %, rep-b 50 %). Products: 0 of family
// cloud (0), 1 of family hw (1).
//   t1 2026-10-05 acct 0 cloud  60 000 margin 20 000
//   t2 2026-10-12 acct 1 hw     40 000 margin 10 000
//   t3 2026-10-20 acct 0 cloud   5 000 margin  1 000
//   t4 2026-09-15 acct 0 cloud  30 000 margin  9 000   (September: year-to-date only)
//   t5 2026-10-28 acct 0 hw    -10 000 margin -3 000   (a cancellation)
// Rep plan, target incentive 10 000; quotas: revenue 80 000, margin 30 000, cloud_ytd 80 000.
//   commission on revenue, retroactive 5 % below 100 %, 8 % from 100 %, capped at 6 000
//   bonus curve on margin: (50 %, 0) .. (100 %, 20 % of target)
//   SPIF 500 per cloud deal of at least 10 000 dated 1-15 October
//   kicker formula earnings.commission x 0.1 when attainment.cloud_ytd >= 1
// rep-a: revenue 60 000 + 20 000 + 5 000 - 10 000 = 75 000 (93.75 %) -> 75 000 x 5 % = 3 750
//        margin 20 000 + 5 000 + 1 000 - 3 000 = 23 000 -> 0.766667 (6 digits):
//          curve 10 000 x 0 + 0.266667 x 2 000 / 0.5 = 1 066.668 -> 1 066.67
//        SPIF: t1 only (t3 is below 10 000) -> 500
//        cloud_ytd 60 000 + 5 000 + 30 000 = 95 000 (118.75 %) -> kicker 3 750 x 0.1 = 375
//        total 3 750 + 1 066.67 + 500 + 375 = 5 691.67
// rep-b: revenue 20 000 (25 %) -> 1 000; margin 5 000 (16.67 %) -> 0; no SPIF; no kicker.
// mgr (manager plan: 1 % of team revenue, roll-up one level): 60 000 + 40 000 (both halves of
//        t2 merged) + 5 000 - 10 000 = 95 000 -> 950.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "services/compensation/calculation/period_calculation.h"

namespace attain::compensation::calculation {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }
credit::Day On(int m, int d) { return credit::ToDay(absl::CivilDay(2026, m, d)); }

class NoFields : public TransactionFields {
 public:
  std::string_view Text(size_t, std::string_view) const override { return ""; }
};

plan::Tier Tier(const char* from, const char* to, const char* rate) {
  plan::Tier t{D(from), std::nullopt, D(rate)};
  if (to != nullptr) t.to = D(to);
  return t;
}

std::shared_ptr<const plan::Plan> RepPlan() {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = "reps";
  p->measures = {{"revenue", plan::MeasureBasis::kCreditAmount, {}, false},
                 {"margin", plan::MeasureBasis::kMargin, {}, false},
                 {"cloud_ytd", plan::MeasureBasis::kCreditAmount, {{}, {"cloud"}, {}, ""}, true}};
  plan::Component commission;
  commission.id = "commission";
  commission.kind = plan::ComponentKind::kCommission;
  commission.commission.measure_id = "revenue";
  commission.commission.rates = {plan::TierBasis::kAttainment, plan::TierMode::kRetroactive,
                                 plan::RateKind::kPercentOfMeasure,
                                 {Tier("0", "1", "0.05"), Tier("1", nullptr, "0.08")}};
  commission.cap.amount = D("6000");
  plan::Component bonus;
  bonus.id = "bonus";
  bonus.kind = plan::ComponentKind::kBonus;
  bonus.bonus.measure_id = "margin";
  bonus.bonus.curve = {{D("0.5"), D("0")}, {D("1"), D("0.2")}};
  plan::Component spif;
  spif.id = "spif";
  spif.kind = plan::ComponentKind::kSpif;
  spif.spif = {{{}, {"cloud"}, {}, ""}, absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 10, 15), D("500"),
               D("10000")};
  plan::Component kicker;
  kicker.id = "kicker";
  kicker.kind = plan::ComponentKind::kFormula;
  kicker.formula.expression = "earnings.commission * 0.1";
  kicker.condition = "attainment.cloud_ytd >= 1";
  p->components = {commission, bonus, spif, kicker};
  return p;
}

std::shared_ptr<const plan::Plan> ManagerPlan() {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = "managers";
  p->measures = {{"team_revenue", plan::MeasureBasis::kCreditAmount, {}, false}};
  plan::Component c;
  c.id = "override";
  c.kind = plan::ComponentKind::kCommission;
  c.commission.measure_id = "team_revenue";
  c.commission.rates = {plan::TierBasis::kAmount, plan::TierMode::kGraduated,
                        plan::RateKind::kPercentOfMeasure, {Tier("0", nullptr, "0.01")}};
  p->components = {c};
  return p;
}

credit::Transaction Txn(credit::Day day, uint32_t account, uint32_t product, const char* amount,
                        const char* margin, plan::TransactionType type = plan::TransactionType::kOrder) {
  credit::Transaction t;
  t.type = type;
  t.date = day;
  t.account = account;
  t.product = product;
  t.amount = D(amount);
  t.margin = D(margin);
  return t;
}

struct Fixture {
  credit::OrgIndex org{3, 2, 2,
                       {{0, 2, {On(1, 1), credit::kOpenEnd}}, {1, 2, {On(1, 1), credit::kOpenEnd}}},
                       {{0, 0, false, {On(1, 1), credit::kOpenEnd}}, {1, 1, false, {On(1, 1), credit::kOpenEnd}}},
                       {{0, 0, D("1"), false, {On(1, 1), credit::kOpenEnd}},
                        {1, 0, D("0.5"), false, {On(1, 1), credit::kOpenEnd}},
                        {1, 1, D("0.5"), false, {On(1, 1), credit::kOpenEnd}}}};
  std::vector<credit::Transaction> txns = {
      Txn(On(10, 5), 0, 0, "60000", "20000"), Txn(On(10, 12), 1, 1, "40000", "10000"),
      Txn(On(10, 20), 0, 0, "5000", "1000"), Txn(On(9, 15), 0, 0, "30000", "9000"),
      Txn(On(10, 28), 0, 1, "-10000", "-3000", plan::TransactionType::kCancellation)};
  std::vector<uint32_t> family_of_product = {0, 1};
  NoFields fields;

  PeriodInput Input() const {
    PeriodInput in;
    in.transactions = txns;
    in.fields = &fields;
    in.org = &org;
    in.roll_up = {1, {false, false, true}};
    in.sellers = 3;
    in.period = {On(10, 1), On(10, 31)};
    in.year_start = On(1, 1);
    in.family_index = {{"cloud", 0}, {"hw", 1}};
    in.family_of_product = family_of_product;
    const auto reps = RepPlan();
    for (uint32_t rep : {0u, 1u}) {
      SellerPlan sp;
      sp.seller = rep;
      sp.plan = reps;
      sp.target_incentive = D("10000");
      sp.quotas = {{"revenue", D("80000")}, {"margin", D("30000")}, {"cloud_ytd", D("80000")}};
      in.plans.push_back(sp);
    }
    SellerPlan mgr;
    mgr.seller = 2;
    mgr.plan = ManagerPlan();
    in.plans.push_back(mgr);
    return in;
  }
};

std::vector<Decimal> Lines(const SellerResult& r) {
  std::vector<Decimal> out;
  for (const calc::StatementLine& line : r.statement.lines) out.push_back(line.amount);
  return out;
}

TEST(PeriodCalculationTest, ThreeComponentPlanWithRollUpMatchesTheHandComputation) {
  Fixture f;
  auto results = CalculatePeriod(f.Input(), 1);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 3u);
  const SellerResult& a = (*results)[0];
  EXPECT_EQ(Lines(a), (std::vector<Decimal>{D("3750"), D("1066.67"), D("500"), D("375")}));
  EXPECT_EQ(a.statement.total, D("5691.67"));
  EXPECT_EQ(a.components[0].measure_value, D("75000"));
  EXPECT_EQ(a.components[1].measure_value, D("23000"));
  const SellerResult& b = (*results)[1];
  EXPECT_EQ(Lines(b), (std::vector<Decimal>{D("1000"), D("0"), D("0"), D("0")}));
  EXPECT_FALSE(b.components[3].paid);
  const SellerResult& mgr = (*results)[2];
  EXPECT_EQ(mgr.plan_id, "managers");
  EXPECT_EQ(mgr.components[0].measure_value, D("95000"));
  EXPECT_EQ(mgr.statement.total, D("950"));
}

// Product 0 is of family cloud, product 1 of hw; product 2 has no family.
TEST(PeriodCalculationTest, FamilyFiltersAdmitTheProductsOfTheirFamiliesWithinTheNamedProducts) {
  Fixture f;
  PeriodInput in = f.Input();
  in.product_index = {{"p-cloud", 0}, {"p-hw", 1}, {"p-other", 2}};
  auto admits = [&](plan::TransactionFilter filter) {
    const plan::Measure measure{"m", plan::MeasureBasis::kCreditAmount, std::move(filter), false};
    auto compiled = MeasureFilter(measure, in);
    EXPECT_TRUE(compiled.ok());
    std::vector<uint32_t> products;
    for (uint32_t product : {0u, 1u, 2u, credit::kNone}) {
      const credit::Transaction t = Txn(On(10, 5), 0, product, "1", "0");
      if (credit::Passes(*compiled, t, 0)) products.push_back(product);
    }
    return products;
  };
  EXPECT_EQ(admits({{}, {"cloud"}, {}, ""}), (std::vector<uint32_t>{0}));
  EXPECT_EQ(admits({{}, {"cloud", "hw"}, {"p-hw", "p-other", "p-gone"}, ""}), (std::vector<uint32_t>{1}));
  EXPECT_EQ(admits({{}, {"cloud"}, {"p-hw"}, ""}), (std::vector<uint32_t>{}));
  EXPECT_EQ(admits({{}, {"gone"}, {}, ""}), (std::vector<uint32_t>{}));
  EXPECT_EQ(admits({{}, {}, {"p-other"}, ""}), (std::vector<uint32_t>{2}));
  EXPECT_EQ(admits({}), (std::vector<uint32_t>{0, 1, 2, credit::kNone}));
}

TEST(PeriodCalculationTest, ResultsDoNotDependOnThreadsOrTransactionOrder) {
  Fixture f;
  std::mt19937_64 random(23);
  // Add volume: 20 000 more transactions over both accounts and the year.
  for (int i = 0; i < 20000; ++i) {
    f.txns.push_back(Txn(On(1, 1) + static_cast<credit::Day>(random() % 304), static_cast<uint32_t>(random() % 2),
                         static_cast<uint32_t>(random() % 2), "0", "0"));
    f.txns.back().amount = Decimal::FromMicros(static_cast<int64_t>(random() % 5'000'000'000ULL));
    f.txns.back().margin = Decimal::FromMicros(static_cast<int64_t>(random() % 1'000'000'000ULL));
  }
  auto totals = [&](int threads) {
    auto results = CalculatePeriod(f.Input(), threads);
    EXPECT_TRUE(results.ok());
    std::vector<std::vector<Decimal>> out;
    for (const SellerResult& r : *results) out.push_back(Lines(r));
    return out;
  };
  const auto one = totals(1);
  EXPECT_EQ(totals(2), one);
  std::shuffle(f.txns.begin(), f.txns.end(), random);
  EXPECT_EQ(totals(2), one);
  EXPECT_EQ(totals(1), one);
}

}  // namespace
}  // namespace attain::compensation::calculation
