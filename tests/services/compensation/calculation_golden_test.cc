// Golden periods through the service layer, every figure computed by hand: stored rows in
// several currencies -> RunInputBuilder (FX at each transaction's month) -> CalculatePeriod
// -> BuildStatement -> ToStatementProto. Covers multi-currency, SPIF windows and minimums,
// and a manager change and a territory change in the middle of the month as a run sees
// them (planning's inclusive last days).
//
// October 2026, plans in USD. Rates into USD: EUR 1.1 (September), 1.08 (October);
// GBP 1.3 (September), 1.25 (October).
// Organization: rep-a reports to mgr-1 through 2026-10-15 and to mgr-2 from 2026-10-16;
// rep-b to mgr-1. Account acc-1 is in territory east (rep-a 100 %) through 2026-10-09 and in
// west (rep-b 100 %) from 2026-10-10. Products: p-cloud (Cloud), p-hw (Hardware).
#include <gtest/gtest.h>

#include "services/compensation/calculation/period_calculation.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/calculation/statement_proto.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }

// A stored row; `owner` and `splits` (JSON) are optional.
struct RowSpec {
  const char* id;
  const char* date;
  const char* account;
  const char* product;
  const char* amount;
  const char* currency;
  const char* margin = nullptr;
  const char* owner = nullptr;
  const char* splits = nullptr;
};

std::shared_ptr<const PlanningSnapshot> Planning() {
  auto p = std::make_shared<PlanningSnapshot>();
  p->sellers = {{"mgr-1", "Manager"}, {"mgr-2", "Manager"}, {"rep-a", "AE"}, {"rep-b", "AE"}};
  p->lines = {{"rep-a", "mgr-1", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 10, 15)},
              {"rep-a", "mgr-2", absl::CivilDay(2026, 10, 16), std::nullopt},
              {"rep-b", "mgr-1", absl::CivilDay(2026, 1, 1), std::nullopt}};
  p->account_territories = {{"acc-1", "east", false, absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 10, 9)},
                            {"acc-1", "west", false, absl::CivilDay(2026, 10, 10), std::nullopt}};
  p->coverage = {{"east", "rep-a", D("1"), false, absl::CivilDay(2026, 1, 1), std::nullopt},
                 {"west", "rep-b", D("1"), false, absl::CivilDay(2026, 1, 1), std::nullopt}};
  p->product_families = {{"p-cloud", "Cloud"}, {"p-hw", "Hardware"}};
  return p;
}

plan::Component Commission(const char* id, const char* measure, const char* rate) {
  plan::Component c;
  c.id = id;
  c.kind = plan::ComponentKind::kCommission;
  c.commission.measure_id = measure;
  c.commission.rates = {plan::TierBasis::kAmount, plan::TierMode::kGraduated,
                        plan::RateKind::kPercentOfMeasure, {{D("0"), std::nullopt, D(rate)}}};
  return c;
}

std::shared_ptr<plan::Plan> UsdPlan(const char* id, std::vector<plan::Component> components) {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = id;
  p->currency = "USD";
  p->period_type = plan::PeriodType::kMonthly;
  p->measures = {{"revenue", plan::MeasureBasis::kCreditAmount, {}, false},
                 {"revenue_ytd", plan::MeasureBasis::kCreditAmount, {}, true},
                 {"margin", plan::MeasureBasis::kMargin, {}, false}};
  p->components = std::move(components);
  return p;
}

struct Calculated {
  std::unique_ptr<RunInputs> inputs;
  std::vector<SellerResult> results;

  const SellerResult& Of(const std::string& seller_id) const {
    const uint32_t index = inputs->seller_index.at(seller_id);
    for (const SellerResult& r : results) {
      if (r.seller == index) return r;
    }
    ADD_FAILURE() << "no statement for " << seller_id;
    static const SellerResult kNone;
    return kNone;
  }
  v1::Statement Proto(const std::string& seller_id) const {
    const SellerResult& r = Of(seller_id);
    const SellerPlan* seller_plan = nullptr;
    for (const SellerPlan& sp : inputs->input.plans) {
      if (sp.seller == r.seller) seller_plan = &sp;
    }
    return ToStatementProto({seller_id, "2026-10", "periods/2026-10/runs/1", seller_plan->plan.get(), seller_plan},
                            r);
  }
};

