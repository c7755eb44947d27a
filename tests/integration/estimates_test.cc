// EstimateEarnings through the gateway: what the rep has earned so far and what hypothetical
// deals would add — a tier jump, a SPIF, the manager's roll-up — cumulative in order, the
// manager's figures shown to those who may read them and never to the rep, bad deals named
// by field, and nothing written. Months of 2039 from June.
#include <gtest/gtest.h>

#include "attain/compensation/v1/estimate.grpc.pb.h"
#include "tests/integration/calculation_fixture.h"

namespace attain::itest {
namespace {

class EstimatesTest : public CalculationFixture {
 protected:
  void SetUp() override {
    CalculationFixture::SetUp();
    if (HasFatalFailure()) return;
    estimates_ = v1::EstimateService::NewStub(stack().gateway_channel());
  }

  v1::HypotheticalDeal Deal(const std::string& id, const std::string& amount, const std::string& date) {
    v1::HypotheticalDeal deal;
    deal.set_deal_id(id);
    deal.set_account_id(account_);
    deal.set_product_id(product_);
    deal.set_amount(amount);
    deal.set_transaction_date(date);
    return deal;
  }

  grpc::Status Estimate(const std::string& seller, const std::string& period,
                        const std::vector<v1::HypotheticalDeal>& deals, v1::EstimateEarningsResponse* out,
                        const std::string& token = "") {
    v1::EstimateEarningsRequest request;
    request.set_seller_id(seller);
    request.set_period(period);
    for (const v1::HypotheticalDeal& d : deals) *request.add_deals() = d;
    return estimates_->EstimateEarnings(
        MakeContext(token.empty() ? admin_ : token, std::chrono::seconds(60)).get(), request, out);
  }

  std::unique_ptr<v1::EstimateService::Stub> estimates_;
};

TEST_F(EstimatesTest, DealsAddTheirTierJumpSpifAndRollUpCumulatively) {
  const std::string period = "2039-06";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  // So far: 9 000 of Analytics orders -> 9 000 x 5 % = 450, plus the 250 SPIF = 700 for the
  // rep; the manager 450 on roll-up (the SPIF is direct only).
  ASSERT_TRUE(HasCode(Import({{"E-1", "2039-06-05", "9000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun run = RunToEnd(period);
  ASSERT_EQ(run.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  const std::string published = StatementOf(rep_, period).SerializeAsString();

  v1::EstimateEarningsResponse estimate;
  ASSERT_TRUE(HasCode(Estimate(rep_, period, {Deal("A", "2000", "2039-06-20"), Deal("B", "500", "")}, &estimate),
                      grpc::StatusCode::OK));
  EXPECT_EQ(estimate.run(), run.name());
  EXPECT_EQ(estimate.currency(), "USD");
  EXPECT_EQ(estimate.earned_so_far(), "700.00");
  ASSERT_EQ(estimate.deals_size(), 2);
  // A: 11 000 crosses 10 000 -> 10 000 x 5 % + 1 000 x 8 % = 580 (+130), tier 0 -> 1; a
  // qualifying Analytics order (>= 1 000) adds the 250 SPIF: +380 for the rep, +130 for the
  // manager one level up.
  const v1::DealEstimate& a = estimate.deals(0);
  EXPECT_EQ(a.deal_id(), "A");
  EXPECT_EQ(a.added(), "380.00");
  ASSERT_EQ(a.sellers_size(), 2) << a.DebugString();
  EXPECT_EQ(a.sellers(0).seller_id(), rep_);
  EXPECT_EQ(a.sellers(0).earned_before(), "700.00");
  EXPECT_EQ(a.sellers(0).earned_after(), "1080.00");
  bool saw_tier_jump = false;
  for (const v1::ComponentChange& c : a.sellers(0).components()) {
    if (c.component_id() != "commission") continue;
    saw_tier_jump = true;
    EXPECT_EQ(c.measure_before(), "9000");
    EXPECT_EQ(c.measure_after(), "11000");
    EXPECT_EQ(c.tier_before(), 0);
    EXPECT_EQ(c.tier_after(), 1);
    EXPECT_EQ(c.earnings_after(), "580");
  }
  EXPECT_TRUE(saw_tier_jump) << a.DebugString();
  EXPECT_EQ(a.sellers(1).seller_id(), mgr_);
  EXPECT_EQ(a.sellers(1).roll_up_depth(), 1);
  EXPECT_EQ(a.sellers(1).added(), "130.00");
  // B starts where A left off: 11 500 -> +40 at 8 %; 500 is below the SPIF's 1 000 minimum.
  const v1::DealEstimate& b = estimate.deals(1);
  EXPECT_EQ(b.added(), "40.00");
  EXPECT_EQ(b.sellers(0).earned_before(), "1080.00");
  EXPECT_EQ(b.sellers(1).added(), "40.00");
  EXPECT_EQ(estimate.estimated_total(), "1120.00");

  // The rep sees their own figures only; the manager sees both.
  v1::EstimateEarningsResponse as_rep;
  ASSERT_TRUE(HasCode(Estimate(rep_, period, {Deal("A", "2000", "2039-06-20")}, &as_rep, Token(rep_, {"rep"})),
                      grpc::StatusCode::OK));
  ASSERT_EQ(as_rep.deals(0).sellers_size(), 1);
  EXPECT_EQ(as_rep.deals(0).sellers(0).seller_id(), rep_);
  EXPECT_EQ(as_rep.deals(0).added(), "380.00");
  v1::EstimateEarningsResponse as_manager;
  ASSERT_TRUE(HasCode(Estimate(rep_, period, {Deal("A", "2000", "2039-06-20")}, &as_manager,
                               Token(mgr_, {"manager"})),
                      grpc::StatusCode::OK));
  EXPECT_EQ(as_manager.deals(0).sellers_size(), 2);
  // A rep estimating someone else, and a manager outside the subtree, are refused.
  EXPECT_TRUE(HasCode(Estimate(outsider_, period, {}, &as_rep, Token(rep_, {"rep"})),
                      grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Estimate(rep_, period, {}, &as_rep, Token(outsider_, {"manager"})),
                      grpc::StatusCode::PERMISSION_DENIED));

  // Nothing was written: the published statement is byte-identical.
  EXPECT_EQ(StatementOf(rep_, period).SerializeAsString(), published);
}

TEST_F(EstimatesTest, BadDealsAreNamedAndAPeriodWithoutARunIsAPrecondition) {
  const std::string period = "2039-07";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  v1::EstimateEarningsResponse out;
  grpc::Status status = Estimate(rep_, period, {Deal("A", "100", "")}, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();

  ASSERT_EQ(RunToEnd(period).state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  v1::HypotheticalDeal bad = Deal("X", "-5", "2039-08-01");
  status = Estimate(rep_, period, {Deal("A", "100", ""), bad}, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("deals[1].amount"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("(and 1 more)"), std::string::npos) << status.error_message();
  status = Estimate(rep_, period, {Deal("A", "100", "2039-08-01")}, &out);
  EXPECT_NE(status.error_message().find("deals[0].transaction_date"), std::string::npos)
      << status.error_message();
  status = Estimate(rep_, "2039-13", {}, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // The outsider has no plan in the month.
  EXPECT_EQ(Estimate(outsider_, period, {}, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace attain::itest
