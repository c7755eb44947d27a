// Linked reversals and their clawbacks (calculation/clawbacks.h), without a database: which
// reversals settle against an earlier period, that they leave the measures, and the
// clawback arithmetic — credit as the original period credited the deal x the rate that
// period actually paid, within the plan's window.
#include <gtest/gtest.h>

#include "services/compensation/calculation/clawbacks.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/calculation/run_inputs.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }

store::TransactionRowView Reversal(std::string_view id, std::string_view date, std::string_view original,
                                   std::optional<std::string_view> original_date) {
  store::TransactionRowView row;
  row.source_system = "crm";
  row.transaction_id = id;
  row.type = "CANCELLATION";
  row.date = date;
  row.account_id = "acc-1";
  row.product_id = "p-1";
  row.amount = "-4000";
  row.currency = "USD";
  row.owner_seller_id = "rep";
  row.original_transaction_id = original;
  row.original_date = original_date;
  return row;
}

Period Month(const char* label) { return *ParsePeriod(label, 1); }

// The deal's period SettledAgainstPeriod names, if any.
std::optional<std::string> SettledPeriod(const store::TransactionRowView& row, const Period& period) {
  auto settled = SettledAgainstPeriod(row, period);
  if (!settled) return std::nullopt;
  return settled->original_period;
}

TEST(SettledAgainstPeriodTest, OnlyAReversalOfADealInAnEarlierPeriod) {
  EXPECT_EQ(SettledPeriod(Reversal("c", "2026-10-05", "d", "2026-09-20"), Month("2026-10")),
            "2026-09");
  // The deal's own month: nets in the measure like any reversal.
  EXPECT_EQ(SettledPeriod(Reversal("c", "2026-10-05", "d", "2026-10-01"), Month("2026-10")),
            std::nullopt);
  // The original is not stored (or not yet): counts in its own period.
  EXPECT_EQ(SettledPeriod(Reversal("c", "2026-10-05", "d", std::nullopt), Month("2026-10")),
            std::nullopt);
  // A "reversal" dated before its deal is not one.
  EXPECT_EQ(SettledPeriod(Reversal("c", "2026-10-05", "d", "2026-11-01"), Month("2026-10")),
            std::nullopt);
  store::TransactionRowView order = Reversal("c", "2026-10-05", "d", "2026-09-20");
  order.type = "ORDER";
  EXPECT_EQ(SettledPeriod(order, Month("2026-10")), std::nullopt);
  // Quarters: August and September are one quarter; June is the quarter before.
  const Period q3 = *ParsePeriod("2026-Q3", 1);
  EXPECT_EQ(SettledPeriod(Reversal("c", "2026-09-05", "d", "2026-08-20"), q3), std::nullopt);
  EXPECT_EQ(SettledPeriod(Reversal("c", "2026-09-05", "d", "2026-06-30"), q3), "2026-Q2");
}

std::shared_ptr<PlanningSnapshot> RepUnderManager() {
  auto planning = std::make_shared<PlanningSnapshot>();
  planning->sellers = {{"rep", "AE"}, {"mgr", "Manager"}};
  planning->lines = {{"rep", "mgr", absl::CivilDay(2026, 1, 1), std::nullopt}};
  planning->product_families = {{"p-1", "Cloud"}};
  return planning;
}