// Reps on `reps`, managers on 1 % of the revenue rolled up to them (one level, managers only).
Calculated Calculate(std::shared_ptr<plan::Plan> reps, const std::vector<RowSpec>& rows,
                     const std::vector<RunAdjustment>& adjustments = {}) {
  store::PlansInForce plans;
  plans.versions.push_back({reps, absl::CivilDay(2026, 1, 1), std::nullopt});
  plans.versions.push_back({UsdPlan("managers", {Commission("override", "revenue", "0.01")}),
                            absl::CivilDay(2026, 1, 1), std::nullopt});
  for (const auto& [id, plan_id, title] : {std::tuple{"a-ae", reps->plan_id, "AE"},
                                           std::tuple{"a-mgr", std::string("managers"), "Manager"}}) {
    store::AssignmentInForce a;
    a.assignment_id = id;
    a.plan_id = plan_id;
    a.title = title;
    a.effective_from = absl::CivilDay(2026, 1, 1);
    a.target_incentive = D("10000");
    plans.assignments.push_back(a);
  }
  const std::vector<fx::FxRate> rates = {{"EUR", "USD", absl::CivilMonth(2026, 9), D("1.1"), 0},
                                         {"EUR", "USD", absl::CivilMonth(2026, 10), D("1.08"), 0},
                                         {"GBP", "USD", absl::CivilMonth(2026, 9), D("1.3"), 0},
                                         {"GBP", "USD", absl::CivilMonth(2026, 10), D("1.25"), 0}};
  const fx::FxTable fx = TableOf(rates);
  const Period period = *ParsePeriod("2026-10", 1);
  const auto planning = Planning();
  std::vector<ResolvedPlan> resolved = ResolvePlans(*planning, plans, period);
  EXPECT_EQ(resolved.size(), 4u);
  auto currency = RunCurrency(resolved);
  EXPECT_TRUE(currency.ok() && *currency == "USD");
  RunInputBuilder builder(planning, period, *currency, &fx, {.keep_keys = true});
  for (const RowSpec& spec : rows) {
    store::TransactionRowView row;
    row.source_system = "crm";
    row.transaction_id = spec.id;
    row.version = 1;
    row.type = "ORDER";
    row.date = spec.date;
    row.account_id = spec.account;
    row.product_id = spec.product;
    row.amount = spec.amount;
    row.currency = spec.currency;
    if (spec.margin != nullptr) row.margin = spec.margin;
    if (spec.owner != nullptr) row.owner_seller_id = spec.owner;
    if (spec.splits != nullptr) row.splits = spec.splits;
    absl::Status added = builder.Add(row);
    EXPECT_TRUE(added.ok()) << spec.id << ": " << added;
  }
  auto inputs = std::move(builder).Finish(std::move(resolved), {}, adjustments,
                                          {.max_depth = 1, .titles = {"Manager"}});
  EXPECT_TRUE(inputs.ok()) << inputs.status();
  Calculated out{*std::move(inputs), {}};
  auto results = CalculatePeriod(out.inputs->input, 1);
  EXPECT_TRUE(results.ok()) << results.status();
  out.results = *std::move(results);
  return out;
}

