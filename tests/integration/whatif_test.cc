// What-if plan modelling through the gateway: a draft version with higher rates run against a
// calculated month in a sandbox, compared with the published run — and the published
// statements and the period unchanged afterwards. Months of 2038.
#include <gtest/gtest.h>

#include "attain/compensation/v1/periods.grpc.pb.h"
#include "attain/compensation/v1/whatif.grpc.pb.h"
#include "tests/integration/calculation_fixture.h"

namespace attain::itest {
namespace {

class WhatIfTest : public CalculationFixture {
 protected:
  void SetUp() override {
    CalculationFixture::SetUp();
    if (HasFatalFailure()) return;
    whatif_ = v1::WhatIfService::NewStub(stack().gateway_channel());
  }

  // Version 2 of the fixture's plan as a DRAFT: 6 % up to 10 000 and 10 % above, the SPIF as
  // in version 1.
  void ReviseWithHigherRates(const std::string& month) {
    auto plans = v1::PlanService::NewStub(stack().gateway_channel());
    v1::RevisePlanRequest revise;
    revise.set_name("plans/" + plan_id_);
    revise.set_request_id(UniqueId("revise"));
    *revise.mutable_version() = CommissionAndSpifPlan(plan_id_, month, "unused").version();
    v1::RateTable* rates =
        revise.mutable_version()->mutable_components(0)->mutable_commission()->mutable_rates();
    rates->mutable_tiers(0)->set_rate("0.06");
    rates->mutable_tiers(1)->set_rate("0.10");
    v1::PlanVersion draft;
    ASSERT_TRUE(HasCode(plans->RevisePlan(MakeContext(admin_).get(), revise, &draft),
                        grpc::StatusCode::OK));
  }

  grpc::Status RunWhatIf(const std::string& period, const std::string& plan_version,
                         v1::WhatIfResult* out, const std::string& token = "", int top = 0) {
    v1::RunWhatIfRequest request;
    request.set_period(period);
    request.set_plan_version(plan_version);
    request.set_top(top);
    return whatif_->RunWhatIf(
        MakeContext(token.empty() ? admin_ : token, std::chrono::seconds(60)).get(), request, out);
  }

  std::string StatementBytes(const std::string& seller, const std::string& period) {
    v1::Statement statement;
    EXPECT_TRUE(HasCode(GetStatement(seller, period, &statement), grpc::StatusCode::OK));
    return statement.SerializeAsString();
  }

  std::string Version2() const { return "plans/" + plan_id_ + "/versions/2"; }