TEST(RunInputBuilderTest, SettledReversalsLeaveTheMeasuresAndThePeriodsOwnAreKept) {
  const fx::FxTable fx = TableOf({});
  const Period october = Month("2026-10");
  // A year-to-date read: September's reversal of an August deal is September's to settle.
  RunInputBuilder builder(RepUnderManager(), october, "USD", &fx, {});
  store::TransactionRowView order = Reversal("d-2", "2026-10-02", "", std::nullopt);
  order.type = "ORDER";
  order.amount = "12000";
  order.original_transaction_id = std::nullopt;
  ASSERT_TRUE(builder.Add(order).ok());
  ASSERT_TRUE(builder.Add(Reversal("c-1", "2026-10-05", "d-1", "2026-09-20")).ok());
  ASSERT_TRUE(builder.Add(Reversal("c-0", "2026-09-05", "d-0", "2026-08-20")).ok());
  ASSERT_TRUE(builder.Add(Reversal("c-4", "2026-10-07", "d-4", "2026-10-06")).ok());
  auto inputs = std::move(builder).Finish({}, {}, {}, {});
  ASSERT_TRUE(inputs.ok()) << inputs.status();
  // d-2 and c-4 (same-month reversal) are measured; c-1 and c-0 are not.
  ASSERT_EQ((*inputs)->data.transactions.size(), 2u);
  ASSERT_EQ((*inputs)->settled_reversals.size(), 1u);
  const LinkedReversal& kept = (*inputs)->settled_reversals[0];
  EXPECT_EQ(kept.transaction_id, "c-1");
  EXPECT_EQ(kept.original_transaction_id, "d-1");
  EXPECT_EQ(kept.original_period, "2026-09");
  EXPECT_EQ(kept.original_date, absl::CivilDay(2026, 9, 20));
  std::string date;
  EXPECT_EQ(kept.AsOriginalDated(&date).date, "2026-09-20");
  EXPECT_FALSE(kept.AsOriginalDated(&date).original_transaction_id.has_value());
}

// September as the original period credited the reversal (re-dated to its deal's day).
std::unique_ptr<RunInputs> CreditedInSeptember(const std::vector<LinkedReversal>& reversals) {
  static const fx::FxTable* const fx = new fx::FxTable(TableOf({}));
  RunInputBuilder builder(RepUnderManager(), Month("2026-09"), "USD", fx, {.keep_keys = true});
  std::string date;
  for (const LinkedReversal& r : reversals) EXPECT_TRUE(builder.Add(r.AsOriginalDated(&date)).ok());
  RollUpSettings roll_up;
  roll_up.max_depth = 1;
  return *std::move(builder).Finish({}, {}, {}, roll_up);
}

std::shared_ptr<plan::Plan> CommissionPlan(int window_days) {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = "ae";
  p->currency = "USD";
  p->measures = {{"revenue", plan::MeasureBasis::kCreditAmount, {}, false}};
  plan::Component commission;
  commission.id = "commission";
  commission.commission.measure_id = "revenue";
  p->components = {commission};
  p->clawback_window_days = window_days;
  return p;
}

// What September paid: `earnings` on a measure of `measured`.
PaidStatement Paid(std::shared_ptr<plan::Plan> plan, const char* measured, const char* earnings) {
  PaidStatement paid;
  paid.plan = std::move(plan);
  v1::ComponentResult* c = paid.statement.add_components();
  c->set_component_id("commission");
  c->set_measure_value(measured);
  c->set_earnings(earnings);
  return paid;
}

LinkedReversal Kept(const char* id, absl::CivilDay date, absl::CivilDay original_date) {
  LinkedReversal r;
  r.original_period = "2026-09";
  r.date = date;
  r.original_date = original_date;
  r.source_system = "crm";
  r.transaction_id = id;
  r.original_transaction_id = "d-1";
  r.type = "CANCELLATION";
  r.account_id = "acc-1";
  r.product_id = "p-1";
  r.amount = "-4000";
  r.currency = "USD";
  r.owner_seller_id = "rep";
  return r;
}