// rep-a's own deals, converted at the rate of each deal's month:
//   t1 10-03 1 000 EUR, margin 250 EUR    x 1.08 -> 1 080,     margin 270
//   t2 10-17   200.50 GBP, margin 40.10   x 1.25 ->   250.625, margin 50.125
//   t3 10-20   333.33 USD, margin 100            ->   333.33,  margin 100
//   t4 10-01    99.99 EUR (no margin)     x 1.08 ->   107.9892
//   t5 09-30   100 EUR                    x 1.1  ->   110      (September: year to date only)
//   t6 09-12    80 GBP                    x 1.3  ->   104      (September: year to date only)
// revenue     1 080 + 250.625 + 333.33 + 107.9892 = 1 771.9442 -> 5 %  =  88.59721  ->  88.60
// revenue_ytd 1 771.9442 + 110 + 104 = 1 985.9442              -> 1 %  =  19.859442 ->  19.86
// margin      270 + 50.125 + 100 = 420.125                     -> 10 % =  42.0125   ->  42.01
// a payout adjustment of 12.345 USD                                                 ->  12.34 (half-even)
// total 88.60 + 19.86 + 42.01 + 12.34 = 162.81 USD.
TEST(CalculationGoldenTest, MultiCurrencyDealsConvertAtTheirMonthsRateIntoThePlanCurrency) {
  auto reps = UsdPlan("reps", {Commission("commission", "revenue", "0.05"),
                               Commission("ytd", "revenue_ytd", "0.01"),
                               Commission("margin", "margin", "0.1")});
  const std::vector<RowSpec> rows = {
      {"t1", "2026-10-03", "acc-9", "p-cloud", "1000", "EUR", "250", "rep-a"},
      {"t2", "2026-10-17", "acc-9", "p-cloud", "200.50", "GBP", "40.10", "rep-a"},
      {"t3", "2026-10-20", "acc-9", "p-hw", "333.33", "USD", "100", "rep-a"},
      {"t4", "2026-10-01", "acc-9", "p-hw", "99.99", "EUR", nullptr, "rep-a"},
      {"t5", "2026-09-30", "acc-9", "p-hw", "100", "EUR", nullptr, "rep-a"},
      {"t6", "2026-09-12", "acc-9", "p-hw", "80", "GBP", nullptr, "rep-a"}};
  RunAdjustment bonus{"adj-1", "rep-a", false, D("12.345"), "", "late booking", "ops"};
  const Calculated c = Calculate(reps, rows, {bonus});

  const SellerResult& a = c.Of("rep-a");
  ASSERT_EQ(a.components.size(), 3u);
  EXPECT_EQ(a.components[0].measure_value, D("1771.9442"));
  EXPECT_EQ(a.components[0].earnings, D("88.59721"));
  EXPECT_EQ(a.components[1].measure_value, D("1985.9442"));
  EXPECT_EQ(a.components[2].measure_value, D("420.125"));
  EXPECT_EQ(a.statement.total, D("162.81"));

  const v1::Statement proto = c.Proto("rep-a");
  EXPECT_EQ(proto.currency(), "USD");
  EXPECT_EQ(proto.name(), "periods/2026-10/statements/rep-a");
  ASSERT_EQ(proto.lines_size(), 4);
  EXPECT_EQ(proto.lines(0).amount(), "88.60");
  EXPECT_EQ(proto.lines(0).unrounded(), "88.59721");
  EXPECT_EQ(proto.lines(1).amount(), "19.86");
  EXPECT_EQ(proto.lines(2).amount(), "42.01");
  EXPECT_EQ(proto.lines(3).kind(), v1::STATEMENT_LINE_KIND_ADJUSTMENT);
  EXPECT_EQ(proto.lines(3).amount(), "12.34");
  EXPECT_EQ(proto.total(), "162.81");
  EXPECT_EQ(proto.components(0).measure_value(), "1771.9442");
  ASSERT_EQ(proto.adjustments_size(), 1);
  EXPECT_EQ(proto.adjustments(0).amount(), "12.345");
  // Account acc-9 has no territory and rep-a's deals roll up to the manager of each date:
  // all of them are dated on or before 10-15 except t2 and t3 (mgr-2).
  //   mgr-1: (1 080 + 107.9892) x 1 % = 11.879892 -> 11.88 (September is not in the period)
  //   mgr-2: (250.625 + 333.33) x 1 % =  5.83955  ->  5.84
  EXPECT_EQ(c.Of("mgr-1").statement.total, D("11.88"));
  EXPECT_EQ(c.Of("mgr-2").statement.total, D("5.84"));
}

// SPIF "cloud" pays 300 per Cloud deal of at least 10 000 USD (after conversion) dated
// 2026-10-05 .. 2026-10-20; SPIF "early" pays 200 per deal dated 2026-09-20 .. 2026-10-03,
// which an October run clips to 10-01 .. 10-03. Deals (owned by rep-a unless split):
//   s1 10-04 50 000 USD Cloud     the day before the window          no
//   s2 10-05 10 000 USD Cloud     first day, exactly the minimum     1
//   s3 10-12  9 999.99 USD Cloud  one cent below the minimum         no
//   s4 10-12 20 000 USD Hardware  not Cloud                          no
//   s5 10-20 25 000 USD Cloud     last day                           1
//   s6 10-21 30 000 USD Cloud     the day after                      no
//   s7 10-10  9 300 EUR Cloud     x 1.08 = 10 044 USD >= 10 000      1
//   s8 10-14 20 000 USD Cloud     split rep-a 50 %, rep-b 50 %       0.5 each
//   e1 09-28  5 000 USD Hardware  in "early"'s window, not the period no
//   e2 10-02      1 USD Hardware  in "early"                         1
// rep-a: cloud 1 + 1 + 1 + 0.5 = 3.5 deals x 300 = 1 050; early 1 x 200 = 200; total 1 250.
// rep-b: cloud 0.5 x 300 = 150.
TEST(CalculationGoldenTest, SpifCountsCreditedDealsInsideItsWindowOfAtLeastTheMinimum) {
  plan::Component cloud;
  cloud.id = "cloud";
  cloud.kind = plan::ComponentKind::kSpif;
  cloud.spif = {{{}, {"Cloud"}, {}, ""}, absl::CivilDay(2026, 10, 5), absl::CivilDay(2026, 10, 20), D("300"),
                D("10000")};
  plan::Component early;
  early.id = "early";
  early.kind = plan::ComponentKind::kSpif;
  early.spif = {{}, absl::CivilDay(2026, 9, 20), absl::CivilDay(2026, 10, 3), D("200"), D("0")};
  auto reps = UsdPlan("reps", {cloud, early});
  reps->measures.resize(1);
  const char* half = R"([{"seller_id":"rep-a","percent":"50"},{"seller_id":"rep-b","percent":"50"}])";
  const std::vector<RowSpec> rows = {
      {"s1", "2026-10-04", "acc-9", "p-cloud", "50000", "USD", nullptr, "rep-a"},
      {"s2", "2026-10-05", "acc-9", "p-cloud", "10000", "USD", nullptr, "rep-a"},
      {"s3", "2026-10-12", "acc-9", "p-cloud", "9999.99", "USD", nullptr, "rep-a"},
      {"s4", "2026-10-12", "acc-9", "p-hw", "20000", "USD", nullptr, "rep-a"},
      {"s5", "2026-10-20", "acc-9", "p-cloud", "25000", "USD", nullptr, "rep-a"},
      {"s6", "2026-10-21", "acc-9", "p-cloud", "30000", "USD", nullptr, "rep-a"},
      {"s7", "2026-10-10", "acc-9", "p-cloud", "9300", "EUR", nullptr, "rep-a"},
      {"s8", "2026-10-14", "acc-9", "p-cloud", "20000", "USD", nullptr, nullptr, half},
      {"e1", "2026-09-28", "acc-9", "p-hw", "5000", "USD", nullptr, "rep-a"},
      {"e2", "2026-10-02", "acc-9", "p-hw", "1", "USD", nullptr, "rep-a"}};
  const Calculated c = Calculate(reps, rows);

  const SellerResult& a = c.Of("rep-a");
  ASSERT_EQ(a.components.size(), 2u);
  EXPECT_EQ(a.components[0].uncapped, D("1050"));
  EXPECT_EQ(a.components[1].uncapped, D("200"));
  EXPECT_EQ(a.statement.total, D("1250"));
  const SellerResult& b = c.Of("rep-b");
  EXPECT_EQ(b.components[0].uncapped, D("150"));
  EXPECT_EQ(b.components[1].uncapped, D("0"));
  EXPECT_EQ(b.statement.total, D("150"));
  const v1::Statement proto = c.Proto("rep-a");
  EXPECT_EQ(proto.components(0).kind(), "spif");
  EXPECT_EQ(proto.total(), "1250.00");
}