  std::unique_ptr<v1::WhatIfService::Stub> whatif_;
};

TEST_F(WhatIfTest, DraftWithHigherRatesComparedWithThePublishedRunWhichStaysUnchanged) {
  const std::string period = "2038-01";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"W-1", "2038-01-10", "12000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun run = RunToEnd(period);
  ASSERT_EQ(run.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  ReviseWithHigherRates(period);
  ASSERT_FALSE(HasFatalFailure());

  const v1::Period before = Get(period);
  const std::string rep_before = StatementBytes(rep_, period);
  const std::string mgr_before = StatementBytes(mgr_, period);

  v1::WhatIfResult result;
  ASSERT_TRUE(HasCode(RunWhatIf(period, Version2(), &result), grpc::StatusCode::OK))
      << stack().LogTails(30);
  EXPECT_EQ(result.period(), period);
  EXPECT_EQ(result.plan_version(), Version2());
  EXPECT_EQ(result.actual_run(), run.name());
  EXPECT_EQ(result.note(), "");

  // Actual (version 1): rep 5 % of 10 000 + 8 % of 2 000 = 660 commission + 250 SPIF = 910;
  // manager 660 on roll-up credit. Sandbox (version 2): 6 % of 10 000 + 10 % of 2 000 = 800,
  // so rep 1 050 and manager 800. Totals 1 570 -> 1 850.
  ASSERT_EQ(result.totals_size(), 1);
  EXPECT_EQ(result.totals(0).currency(), "USD");
  EXPECT_EQ(result.totals(0).actual(), "1570.00");
  EXPECT_EQ(result.totals(0).sandbox(), "1850.00");
  EXPECT_EQ(result.totals(0).delta(), "280.00");

  ASSERT_EQ(result.components_size(), 2) << result.DebugString();
  EXPECT_EQ(result.components(0).component_id(), "analytics_spif");
  EXPECT_EQ(result.components(0).actual(), "250.00");
  EXPECT_EQ(result.components(0).sandbox(), "250.00");
  EXPECT_EQ(result.components(0).delta(), "0.00");
  EXPECT_EQ(result.components(1).component_id(), "commission");
  EXPECT_EQ(result.components(1).actual(), "1320.00");
  EXPECT_EQ(result.components(1).sandbox(), "1600.00");
  EXPECT_EQ(result.components(1).delta(), "280.00");

  // Both gain 140: the tie goes by seller id ("calc-mgr-..." before "calc-rep-...").
  EXPECT_EQ(result.sellers_compared(), 2);
  EXPECT_EQ(result.sellers_affected(), 2);
  ASSERT_EQ(result.top_gainers_size(), 2);
  EXPECT_EQ(result.top_gainers(0).seller_id(), mgr_);
  EXPECT_EQ(result.top_gainers(0).actual(), "660.00");
  EXPECT_EQ(result.top_gainers(0).sandbox(), "800.00");
  EXPECT_EQ(result.top_gainers(0).delta(), "140.00");
  EXPECT_EQ(result.top_gainers(1).seller_id(), rep_);
  EXPECT_EQ(result.top_gainers(1).actual(), "910.00");
  EXPECT_EQ(result.top_gainers(1).sandbox(), "1050.00");
  EXPECT_EQ(result.top_losers_size(), 0);

  // --top 1 keeps the first gainer only.
  v1::WhatIfResult one;
  ASSERT_TRUE(HasCode(RunWhatIf(period, Version2(), &one, "", 1), grpc::StatusCode::OK));
  ASSERT_EQ(one.top_gainers_size(), 1);
  EXPECT_EQ(one.top_gainers(0).seller_id(), mgr_);

  // Version 1 against its own run: nothing moves.
  v1::WhatIfResult same;
  ASSERT_TRUE(
      HasCode(RunWhatIf(period, "plans/" + plan_id_ + "/versions/1", &same), grpc::StatusCode::OK));
  EXPECT_EQ(same.totals(0).delta(), "0.00");
  EXPECT_EQ(same.sellers_compared(), 2);
  EXPECT_EQ(same.sellers_affected(), 0);

  // The sandbox published nothing: same period, same run, same statements.
  const v1::Period after = Get(period);
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  EXPECT_EQ(after.published_run(), run.name());
  EXPECT_EQ(StatementBytes(rep_, period), rep_before);
  EXPECT_EQ(StatementBytes(mgr_, period), mgr_before);
}

TEST_F(WhatIfTest, APeriodWithoutAPublishedRunComparesWithZero) {
  const std::string period = "2038-02";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"W-2", "2038-02-10", "12000"}}), grpc::StatusCode::OK));
  ReviseWithHigherRates(period);
  ASSERT_FALSE(HasFatalFailure());

  v1::WhatIfResult result;
  ASSERT_TRUE(HasCode(RunWhatIf(period, Version2(), &result), grpc::StatusCode::OK))
      << stack().LogTails(30);
  EXPECT_EQ(result.actual_run(), "");
  EXPECT_NE(result.note().find("no published run"), std::string::npos) << result.note();
  ASSERT_EQ(result.totals_size(), 1);
  EXPECT_EQ(result.totals(0).actual(), "0.00");
  EXPECT_EQ(result.totals(0).sandbox(), "1850.00");
  EXPECT_EQ(result.totals(0).delta(), "1850.00");
  EXPECT_EQ(result.sellers_compared(), 2);
  ASSERT_EQ(result.top_gainers_size(), 2);
  EXPECT_EQ(result.top_gainers(0).seller_id(), rep_);  // 1 050 before the manager's 800
  EXPECT_EQ(result.top_gainers(0).delta(), "1050.00");
  // Still nothing published.
  EXPECT_EQ(Get(period).published_run(), "");
}

TEST_F(WhatIfTest, RejectsBadNamesMissingVersionsAndRolesWithoutAccess) {
  const std::string period = "2038-03";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());
  v1::WhatIfResult result;
  grpc::Status bad_version = RunWhatIf(period, "plans/" + plan_id_ + "/v/2", &result);
  EXPECT_TRUE(HasCode(bad_version, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_NE(bad_version.error_message().find("plan_version"), std::string::npos)
      << bad_version.error_message();
  grpc::Status bad_period = RunWhatIf("2038-13", Version2(), &result);
  EXPECT_TRUE(HasCode(bad_period, grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_NE(bad_period.error_message().find("period"), std::string::npos)
      << bad_period.error_message();
  EXPECT_TRUE(HasCode(RunWhatIf(period, Version2(), &result), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(RunWhatIf(period, "plans/" + UniqueId("none") + "/versions/1", &result),
                      grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(
      HasCode(RunWhatIf(period, "plans/" + plan_id_ + "/versions/1", &result, Token(rep_, {"rep"})),
              grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(RunWhatIf(period, "plans/" + plan_id_ + "/versions/1", &result,
                                Token(UniqueId("analyst"), {"analyst"})),
                      grpc::StatusCode::OK));
}

}  // namespace
}  // namespace attain::itest