TEST(AddClawbacksTest, TheRatePaidThenForTheRepAndTheManagerWithinTheWindow) {
  const std::vector<LinkedReversal> reversals = {
      Kept("c-1", absl::CivilDay(2026, 10, 20), absl::CivilDay(2026, 9, 20))};
  auto credited = CreditedInSeptember(reversals);
  // The rep was paid 250 on 5 000 (rate 0.05), the manager 300 on 5 000 (0.06).
  const auto plan = CommissionPlan(30);
  const PaidLookup paid = [&](const std::string& seller) -> absl::StatusOr<std::optional<PaidStatement>> {
    if (seller == "rep") return Paid(plan, "5000", "250");
    if (seller == "mgr") return Paid(plan, "5000", "300");
    return std::nullopt;
  };
  Clawbacks out;
  ASSERT_TRUE(AddClawbacks(*credited, {&reversals[0]}, "USD", paid, &out).ok());
  ASSERT_EQ(out["rep"].size(), 1u);
  const calc::Clawback& rep = out["rep"][0];
  EXPECT_EQ(rep.id, "clawback:crm/c-1:commission");
  EXPECT_EQ(rep.credit, D("-4000"));
  EXPECT_EQ(rep.rate, D("0.05"));
  EXPECT_EQ(rep.amount, D("-200"));  // -4 000 x 0.05
  EXPECT_EQ(rep.original_transaction_id, "d-1");
  EXPECT_EQ(rep.original_period, "2026-09");
  ASSERT_EQ(out["mgr"].size(), 1u);
  EXPECT_EQ(out["mgr"][0].amount, D("-240"));  // roll-up credit -4 000 x 0.06
}

TEST(AddClawbacksTest, NothingPastTheWindowWithoutAPolicyOrWhenNothingWasPaid) {
  const std::vector<LinkedReversal> reversals = {
      Kept("c-1", absl::CivilDay(2026, 10, 21), absl::CivilDay(2026, 9, 20))};  // 31 days
  auto credited = CreditedInSeptember(reversals);
  for (int window : {30, 0}) {
    const auto plan = CommissionPlan(window);
    Clawbacks out;
    ASSERT_TRUE(AddClawbacks(*credited, {&reversals[0]}, "USD",
                             [&](const std::string&) -> absl::StatusOr<std::optional<PaidStatement>> {
                               return Paid(plan, "5000", "250");
                             },
                             &out)
                    .ok());
    EXPECT_TRUE(out.empty()) << window;
  }
  // Within a 31-day window, but the component paid nothing (a gate failed): no line.
  const auto plan = CommissionPlan(31);
  Clawbacks out;
  ASSERT_TRUE(AddClawbacks(*credited, {&reversals[0]}, "USD",
                           [&](const std::string&) -> absl::StatusOr<std::optional<PaidStatement>> {
                             return Paid(plan, "5000", "0");
                           },
                           &out)
                  .ok());
  EXPECT_TRUE(out.empty());
  // A plan paying in another currency is left to the inputs built in that one.
  auto euro = CommissionPlan(31);
  euro->currency = "EUR";
  ASSERT_TRUE(AddClawbacks(*credited, {&reversals[0]}, "USD",
                           [&](const std::string&) -> absl::StatusOr<std::optional<PaidStatement>> {
                             return Paid(euro, "5000", "250");
                           },
                           &out)
                  .ok());
  EXPECT_TRUE(out.empty());
}

TEST(ClawbackStatementTest, AClawbackIsOwnEarningsAndTheLinesAddUp) {
  plan::Plan plan = *CommissionPlan(30);
  calc::ComponentResult commission;
  commission.component_id = "commission";
  commission.earnings = D("660");
  calc::Clawback clawback;
  clawback.id = "clawback:crm/c-1:commission";
  clawback.amount = D("-200.004");  // rounds half-even to -200.00 on its line
  auto statement = calc::BuildStatement(plan, {commission}, Decimal(), {}, Decimal(), {}, {clawback});
  ASSERT_TRUE(statement.ok()) << statement.status();
  ASSERT_EQ(statement->lines.size(), 2u);
  EXPECT_EQ(statement->lines[1].kind, calc::LineKind::kClawback);
  EXPECT_EQ(statement->lines[1].amount, D("-200"));
  EXPECT_EQ(statement->total, D("460"));
  EXPECT_EQ(calc::OwnEarned(*statement), D("460"));
}

}  // namespace
}  // namespace attain::compensation::calculation