// Deals on acc-1 are credited by territory on their date, then rolled up one level to the
// manager on that date:
//   m1 10-09 1 000 USD   east (its last day): rep-a   -> mgr-1 (rep-a's manager until 10-15)
//   m2 10-10 2 000 USD   west (its first day): rep-b  -> mgr-1
//   m3 10-31   100 GBP   x 1.25 = 125, west: rep-b    -> mgr-1
// and rep-a's own deals (no territory involved):
//   m4 10-15   400 USD   rep-a's last day under mgr-1 -> mgr-1
//   m5 10-16   500 EUR   x 1.08 = 540, first day under mgr-2 -> mgr-2
// Reps (5 % of revenue): rep-a 1 000 + 400 + 540 = 1 940 -> 97; rep-b 2 000 + 125 = 2 125 -> 106.25.
// Managers (1 %): mgr-1 1 000 + 2 000 + 125 + 400 = 3 525 -> 35.25; mgr-2 540 -> 5.40.
TEST(CalculationGoldenTest, TerritoryAndManagerChangesMidMonthCreditEachDealByItsDate) {
  auto reps = UsdPlan("reps", {Commission("commission", "revenue", "0.05")});
  const std::vector<RowSpec> rows = {
      {"m1", "2026-10-09", "acc-1", "p-hw", "1000", "USD"},
      {"m2", "2026-10-10", "acc-1", "p-hw", "2000", "USD"},
      {"m3", "2026-10-31", "acc-1", "p-hw", "100", "GBP"},
      {"m4", "2026-10-15", "acc-9", "p-hw", "400", "USD", nullptr, "rep-a"},
      {"m5", "2026-10-16", "acc-9", "p-hw", "500", "EUR", nullptr, "rep-a"}};
  const Calculated c = Calculate(reps, rows);
  EXPECT_EQ(c.Of("rep-a").components[0].measure_value, D("1940"));
  EXPECT_EQ(c.Of("rep-a").statement.total, D("97"));
  EXPECT_EQ(c.Of("rep-b").components[0].measure_value, D("2125"));
  EXPECT_EQ(c.Of("rep-b").statement.total, D("106.25"));
  EXPECT_EQ(c.Of("mgr-1").components[0].measure_value, D("3525"));
  EXPECT_EQ(c.Of("mgr-1").statement.total, D("35.25"));
  EXPECT_EQ(c.Of("mgr-2").components[0].measure_value, D("540"));
  EXPECT_EQ(c.Of("mgr-2").statement.total, D("5.4"));
}

}  // namespace
}  // namespace attain::compensation::calculation
