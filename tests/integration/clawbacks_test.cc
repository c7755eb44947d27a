// Clawbacks through the gateway: a cancellation naming its deal, dated in a later month,
// reverses the commission the deal's month paid at the rate actually paid there — not the
// tier the rep has reached since — in the cancellation's month, linked to the deal in the
// statement and the explanation. Months of 2039.
#include <gtest/gtest.h>

#include "tests/integration/calculation_fixture.h"

namespace attain::itest {
namespace {

class ClawbacksTest : public CalculationFixture {
 protected:
  static const v1::ComponentResult* Component(const v1::Statement& s, const std::string& id) {
    for (const v1::ComponentResult& c : s.components()) {
      if (c.component_id() == id) return &c;
    }
    return nullptr;
  }
};

// The fixture's plan (5 % up to 10 000, 8 % above, graduated; a SPIF in the first month
// only) with a 40-day clawback window.
TEST_F(ClawbacksTest, ACancelledDealIsClawedBackAtTheRateItsMonthPaidAfterATierJump) {
  CreatePlan("2039-01", /*clawback_window_days=*/40);
  AssignMonth("2039-02");
  // January: D-3 1 000 (Jan 2) and D-1 4 000 (Jan 10). Revenue 5 000, all in the 5 % tier:
  // commission 250, so the rate actually paid is 250 / 5 000 = 0.05. The manager earns the
  // same on roll-up credit.
  ASSERT_TRUE(HasCode(Import({{"D-3", "2039-01-02", "1000"}, {"D-1", "2039-01-10", "4000"}}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2039-01").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  ASSERT_EQ(Component(StatementOf(rep_, "2039-01"), "commission")->earnings(), "250");
  Lock("2039-01");

  // February: D-2 12 000 takes the rep into the 8 % tier; D-4 1 000 and its own cancellation
  // C-4 in the same month net to nothing in the measure; C-1 cancels D-1 36 days after it
  // (inside the 40-day window); C-3 cancels D-3 49 days after it (outside: the pay stands).
  ASSERT_TRUE(HasCode(Import({{"D-2", "2039-02-05", "12000"},
                              {"D-4", "2039-02-06", "1000"},
                              {"C-4", "2039-02-07", "1000", v1::TRANSACTION_TYPE_CANCELLATION, "USD", "D-4"},
                              {"C-1", "2039-02-15", "4000", v1::TRANSACTION_TYPE_CANCELLATION, "USD", "D-1"},
                              {"C-3", "2039-02-20", "1000", v1::TRANSACTION_TYPE_CANCELLATION, "USD", "D-3"}}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2039-02").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);

  for (const std::string& seller : {rep_, mgr_}) {
    SCOPED_TRACE(seller);
    const v1::Statement feb = StatementOf(seller, "2039-02");
    // Revenue 12 000 + 1 000 - 1 000 = 12 000 (C-1 and C-3 settle against January instead):
    // 10 000 x 5 % + 2 000 x 8 % = 500 + 160 = 660.
    const v1::ComponentResult* commission = Component(feb, "commission");
    ASSERT_NE(commission, nullptr);
    EXPECT_EQ(commission->measure_value(), "12000");
    EXPECT_EQ(commission->earnings(), "660");
    // C-1: -4 000 x 0.05 (January's rate) = -200.00; at today's 8 % it would be -320.
    ASSERT_EQ(feb.clawbacks_size(), 1) << feb.DebugString();
    const v1::ClawbackLine& clawback = feb.clawbacks(0);
    const std::string line_id = "clawback:" + source_ + "/C-1:commission";
    EXPECT_EQ(clawback.line_id(), line_id);
    EXPECT_EQ(clawback.component_id(), "commission");
    EXPECT_EQ(clawback.transaction_id(), "C-1");
    EXPECT_EQ(clawback.original_transaction_id(), "D-1");
    EXPECT_EQ(clawback.original_period(), "2039-01");
    EXPECT_EQ(clawback.credit_value(), "-4000");
    EXPECT_EQ(clawback.rate(), "0.05");
    EXPECT_EQ(clawback.amount(), "-200.00");
    const v1::StatementLine* line = Line(feb, line_id);
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->kind(), v1::STATEMENT_LINE_KIND_CLAWBACK);
    EXPECT_EQ(line->amount(), "-200.00");
    EXPECT_NE(line->description().find("D-1"), std::string::npos) << line->description();
    // January is locked and its data unchanged (the cancellations are February's): no true-up.
    EXPECT_EQ(Line(feb, "true-up:2039-01"), nullptr);
    // 660 - 200 = 460: the lines add up to the total.
    EXPECT_EQ(feb.total(), "460.00");
  }

  // The explanation credits D-2, D-4 and C-4 (12 000) and links the clawback to D-1.
  v1::ExplainPayoutResponse explained;
  ASSERT_TRUE(HasCode(Explain(rep_, "2039-02", "commission", &explained), grpc::StatusCode::OK));
  EXPECT_EQ(explained.credited_total(), "12000");
  EXPECT_EQ(explained.total_size(), 3);
  ASSERT_EQ(explained.clawbacks_size(), 1);
  EXPECT_EQ(explained.clawbacks(0).original_transaction_id(), "D-1");
  EXPECT_EQ(explained.clawbacks(0).amount(), "-200.00");

  // Rerunning February gives the same one clawback.
  ASSERT_EQ(RunToEnd("2039-02").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  const v1::Statement again = StatementOf(rep_, "2039-02");
  EXPECT_EQ(again.clawbacks_size(), 1);
  EXPECT_EQ(again.total(), "460.00");
}

TEST_F(ClawbacksTest, OnlyAReversalNamesAnOriginalAndTheBadRowWritesNothing) {
  CreatePlan("2039-04", /*clawback_window_days=*/40);
  grpc::Status status = Import({{"D-9", "2039-04-02", "1000", v1::TRANSACTION_TYPE_ORDER, "USD", "D-8"}});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("original_transaction_id"), std::string::npos)
      << status.error_message();
  status = Import({{"C-9", "2039-04-03", "100", v1::TRANSACTION_TYPE_REFUND, "USD", "C-9"}});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("original_transaction_id"), std::string::npos);
  // Nothing was written: the month's run pays nothing.
  ASSERT_EQ(RunToEnd("2039-04").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(StatementOf(rep_, "2039-04").total(), "0.00");
}

}  // namespace
}  // namespace attain::itest
