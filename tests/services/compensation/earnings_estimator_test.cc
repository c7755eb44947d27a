// Earnings estimates in memory (estimate/earnings_estimator.h): a tier jump, the manager's
// roll-up, cumulative deals, a seller without a plan — on inputs built as a run builds them.
#include <gtest/gtest.h>

#include "services/compensation/calculation/period_label.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/estimate/earnings_estimator.h"

namespace attain::compensation::estimate {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

// Revenue commission: 5 % up to 10 000, 8 % above (graduated, by amount).
std::shared_ptr<plan::Plan> TieredPlan() {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = "ae";
  p->currency = "USD";
  p->measures = {{"revenue", plan::MeasureBasis::kCreditAmount, {}, false}};
  plan::Component commission;
  commission.id = "commission";
  commission.commission.measure_id = "revenue";
  commission.commission.rates.basis = plan::TierBasis::kAmount;
  commission.commission.rates.tiers = {{D("0"), D("10000"), D("0.05")}, {D("10000"), std::nullopt, D("0.08")}};
  p->components = {commission};
  return p;
}

store::AssignmentInForce Assign(const std::string& seller) {
  store::AssignmentInForce a;
  a.assignment_id = "a-" + seller;
  a.plan_id = "ae";
  a.seller_id = seller;
  a.effective_from = absl::CivilDay(2026, 1, 1);
  return a;
}

// October 2026: rep (under mgr) has sold 9 000; both are on the plan; "other" is not.
std::unique_ptr<PeriodModel> Model() {
  auto inputs = std::make_unique<calculation::PeriodInputs>();
  inputs->period = *calculation::ParsePeriod("2026-10", 1);
  auto planning = std::make_shared<calculation::PlanningSnapshot>();
  planning->sellers = {{"rep", "AE"}, {"mgr", "Manager"}, {"other", "AE"}};
  planning->lines = {{"rep", "mgr", absl::CivilDay(2026, 1, 1), std::nullopt}};
  planning->product_families = {{"p-1", "Cloud"}};
  inputs->planning = planning;
  inputs->plans = std::make_unique<store::PlansInForce>();
  inputs->plans->versions.push_back({TieredPlan(), absl::CivilDay(2026, 1, 1), std::nullopt});
  inputs->plans->assignments = {Assign("mgr"), Assign("rep")};
  static const fx::FxTable* const fx = new fx::FxTable(calculation::TableOf({}));
  calculation::RunInputBuilder builder(planning, inputs->period, "USD", fx, {});
  store::TransactionRowView row;
  row.source_system = "crm";
  row.transaction_id = "d-1";
  row.type = "ORDER";
  row.date = "2026-10-05";
  row.account_id = "acc-1";
  row.product_id = "p-1";
  row.amount = "9000";
  row.currency = "USD";
  row.owner_seller_id = "rep";
  EXPECT_TRUE(builder.Add(row).ok());
  calculation::RollUpSettings roll_up;
  roll_up.max_depth = 1;
  auto built = std::move(builder).Finish(calculation::ResolvePlans(*planning, *inputs->plans, inputs->period),
                                         {}, {}, roll_up);
  EXPECT_TRUE(built.ok()) << built.status();
  inputs->groups.push_back(*std::move(built));
  inputs->transactions = 1;
  auto model = PeriodModel::Build(std::move(inputs), roll_up, 1);
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

HypotheticalDeal Deal(const char* id, const char* amount) {
  HypotheticalDeal d;
  d.deal_id = id;
  d.account_id = "acc-1";
  d.product_id = "p-1";
  d.amount = D(amount);
  d.date = absl::CivilDay(2026, 10, 20);
  return d;
}

TEST(EarningsEstimatorTest, ATierJumpAndTheRollUpCumulativelyPerDeal) {
  auto model = Model();
  auto estimate = model->Estimate("rep", {Deal("A", "2000"), Deal("B", "500")});
  ASSERT_TRUE(estimate.ok()) << estimate.status();
  EXPECT_EQ(estimate->earned_so_far, D("450"));  // 9 000 x 5 %
  ASSERT_EQ(estimate->deals.size(), 2u);
  // A: 11 000 -> 10 000 x 5 % + 1 000 x 8 % = 580; the manager the same on roll-up.
  const DealEstimate& a = estimate->deals[0];
  ASSERT_EQ(a.sellers.size(), 2u);
  EXPECT_EQ(a.sellers[0].seller_id, "rep");
  EXPECT_EQ(a.sellers[0].earned_before, D("450"));
  EXPECT_EQ(a.sellers[0].earned_after, D("580"));
  ASSERT_EQ(a.sellers[0].components.size(), 1u);
  EXPECT_EQ(a.sellers[0].components[0].tier_before, 0);
  EXPECT_EQ(a.sellers[0].components[0].tier_after, 1);
  EXPECT_EQ(a.sellers[1].seller_id, "mgr");
  EXPECT_EQ(a.sellers[1].roll_up_depth, 1);
  EXPECT_EQ(a.sellers[1].earned_after, D("580"));
  // B from where A left off: 11 500 -> +40.
  EXPECT_EQ(estimate->deals[1].sellers[0].earned_before, D("580"));
  EXPECT_EQ(estimate->deals[1].sellers[0].earned_after, D("620"));
  EXPECT_EQ(estimate->total_added, D("170"));
  EXPECT_EQ(model->ManagersOf("rep"), std::vector<std::string>{"mgr"});
}

TEST(EarningsEstimatorTest, ASellerWithoutAPlanIsNotFoundAndAMissingRateNamesTheDeal) {
  auto model = Model();
  EXPECT_EQ(model->Estimate("other", {}).status().code(), absl::StatusCode::kNotFound);
  HypotheticalDeal euro = Deal("E", "100");
  euro.currency = "EUR";
  auto estimate = model->Estimate("rep", {Deal("A", "1"), euro});
  EXPECT_EQ(estimate.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(estimate.status().message()).find("deals[1].currency"), std::string::npos)
      << estimate.status();
}

}  // namespace
}  // namespace attain::compensation::estimate
